import { useEffect, useState } from 'react'
import { api } from '../../app/api'
import { errorText } from '../collections/collectionsStore'

const MB = 1024 * 1024

/** The response history's bounds, in the Settings dialog: responses kept per request, and MB of bodies in all. */
export function ResponseHistorySettings() {
  const [perRequest, setPerRequest] = useState('')
  const [totalMb, setTotalMb] = useState('')
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string }>()
  useEffect(() => {
    // Any target answers with the limits; a tab id that never sent lists nothing.
    api.call('responses.list', { target: { tabId: 'settings' } }).then(
      ({ limits }) => {
        setPerRequest(String(limits.perRequest))
        setTotalMb(String(Math.round(limits.maxTotalBytes / MB)))
      },
      (error: unknown) => setMessage({ kind: 'alert', text: errorText(error) })
    )
  }, [])
  // noValidate: our own message says what a wrong number should be; the browser's bubble says less.
  return (
    <form
      className="settings-editor"
      aria-label="Response history"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const count = Number(perRequest)
        const mb = Number(totalMb)
        if (!Number.isInteger(count) || count < 1 || count > 1000 || !Number.isFinite(mb) || mb < 1) {
          setMessage({ kind: 'alert', text: 'Keep 1 to 1,000 responses per request, and at least 1 MB of bodies.' })
          return
        }
        api.call('responses.setLimits', { perRequest: count, maxTotalBytes: Math.round(mb * MB) }).then(
          () => setMessage({ kind: 'status', text: 'Response history limits saved; older responses past them were removed.' }),
          (error: unknown) => setMessage({ kind: 'alert', text: errorText(error) })
        )
      }}
    >
      <label className="form-row">
        <span>Responses kept per request</span>
        <input type="number" min={1} max={1000} value={perRequest} onChange={(event) => setPerRequest(event.target.value)} />
      </label>
      <label className="form-row">
        <span>Response history size (MB of bodies in all)</span>
        <input type="number" min={1} value={totalMb} onChange={(event) => setTotalMb(event.target.value)} />
      </label>
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error-text' : 'muted'}>
          {message.text}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary-button">
          Save history limits
        </button>
      </div>
      <p className="muted">The Compare tab of a response lists the kept responses; the oldest go first when a limit is reached.</p>
    </form>
  )
}
