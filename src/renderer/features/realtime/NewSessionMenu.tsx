import { useEffect, useRef, useState } from 'react'
import { realtimeKinds } from '../../../shared/requestKinds'
import { useTabs } from '../tabs/tabsStore'
import { kindViews } from './kindViews'
import './realtime.css'
import { useT } from '../../i18n'

/** The kinds with an entry in this menu, in the table's order (kindViews). */
const items = realtimeKinds.flatMap((kind) => {
  const label = kindViews[kind].newMenuLabel
  return label ? [{ kind, label }] : []
})

/** "New Socket.IO / WebSocket / SSE": a small menu button that opens a realtime tab. */
export function NewSessionMenu() {
  const { t } = useT('realtime')
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])
  return (
    <div className="rt-new-menu" ref={root}>
      <button
        type="button"
        className="icon-button rt-new-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('newSessionMenu.newRealtimeSession')}
        title={t('newSessionMenu.newSocketIoWebsocket')}
        onClick={() => setOpen(!open)}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
          <path d="M4 12h3l2-5 4 10 2-5h5" />
        </svg>
      </button>
      {open && (
        <div role="menu" aria-label={t('newSessionMenu.newRealtimeSession')} className="rt-menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {items.map((item) => (
            <button
              key={item.kind}
              type="button"
              role="menuitem"
              className="rt-menu-item"
              onClick={() => {
                setOpen(false)
                useTabs.getState().openRealtime(item.kind)
              }}
            >
              {t(item.label)}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
