import { useState } from 'react'
import type { HttpSettings } from '../../../shared/http'

const defaults = { followRedirects: true, maxRedirects: 10, timeoutMs: 0, connectTimeoutMs: 30_000, verifyTls: true, httpVersion: 'auto' } as const

/** Per-request switches: redirects, timeouts, TLS verification, HTTP version, proxy, CA files and client certificate. */
export function SettingsEditor({ settings, onChange }: { settings: Partial<HttpSettings>; onChange(settings: Partial<HttpSettings>): void }) {
  const value = { ...defaults, ...settings }
  const number = (key: 'maxRedirects' | 'timeoutMs' | 'connectTimeoutMs', text: string): void => {
    const parsed = Number(text)
    if (text.trim() === '' || !Number.isFinite(parsed) || parsed < 0) return
    onChange({ ...settings, [key]: Math.round(parsed) })
  }
  const proxy = settings.proxy ?? 'system'
  return (
    <div className="settings-editor">
      <label className="check-row">
        <input type="checkbox" checked={value.followRedirects} onChange={(event) => onChange({ ...settings, followRedirects: event.target.checked })} />
        Follow redirects
      </label>
      <label className="form-row">
        <span>Maximum redirects</span>
        <input type="number" min={0} max={100} value={value.maxRedirects} disabled={!value.followRedirects} onChange={(event) => number('maxRedirects', event.target.value)} />
      </label>
      <label className="form-row">
        <span>Timeout (ms, 0 for none)</span>
        <input type="number" min={0} value={value.timeoutMs} onChange={(event) => number('timeoutMs', event.target.value)} />
      </label>
      <label className="form-row">
        <span>Connect timeout (ms)</span>
        <input type="number" min={0} value={value.connectTimeoutMs} onChange={(event) => number('connectTimeoutMs', event.target.value)} />
      </label>
      <OptionalLimit
        label="Response size limit (MB, 0 for none)"
        scale={1024 * 1024}
        value={settings.maxResponseBytes}
        onChange={(maxResponseBytes) => onChange(withOptional(settings, 'maxResponseBytes', maxResponseBytes))}
      />
      <OptionalLimit
        label="Idle timeout between bytes (seconds, 0 for none)"
        scale={1000}
        value={settings.idleTimeoutMs}
        onChange={(idleTimeoutMs) => onChange(withOptional(settings, 'idleTimeoutMs', idleTimeoutMs))}
      />
      <OptionalLimit
        label="Decompression ratio limit (0 for none)"
        scale={1}
        value={settings.maxDecompressionRatio}
        onChange={(maxDecompressionRatio) => onChange(withOptional(settings, 'maxDecompressionRatio', maxDecompressionRatio))}
      />
      <label className="check-row">
        <input type="checkbox" checked={value.verifyTls} onChange={(event) => onChange({ ...settings, verifyTls: event.target.checked })} />
        Verify TLS certificates (turn off to allow self-signed ones)
      </label>
      <label className="form-row">
        <span>HTTP version</span>
        <select value={value.httpVersion} onChange={(event) => onChange({ ...settings, httpVersion: event.target.value as HttpSettings['httpVersion'] })}>
          <option value="auto">Automatic (HTTP/2 when the server offers it)</option>
          <option value="1.1">HTTP/1.1 only</option>
          <option value="2">HTTP/2 only</option>
        </select>
      </label>
      <label className="form-row">
        <span>Proxy</span>
        <select
          value={typeof proxy === 'string' ? proxy : 'custom'}
          onChange={(event) => onChange({ ...settings, proxy: event.target.value === 'custom' ? { url: '' } : (event.target.value as 'system' | 'none') })}
        >
          <option value="system">From the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)</option>
          <option value="none">No proxy</option>
          <option value="custom">This proxy…</option>
        </select>
      </label>
      {typeof proxy === 'object' && (
        <label className="form-row">
          <span>Proxy URL</span>
          <input value={proxy.url} placeholder="http://user:pass@proxy.local:3128" onChange={(event) => onChange({ ...settings, proxy: { url: event.target.value } })} />
        </label>
      )}
      <label className="form-row">
        <span>Extra CA files (one path a line)</span>
        <textarea rows={2} value={(settings.caFiles ?? []).join('\n')} onChange={(event) => onChange({ ...settings, caFiles: event.target.value.split('\n').filter((line) => line.trim() !== '') })} />
      </label>
    </div>
  )
}

/** Sets a key, or removes it when `value` is undefined (so the app setting applies again). */
function withOptional<K extends keyof HttpSettings>(settings: Partial<HttpSettings>, key: K, value: HttpSettings[K] | undefined): Partial<HttpSettings> {
  const next = { ...settings }
  if (value === undefined) delete next[key]
  else next[key] = value
  return next
}

/** A limit this request may set for itself; empty means "as in Settings". */
function OptionalLimit({ label, scale, value, onChange }: { label: string; scale: number; value: number | undefined; onChange(value: number | undefined): void }) {
  const [text, setText] = useState(value === undefined ? '' : String(Math.round((value / scale) * 100) / 100))
  return (
    <label className="form-row">
      <span>{label}</span>
      <input
        type="number"
        min={0}
        step="any"
        value={text}
        placeholder="As in Settings"
        onChange={(event) => {
          setText(event.target.value)
          const parsed = Number(event.target.value)
          if (event.target.value.trim() === '') onChange(undefined)
          else if (Number.isFinite(parsed) && parsed >= 0) onChange(Math.round(parsed * scale))
        }}
      />
    </label>
  )
}
