import { useEffect, useRef, useState } from 'react'
import { useT } from '../../i18n'
import { tabLabel } from '../tabs/tabTitles'
import { useTabs } from '../tabs/tabsStore'
import { openSideBySide } from './sideBySide'

/** "Side by side": shows this realtime tab beside another open one, or beside a new copy of itself. */
export function SideBySideMenu({ tabId }: { tabId: string }) {
  const { t } = useT('split')
  const others = useTabs((s) => s.tabs.filter((tab) => tab.kind !== 'http' && tab.id !== tabId))
  const inSplit = useTabs((s) => !!s.split?.includes(tabId))
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    return () => document.removeEventListener('mousedown', close)
  }, [open])
  if (inSplit) return null
  const choose = (otherId?: string) => {
    setOpen(false)
    openSideBySide(tabId, otherId)
  }
  return (
    <div className="rt-new-menu" ref={root}>
      <button type="button" className="secondary-button" aria-haspopup="menu" aria-expanded={open} title={t('openHint')} onClick={() => setOpen(!open)}>
        {t('open')}
      </button>
      {open && (
        <div role="menu" aria-label={t('open')} className="rt-menu split-menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" role="menuitem" className="rt-menu-item" onClick={() => choose()}>
            {t('withCopy')}
          </button>
          {others.map((tab) => (
            <button key={tab.id} type="button" role="menuitem" className="rt-menu-item" onClick={() => choose(tab.id)}>
              {t('withTab', { title: tabLabel(tab) })}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
