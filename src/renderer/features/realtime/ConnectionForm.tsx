import type { ConnectionForm as Form, TabSession } from './sessionStore'

type Change = (patch: Partial<Form>) => void

function Text({ label, value, onChange, placeholder, mono = true }: { label: string; value: string; onChange(v: string): void; placeholder?: string; mono?: boolean }) {
  return (
    <label className="rt-field">
      <span>{label}</span>
      <input className={mono ? 'rt-mono' : ''} value={value} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </label>
  )
}

function Area({ label, value, onChange, placeholder, rows = 3 }: { label: string; value: string; onChange(v: string): void; placeholder?: string; rows?: number }) {
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
  const f = session.form
  if (session.kind === 'socketio') {
    return (
      <div className="rt-form">
        <div className="rt-form-row">
          <Text label="Namespace" value={f.namespace} onChange={(namespace) => onChange({ namespace })} placeholder="/" />
          <Text label="Path" value={f.path} onChange={(path) => onChange({ path })} placeholder="/socket.io" />
        </div>
        <Area label="Auth payload (JSON)" value={f.auth} onChange={(auth) => onChange({ auth })} placeholder='{ "token": "…" }' />
        <Area label="Query (one name=value per line)" value={f.query} onChange={(query) => onChange({ query })} placeholder="room=lobby" rows={2} />
        <Area label="Headers (one Name: value per line)" value={f.headers} onChange={(headers) => onChange({ headers })} placeholder="Authorization: Bearer …" rows={2} />
        <div className="rt-form-row">
          <label className="rt-field">
            <span>Transports</span>
            <select value={f.transports} onChange={(e) => onChange({ transports: e.target.value as Form['transports'] })}>
              <option value="websocket">WebSocket only</option>
              <option value="polling-then-upgrade">Polling, then upgrade</option>
            </select>
          </label>
          <label className="rt-field">
            <span>Client version</span>
            <select value={f.clientVersion} onChange={(e) => onChange({ clientVersion: e.target.value as Form['clientVersion'] })}>
              <option value="auto">Detect (v2 / v3 / v4)</option>
              <option value="v4">v4 client (v3, v4 servers)</option>
              <option value="v2">v2 client (v2 servers)</option>
            </select>
          </label>
        </div>
        <fieldset className="rt-fieldset">
          <legend>Reconnection</legend>
          <Check label="Reconnect automatically" checked={f.reconnection} onChange={(reconnection) => onChange({ reconnection })} />
          <div className="rt-form-row">
            <NumberField label="Attempts" value={f.reconnectionAttempts} onChange={(reconnectionAttempts) => onChange({ reconnectionAttempts })} />
            <NumberField label="Delay (ms)" value={f.reconnectionDelayMs} onChange={(reconnectionDelayMs) => onChange({ reconnectionDelayMs })} />
          </div>
        </fieldset>
        <NumberField label="Connect timeout (ms)" value={f.connectTimeoutMs} onChange={(connectTimeoutMs) => onChange({ connectTimeoutMs })} />
        <Check label="Verify TLS certificates" checked={f.verifyTls} onChange={(verifyTls) => onChange({ verifyTls })} />
      </div>
    )
  }
  if (session.kind === 'websocket') {
    return (
      <div className="rt-form">
        <Text label="Subprotocols (comma-separated)" value={f.protocols} onChange={(protocols) => onChange({ protocols })} placeholder="chat.v1, chat.v2" />
        <Area label="Headers (one Name: value per line)" value={f.headers} onChange={(headers) => onChange({ headers })} placeholder="Authorization: Bearer …" />
      </div>
    )
  }
  return (
    <div className="rt-form">
      <label className="rt-field rt-field-narrow">
        <span>Method</span>
        <select value={f.method} onChange={(e) => onChange({ method: e.target.value })}>
          {['GET', 'POST', 'PUT', 'PATCH'].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <Area label="Headers (one Name: value per line)" value={f.headers} onChange={(headers) => onChange({ headers })} placeholder="Authorization: Bearer …" />
      <Area label="Body" value={f.body} onChange={(body) => onChange({ body })} placeholder="Sent with POST/PUT/PATCH" />
      <Check label="Resume with Last-Event-ID when reconnecting" checked={f.withLastEventId} onChange={(withLastEventId) => onChange({ withLastEventId })} />
    </div>
  )
}
