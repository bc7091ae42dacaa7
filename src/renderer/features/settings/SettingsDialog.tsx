import { useEffect, useState } from 'react'
import type { Settings } from '../../../shared/app'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'

/** App-wide switches: TLS verification and the proxy for every request that does not set its own. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [settings, setSettings] = useState<Settings>()
  const [proxyUrl, setProxyUrl] = useState('')
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string }>()

  useEffect(() => {
    if (!open) return
    api.call('settings.get').then(
      (value) => {
        setSettings(value)
        setProxyUrl(value.proxyUrl)
      },
      (error: unknown) => setMessage({ kind: 'alert', text: error instanceof ParleyError ? `${error.message} ${error.hint ?? ''}` : String(error) })
    )
  }, [open])

  const save = async (patch: Partial<Settings>, done: string): Promise<void> => {
    const before = settings
    try {
      setSettings(await api.call('settings.update', patch))
      setMessage({ kind: 'status', text: done })
    } catch (error) {
      setSettings(before)
      setMessage({ kind: 'alert', text: error instanceof ParleyError ? `${error.message} ${error.hint ?? ''}` : String(error) })
    }
  }

  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      {settings && (
        <form
          className="settings-editor"
          onSubmit={(event) => {
            event.preventDefault()
            void save({ proxyUrl }, proxyUrl ? `Requests now go through ${proxyUrl}.` : 'Requests now use HTTP_PROXY / HTTPS_PROXY, or go direct.')
          }}
        >
          <label className="check-row">
            <input
              type="checkbox"
              checked={settings.verifyTls}
              onChange={(event) => {
                const verifyTls = event.target.checked
                // Shown at once; core's answer (or its refusal) follows.
                setSettings({ ...settings, verifyTls })
                void save({ verifyTls }, verifyTls ? 'TLS certificates are verified.' : 'Every request now accepts untrusted certificates.')
              }}
            />
            Verify TLS certificates for every request (turn off to allow self-signed ones everywhere)
          </label>
          <label className="form-row">
            <span>Proxy for all requests</span>
            <input value={proxyUrl} placeholder="Empty: HTTP_PROXY / HTTPS_PROXY / NO_PROXY" spellCheck={false} onChange={(event) => setProxyUrl(event.target.value)} />
          </label>
          <div className="dialog-actions">
            <button type="submit" className="primary-button">
              Save proxy
            </button>
          </div>
          <p className="muted">A request's own Settings tab can still choose another proxy, no proxy, or to skip verification.</p>
        </form>
      )}
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error-text' : 'muted'}>
          {message.text}
        </p>
      )}
    </Dialog>
  )
}
