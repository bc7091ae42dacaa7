import { useEffect, useRef, useState } from 'react'
import { Icon } from '../../ui/Icon'
import { NewSessionMenu } from '../realtime/NewSessionMenu'
import { requestClose } from './closeTab'
import { CloseTabDialog } from './CloseTabDialog'
import { useTabs, type Tab } from './tabsStore'
import { kindBadge, shownTitle, tabLabel } from './tabTitles'
import { useT } from '../../i18n'

function Badge({ tab }: { tab: Tab }) {
  return tab.kind === 'http' ? (
    <span className={`method-badge method-${tab.draft.method.toLowerCase()}`}>{tab.draft.method}</span>
  ) : (
    <span className={`method-badge kind-${tab.kind}`}>{kindBadge(tab.kind)}</span>
  )
}

/**
 * The open requests, as an ARIA tablist: arrows move between tabs, Delete closes one. The tab in
 * front is always scrolled into view; the wheel scrolls the strip sideways; "All tabs" lists them all.
 */
export function TabStrip() {
  const { t } = useT('tabs')
  const { tabs, activeId, activate, open, move } = useTabs()
  const list = useRef<HTMLDivElement>(null)
  const markEdges = (): void => {
    const el = list.current
    if (!el) return
    el.dataset['moreBefore'] = String(el.scrollLeft > 1)
    el.dataset['moreAfter'] = String(el.scrollLeft + el.clientWidth < el.scrollWidth - 1)
  }
  useEffect(() => {
    if (activeId) document.getElementById(`tab-${activeId}`)?.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    markEdges()
  }, [activeId, tabs])
  useEffect(() => {
    const observer = new ResizeObserver(markEdges)
    if (list.current) observer.observe(list.current)
    return () => observer.disconnect()
  }, [])
  return (
    <div className="tab-strip">
      <div
        ref={list}
        role="tablist"
        aria-label={t('tabStrip.openRequests')}
        className="tab-list"
        onScroll={markEdges}
        onWheel={(event) => {
          // A mouse wheel scrolls vertically; the strip only scrolls sideways.
          if (list.current && Math.abs(event.deltaY) > Math.abs(event.deltaX)) list.current.scrollLeft += event.deltaY
        }}
      >
        {tabs.map((tab, index) => {
          const label = tabLabel(tab)
          return (
            <div
              key={tab.id}
              className={`tab ${tab.id === activeId ? 'tab-active' : ''}`}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData('application/x-parley-tab', tab.id)
                event.dataTransfer.effectAllowed = 'move'
              }}
              onDragOver={(event) => {
                if (event.dataTransfer.types.includes('application/x-parley-tab')) event.preventDefault()
              }}
              onDrop={(event) => {
                const dragged = event.dataTransfer.getData('application/x-parley-tab')
                if (!dragged) return
                event.preventDefault()
                move(dragged, index)
              }}
            >
              <button
                type="button"
                role="tab"
                id={`tab-${tab.id}`}
                aria-selected={tab.id === activeId}
                aria-controls="request-panel"
                tabIndex={tab.id === activeId ? 0 : -1}
                className="tab-button"
                title={shownTitle(tab)}
                onClick={() => activate(tab.id)}
                onKeyDown={(event) => {
                  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
                  if (step && event.altKey) {
                    event.preventDefault()
                    move(tab.id, index + step)
                  } else if (step) {
                    event.preventDefault()
                    const next = tabs[(index + step + tabs.length) % tabs.length]
                    if (next) {
                      activate(next.id)
                      document.getElementById(`tab-${next.id}`)?.focus()
                    }
                  } else if (event.key === 'Delete') {
                    requestClose(tab.id)
                  }
                }}
              >
                <Badge tab={tab} />
                <span className="tab-title">{label}</span>
                {tab.dirty && <span className="dirty-dot" aria-label={t('tabStrip.unsavedChanges')} />}
              </button>
              <button
                type="button"
                className="tab-close"
                aria-label={t('tabStrip.close', { title: shownTitle(tab) })}
                title={t('tabStrip.closeCtrlWAlt')}
                onClick={() => requestClose(tab.id)}
              >
                <Icon name="close" size={12} />
              </button>
            </div>
          )
        })}
      </div>
      <AllTabsMenu />
      <button type="button" className="icon-button" aria-label={t('tabStrip.newRequest')} title={t('tabStrip.newRequestCtrlT')} onClick={() => open()}>
        <Icon name="plus" />
      </button>
      <NewSessionMenu />
      <CloseTabDialog />
    </div>
  )
}

/** Every open tab in one list, for when the strip holds more than fits. */
function AllTabsMenu() {
  const { t } = useT('tabs')
  const { tabs, activeId, activate } = useTabs()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    root.current?.querySelector<HTMLElement>('[aria-checked="true"], [role="menuitemradio"]')?.focus()
    return () => document.removeEventListener('mousedown', close)
  }, [open])
  const choose = (id: string): void => {
    setOpen(false)
    activate(id)
    document.getElementById(`tab-${id}`)?.focus()
  }
  return (
    <div className="rt-new-menu" ref={root}>
      <button
        type="button"
        className="icon-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('tabStrip.allTabs')}
        title={t('tabStrip.allTabs2', { count: tabs.length })}
        onClick={() => setOpen(!open)}
      >
        <Icon name="chevron" size={14} />
      </button>
      {open && (
        <div
          role="menu"
          aria-label={t('tabStrip.allTabs')}
          className="rt-menu tab-overflow-menu"
          onKeyDown={(event) => {
            const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])]
            const at = items.indexOf(document.activeElement as HTMLElement)
            if (event.key === 'Escape') setOpen(false)
            else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault()
              items[(at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus()
            }
          }}
        >
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="menuitemradio"
              aria-checked={tab.id === activeId}
              className="rt-menu-item tab-overflow-item"
              title={shownTitle(tab)}
              onClick={() => choose(tab.id)}
            >
              <Badge tab={tab} />
              <span className="tab-title">{tabLabel(tab)}</span>
              {tab.dirty && <span className="dirty-dot" aria-label={t('tabStrip.unsavedChanges')} />}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
