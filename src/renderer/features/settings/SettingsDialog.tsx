import { useEffect, useState } from 'react'
import type { Settings } from '../../../shared/app'
import { api } from '../../app/api'
import { callOrReport, errorText } from '../../app/callOrReport'
import { Dialog } from '../../ui/Dialog'
import { ResponseHistorySettings } from '../compare/ResponseHistorySettings'

const MB = 1024 * 1024

/** A whole number of at least 0 typed in a field, or undefined when it is not one. */
function wholeNumber(text: string): number | undefined {
  const value = Number(text)
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** App-wide switches: TLS verification, the proxy and the response limits for every request that does not set its own. */
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
      (error: unknown) => setMessage({ kind: 'alert', text: errorText(error) })
    )
  }, [open])

  const save = async (patch: Partial<Settings>, done: string): Promise<void> => {
    const before = settings
    const next = await callOrReport((error) => {
      setSettings(before)
      setMessage({ kind: 'alert', text: errorText(error) })
    }, 'settings.update', patch)
    if (!next) return
    setSettings(next)
    setMessage({ kind: 'status', text: done })
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
      {settings && <ResponseLimits settings={settings} save={save} />}
      {settings && <ResponseHistorySettings />}
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error-text' : 'muted'}>
          {message.text}
        </p>
      )}
    </Dialog>
  )
}

/** The response size limit, idle timeout and decompression ratio, saved together. */
function ResponseLimits({ settings, save }: { settings: Settings; save(patch: Partial<Settings>, done: string): Promise<void> }) {
  const [sizeMb, setSizeMb] = useState(String(Math.round((settings.maxResponseBytes / MB) * 100) / 100))
  const [idleSeconds, setIdleSeconds] = useState(String(settings.idleTimeoutMs / 1000))
  const [ratio, setRatio] = useState(String(settings.maxDecompressionRatio))
  const [problem, setProblem] = useState<string>()
  return (
    <form
      className="settings-editor"
      aria-label="Response limits"
      onSubmit={(event) => {
        event.preventDefault()
        const mb = wholeNumber(sizeMb)
        const seconds = wholeNumber(idleSeconds)
        const maxRatio = wholeNumber(ratio)
        if (mb === undefined || seconds === undefined || maxRatio === undefined) {
          setProblem('Each limit is a number of 0 or more (0 turns it off).')
          return
        }
        setProblem(undefined)
        void save(
          { maxResponseBytes: Math.round(mb * MB), idleTimeoutMs: Math.round(seconds * 1000), maxDecompressionRatio: maxRatio },
          'Response limits saved: they apply to every request that does not set its own.'
        )
      }}
    >
      <label className="form-row">
        <span>Response size limit (MB, 0 for none)</span>
        <input type="number" min={0} step="any" value={sizeMb} onChange={(event) => setSizeMb(event.target.value)} />
      </label>
      <label className="form-row">
        <span>Idle timeout between bytes (seconds, 0 for none)</span>
        <input type="number" min={0} step="any" value={idleSeconds} onChange={(event) => setIdleSeconds(event.target.value)} />
      </label>
      <label className="form-row">
        <span>Decompression ratio limit (0 for none)</span>
        <input type="number" min={0} step="any" value={ratio} onChange={(event) => setRatio(event.target.value)} />
      </label>
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary-button">
          Save limits
        </button>
      </div>
      <p className="muted">A body past the size limit stops downloading and shows the part received; the ratio refuses compressed bodies that expand more than that past their first MB.</p>
    </form>
  )
}
