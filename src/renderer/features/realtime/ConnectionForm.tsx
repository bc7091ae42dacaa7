import type { ConnectionForm as Form, TabSession } from './sessionStore'
import { useT } from '../../i18n'

type Change = (patch: Partial<Form>) => void

function Text({
  label,
  value,
  onChange,
  placeholder,
  mono = true
}: {
  label: string
  value: string
  onChange(v: string): void
  placeholder?: string
  mono?: boolean
}) {
  return (
    <label className="rt-field">
      <span>{label}</span>
      <input className={mono ? 'rt-mono' : ''} value={value} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </label>
  )
}

function Area({
  label,
  value,
  onChange,
  placeholder,
  rows = 3
}: {
  label: string
  value: string
  onChange(v: string): void
  placeholder?: string
  rows?: number
}) {
  return (
    <label className="rt-field">
      <span>{label}</span>
      <textarea className="rt-mono" rows={rows} value={value} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </label>
  )
}

function NumberField({ label, value, onChange, min = 0 }: { label: string; value: number; onChange(v: number): void; min?: number }) {
  return (
    <label className="rt-field rt-field-narrow">
      <span>{label}</span>
      <input type="number" min={min} value={value} onChange={(e) => onChange(Math.max(min, Number(e.target.value) || 0))} />
    </label>
  )
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="rt-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  )
}

/** The connection settings beyond the URL, per protocol. */
export function ConnectionSettings({ session, onChange }: { session: TabSession; onChange: Change }) {
  const { t } = useT('realtime')
  const f = session.form
  if (session.kind === 'socketio') {
    return (
      <div className="rt-form">
        <div className="rt-form-row">
          <Text label={t('connectionForm.namespace')} value={f.namespace} onChange={(namespace) => onChange({ namespace })} placeholder="/" />
          <Text label={t('connectionForm.path')} value={f.path} onChange={(path) => onChange({ path })} placeholder={'/socket.io'} />
        </div>
        <Area label={t('connectionForm.authPayloadJson')} value={f.auth} onChange={(auth) => onChange({ auth })} placeholder={'{ "token": "…" }'} />
        <Area label={t('connectionForm.queryOneNameValue')} value={f.query} onChange={(query) => onChange({ query })} placeholder={'room=lobby'} rows={2} />
        <Area
          label={t('connectionForm.headersOneNameValue')}
          value={f.headers}
          onChange={(headers) => onChange({ headers })}
          placeholder={'Authorization: Bearer …'}
          rows={2}
        />
        <div className="rt-form-row">
          <label className="rt-field">
            <span>{t('connectionForm.transports')}</span>
            <select value={f.transports} onChange={(e) => onChange({ transports: e.target.value as Form['transports'] })}>
              <option value="websocket">{t('connectionForm.websocketOnly')}</option>
              <option value="polling-then-upgrade">{t('connectionForm.pollingThenUpgrade')}</option>
            </select>
          </label>
          <label className="rt-field">
            <span>{t('connectionForm.clientVersion')}</span>
            <select value={f.clientVersion} onChange={(e) => onChange({ clientVersion: e.target.value as Form['clientVersion'] })}>
              <option value="auto">{t('connectionForm.detectV2V3V4')}</option>
              <option value="v4">{t('connectionForm.v4ClientV3V4')}</option>
              <option value="v2">{t('connectionForm.v2ClientV2Servers')}</option>
            </select>
          </label>
        </div>
        <fieldset className="rt-fieldset">
          <legend>{t('connectionForm.reconnection')}</legend>
          <Check label={t('connectionForm.reconnectAutomatically')} checked={f.reconnection} onChange={(reconnection) => onChange({ reconnection })} />
          <div className="rt-form-row">
            <NumberField
              label={t('connectionForm.attempts')}
              value={f.reconnectionAttempts}
              onChange={(reconnectionAttempts) => onChange({ reconnectionAttempts })}
            />
            <NumberField
              label={t('connectionForm.delayMs')}
              value={f.reconnectionDelayMs}
              onChange={(reconnectionDelayMs) => onChange({ reconnectionDelayMs })}
            />
          </div>
        </fieldset>
        <NumberField label={t('connectionForm.connectTimeoutMs')} value={f.connectTimeoutMs} onChange={(connectTimeoutMs) => onChange({ connectTimeoutMs })} />
        <Check label={t('connectionForm.verifyTlsCertificates')} checked={f.verifyTls} onChange={(verifyTls) => onChange({ verifyTls })} />
      </div>
    )
  }
  if (session.kind === 'websocket') {
    return (
      <div className="rt-form">
        <Text
          label={t('connectionForm.subprotocolsCommaSeparated')}
          value={f.protocols}
          onChange={(protocols) => onChange({ protocols })}
          placeholder={'chat.v1, chat.v2'}
        />
        <Area
          label={t('connectionForm.headersOneNameValue')}
          value={f.headers}
          onChange={(headers) => onChange({ headers })}
          placeholder={'Authorization: Bearer …'}
        />
      </div>
    )
  }
  return (
    <div className="rt-form">
      <label className="rt-field rt-field-narrow">
        <span>{t('connectionForm.method')}</span>
        <select value={f.method} onChange={(e) => onChange({ method: e.target.value })}>
          {['GET', 'POST', 'PUT', 'PATCH'].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <Area
        label={t('connectionForm.headersOneNameValue')}
        value={f.headers}
        onChange={(headers) => onChange({ headers })}
        placeholder={'Authorization: Bearer …'}
      />
      <Area label={t('connectionForm.body')} value={f.body} onChange={(body) => onChange({ body })} placeholder={t('connectionForm.sentWithPostPut')} />
      <Check label={t('connectionForm.resumeWithLastEvent')} checked={f.withLastEventId} onChange={(withLastEventId) => onChange({ withLastEventId })} />
    </div>
  )
}
