import { useState } from 'react'
import { sessionActions, type TabSession } from './sessionStore'

/** The catch-all and named listeners; each switch takes effect at once on a live session. */
export function ListenersPanel({ tabId, session, seenEvents }: { tabId: string; session: TabSession; seenEvents: string[] }) {
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
          <strong>Catch-all</strong> <span className="rt-muted">(onAny: every event without a listener of its own)</span>
        </span>
      </label>
      <ul aria-label="Named listeners">
        {session.listeners.map((l) => (
          <li key={l.event}>
            <label className="rt-switch">
              <input type="checkbox" role="switch" aria-label={`Listen to ${l.event}`} checked={l.enabled} onChange={(e) => void sessionActions.setListener(tabId, l.event, e.target.checked)} />
              <span className="rt-mono">{l.event}</span>
              {!l.enabled && <span className="rt-muted"> (off: not logged)</span>}
            </label>
          </li>
        ))}
      </ul>
      <form
        className="rt-form-row"
        aria-label="Add a listener"
        onSubmit={(e) => {
          e.preventDefault()
          add(name)
        }}
      >
        <label className="rt-field">
          <span>Event name</span>
          <input className="rt-mono" value={name} list={`rt-seen-${tabId}`} onChange={(e) => setName(e.target.value)} placeholder="chat:message" />
        </label>
        <datalist id={`rt-seen-${tabId}`}>
          {seenEvents.filter((e) => !known.has(e)).map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        <button type="submit" className="secondary-button rt-align-end" disabled={!name.trim()}>
          Add listener
        </button>
      </form>
    </div>
  )
}
