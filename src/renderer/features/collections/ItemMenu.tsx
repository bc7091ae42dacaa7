import { useEffect, useRef, useState } from 'react'
import { useT } from '../../i18n'

export interface MenuEntry {
  label: string
  run: () => void
  danger?: boolean
}

/** "More actions for NAME": a button that opens a menu; arrows move, Esc closes and gives focus back. */
export function ItemMenu({ name, entries }: { name: string; entries: MenuEntry[] }) {
  const { t } = useT('collections')
  const [openAt, setOpenAt] = useState<{ left: number; top: number }>()
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const close = (refocus: boolean): void => {
    setOpenAt(undefined)
    if (refocus) button.current?.focus()
  }
  useEffect(() => {
    if (!openAt) return
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const onDown = (event: MouseEvent): void => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) close(false)
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [openAt])
  const toggle = (): void => {
    if (openAt) return close(false)
    const rect = button.current!.getBoundingClientRect()
    setOpenAt({ left: Math.min(rect.left, window.innerWidth - 200), top: rect.bottom + 2 })
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        className="tree-more"
        aria-label={t('itemMenu.moreActionsFor', { name })}
        title={t('itemMenu.moreActions')}
        aria-haspopup="menu"
        aria-expanded={openAt !== undefined}
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation()
          toggle()
        }}
        onKeyDown={(event) => event.stopPropagation()}
        data-menu-button
      >
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <circle cx="5" cy="12" r="1.8" />
          <circle cx="12" cy="12" r="1.8" />
          <circle cx="19" cy="12" r="1.8" />
        </svg>
      </button>
      {openAt && (
        <div
          ref={menu}
          role="menu"
          aria-label={t('itemMenu.actionsFor', { name })}
          className="item-menu"
          style={{ left: openAt.left, top: openAt.top }}
          onClick={(event) => event.stopPropagation()}
          onKeyDown={(event) => {
            event.stopPropagation()
            const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
            const at = items.indexOf(document.activeElement as HTMLElement)
            if (event.key === 'Escape') {
              event.preventDefault()
              close(true)
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault()
              const step = event.key === 'ArrowDown' ? 1 : -1
              items[(at + step + items.length) % items.length]?.focus()
            } else if (event.key === 'Home') {
              items[0]?.focus()
            } else if (event.key === 'End') {
              items[items.length - 1]?.focus()
            } else if (event.key === 'Tab') {
              close(false)
            }
          }}
        >
          {entries.map((entry) => (
            <button
              key={entry.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`item-menu-entry ${entry.danger ? 'item-menu-danger' : ''}`}
              onClick={() => {
                close(true)
                entry.run()
              }}
            >
              {entry.label}
            </button>
          ))}
        </div>
      )}
    </>
  )
}
