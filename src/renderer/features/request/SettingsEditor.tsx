import { useState } from 'react'
import type { HttpSettings } from '../../../shared/http'
import { useT } from '../../i18n'

const defaults = { followRedirects: true, maxRedirects: 10, timeoutMs: 0, connectTimeoutMs: 30_000, verifyTls: true, httpVersion: 'auto' } as const

/** Per-request switches: redirects, timeouts, TLS verification, HTTP version, proxy, CA files and client certificate. */
export function SettingsEditor({ settings, onChange }: { settings: Partial<HttpSettings>; onChange(settings: Partial<HttpSettings>): void }) {
  const { t } = useT('request')
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
        {t('settingsEditor.followRedirects')}
      </label>
      <label className="form-row">
        <span>{t('settingsEditor.maximumRedirects')}</span>
        <input
          type="number"
          min={0}
          max={100}
          value={value.maxRedirects}
          disabled={!value.followRedirects}
          onChange={(event) => number('maxRedirects', event.target.value)}
        />
      </label>
      <label className="form-row">
        <span>{t('settingsEditor.timeoutMs0For')}</span>
        <input type="number" min={0} value={value.timeoutMs} onChange={(event) => number('timeoutMs', event.target.value)} />
      </label>
      <label className="form-row">
        <span>{t('settingsEditor.connectTimeoutMs')}</span>
        <input type="number" min={0} value={value.connectTimeoutMs} onChange={(event) => number('connectTimeoutMs', event.target.value)} />
      </label>
      <OptionalLimit
        label={t('settingsEditor.responseSizeLimitMb')}
        scale={1024 * 1024}
        value={settings.maxResponseBytes}
        onChange={(maxResponseBytes) => onChange(withOptional(settings, 'maxResponseBytes', maxResponseBytes))}
      />
      <OptionalLimit
        label={t('settingsEditor.idleTimeoutBetweenBytes')}
        scale={1000}
        value={settings.idleTimeoutMs}
        onChange={(idleTimeoutMs) => onChange(withOptional(settings, 'idleTimeoutMs', idleTimeoutMs))}
      />
      <OptionalLimit
        label={t('settingsEditor.decompressionRatioLimit0')}
        scale={1}
        value={settings.maxDecompressionRatio}
        onChange={(maxDecompressionRatio) => onChange(withOptional(settings, 'maxDecompressionRatio', maxDecompressionRatio))}
      />
      <label className="check-row">
        <input type="checkbox" checked={value.verifyTls} onChange={(event) => onChange({ ...settings, verifyTls: event.target.checked })} />
        {t('settingsEditor.verifyTlsCertificatesTurn')}
      </label>
      <label className="form-row">
        <span>{t('settingsEditor.httpVersion')}</span>
        <select value={value.httpVersion} onChange={(event) => onChange({ ...settings, httpVersion: event.target.value as HttpSettings['httpVersion'] })}>
          <option value="auto">{t('settingsEditor.automaticHttp2When')}</option>
          <option value="1.1">{t('settingsEditor.http11Only')}</option>
          <option value="2">{t('settingsEditor.http2Only')}</option>
        </select>
      </label>
      <label className="form-row">
        <span>{t('settingsEditor.proxy')}</span>
        <select
          value={typeof proxy === 'string' ? proxy : 'custom'}
          onChange={(event) => onChange({ ...settings, proxy: event.target.value === 'custom' ? { url: '' } : (event.target.value as 'system' | 'none') })}
        >
          <option value="system">{t('settingsEditor.fromTheEnvironmentHttp')}</option>
          <option value="none">{t('settingsEditor.noProxy')}</option>
          <option value="custom">{t('settingsEditor.thisProxy')}</option>
        </select>
      </label>
      {typeof proxy === 'object' && (
        <label className="form-row">
          <span>{t('settingsEditor.proxyUrl')}</span>
          <input
            value={proxy.url}
            placeholder={'http://user:pass@proxy.local:3128'}
            onChange={(event) => onChange({ ...settings, proxy: { url: event.target.value } })}
          />
        </label>
      )}
      <label className="form-row">
        <span>{t('settingsEditor.extraCaFilesOne')}</span>
        <textarea
          rows={2}
          value={(settings.caFiles ?? []).join('\n')}
          onChange={(event) => onChange({ ...settings, caFiles: event.target.value.split('\n').filter((line) => line.trim() !== '') })}
        />
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
function OptionalLimit({
  label,
  scale,
  value,
  onChange
}: {
  label: string
  scale: number
  value: number | undefined
  onChange(value: number | undefined): void
}) {
  const { t } = useT('request')
  const [text, setText] = useState(value === undefined ? '' : String(Math.round((value / scale) * 100) / 100))
  return (
    <label className="form-row">
      <span>{label}</span>
      <input
        type="number"
        min={0}
        step="any"
        value={text}
        placeholder={t('settingsEditor.asInSettings')}
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
