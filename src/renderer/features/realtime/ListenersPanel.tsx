import { useState } from 'react'
import { sessionActions, type TabSession } from './sessionStore'
import { useT } from '../../i18n'

/** The catch-all and named listeners; each switch takes effect at once on a live session. */
export function ListenersPanel({ tabId, session, seenEvents }: { tabId: string; session: TabSession; seenEvents: string[] }) {
  const { t } = useT('realtime')
  const [name, setName] = useState('')
  const known = new Set(session.listeners.map((l) => l.event))
  const add = (event: string) => {
    const e = event.trim()
    if (e && !known.has(e)) void sessionActions.setListener(tabId, e, true)
    setName('')
  }
  return (
    <div className="rt-listeners">
      <label className="rt-switch">
        <input type="checkbox" role="switch" checked={session.catchAll} onChange={(e) => void sessionActions.setListener(tabId, '*', e.target.checked)} />
        <span>
          <strong>{t('listenersPanel.catchAll')}</strong> <span className="rt-muted">{t('listenersPanel.onanyEveryEventWithout')}</span>
        </span>
      </label>
      <ul aria-label={t('listenersPanel.namedListeners')}>
        {session.listeners.map((l) => (
          <li key={l.event}>
            <label className="rt-switch">
              <input
                type="checkbox"
                role="switch"
                aria-label={t('listenersPanel.listenTo', { event: l.event })}
                checked={l.enabled}
                onChange={(e) => void sessionActions.setListener(tabId, l.event, e.target.checked)}
              />
              <span className="rt-mono">{l.event}</span>
              {!l.enabled && <span className="rt-muted"> {t('listenersPanel.offNotLogged')}</span>}
            </label>
          </li>
        ))}
      </ul>
      <form
        className="rt-form-row"
        aria-label={t('listenersPanel.addAListener')}
        onSubmit={(e) => {
          e.preventDefault()
          add(name)
        }}
      >
        <label className="rt-field">
          <span>{t('listenersPanel.eventName')}</span>
          <input className="rt-mono" value={name} list={`rt-seen-${tabId}`} onChange={(e) => setName(e.target.value)} placeholder={'chat:message'} />
        </label>
        <datalist id={`rt-seen-${tabId}`}>
          {seenEvents
            .filter((e) => !known.has(e))
            .map((e) => (
              <option key={e} value={e} />
            ))}
        </datalist>
        <button type="submit" className="secondary-button rt-align-end" disabled={!name.trim()}>
          {t('listenersPanel.addListener')}
        </button>
      </form>
    </div>
  )
}
