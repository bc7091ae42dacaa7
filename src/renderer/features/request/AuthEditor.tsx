import type { HttpAuth } from '../../../shared/http'
import { OAuth2Fields } from '../oauth/OAuth2Fields'
import type { TokenTarget } from '../oauth/OAuthTokenPanel'

const authTypes: { type: HttpAuth['type']; label: string }[] = [
  { type: 'none', label: 'No auth' },
  { type: 'inherit', label: 'Inherit from collection' },
  { type: 'basic', label: 'Basic' },
  { type: 'bearer', label: 'Bearer token' },
  { type: 'apikey', label: 'API key' },
  { type: 'digest', label: 'Digest' },
  { type: 'oauth2', label: 'OAuth 2.0' },
  { type: 'awsv4', label: 'AWS Signature v4' }
]

function blank(type: HttpAuth['type']): HttpAuth {
  switch (type) {
    case 'none':
    case 'inherit':
      return { type }
    case 'basic':
    case 'digest':
      return { type, username: '', password: '' }
    case 'bearer':
      return { type, token: '', prefix: 'Bearer' }
    case 'apikey':
      return { type, key: '', value: '', in: 'header' }
    case 'oauth2':
      return { type, grant: 'client_credentials', tokenUrl: '', clientId: '', clientSecret: '', clientAuth: 'basic' }
    case 'awsv4':
      return { type, accessKeyId: '', secretAccessKey: '', region: 'us-east-1', service: '' }
  }
}

function Field({ label, value, onChange, secret, placeholder }: { label: string; value: string; onChange(value: string): void; secret?: boolean; placeholder?: string }) {
  return (
    <label className="form-row">
      <span>{label}</span>
      <input type={secret ? 'password' : 'text'} value={value} placeholder={placeholder} spellCheck={false} autoComplete="off" onChange={(event) => onChange(event.target.value)} />
    </label>
  )
}

/**
 * Every auth scheme the engine speaks; values may hold {{variables}}. `inheritLabel` names the
 * Inherit choice (null: not offered, as for a collection, which has nothing to inherit from);
 * `target` is the request an OAuth sign-in ("Get new token") is for.
 */
export function AuthEditor({ auth, onChange, inheritLabel, target }: { auth: HttpAuth; onChange(auth: HttpAuth): void; inheritLabel?: string | null; target?: TokenTarget }) {
  const types = inheritLabel === null ? authTypes.filter((t) => t.type !== 'inherit') : authTypes.map((t) => (t.type === 'inherit' && inheritLabel ? { ...t, label: inheritLabel } : t))
  return (
    <div className="auth-editor">
      <label className="form-row">
        <span>Type</span>
        <select aria-label="Auth type" value={auth.type} onChange={(event) => onChange(blank(event.target.value as HttpAuth['type']))}>
          {types.map(({ type, label }) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <AuthFields auth={auth} onChange={onChange} target={target} />
    </div>
  )
}

function AuthFields({ auth, onChange, target }: { auth: HttpAuth; onChange(auth: HttpAuth): void; target?: TokenTarget | undefined }) {
  switch (auth.type) {
    case 'none':
      return <p className="muted">No credentials are sent.</p>
    case 'inherit':
      return <p className="muted">Uses the auth of the folder or collection this request is saved in.</p>
    case 'basic':
    case 'digest':
      return (
        <>
          <Field label="Username" value={auth.username} onChange={(username) => onChange({ ...auth, username })} />
          <Field label="Password" secret value={auth.password} onChange={(password) => onChange({ ...auth, password })} />
          {auth.type === 'digest' && <p className="muted">Parley answers the server's 401 challenge (MD5 or SHA-256, qop auth).</p>}
        </>
      )
    case 'bearer':
      return (
        <>
          <Field label="Token" secret value={auth.token} onChange={(token) => onChange({ ...auth, token })} />
          <Field label="Prefix" value={auth.prefix} onChange={(prefix) => onChange({ ...auth, prefix })} />
        </>
      )
    case 'apikey':
      return (
        <>
          <Field label="Key" value={auth.key} placeholder="X-API-Key" onChange={(key) => onChange({ ...auth, key })} />
          <Field label="Value" secret value={auth.value} onChange={(value) => onChange({ ...auth, value })} />
          <label className="form-row">
            <span>Add to</span>
            <select aria-label="Add API key to" value={auth.in} onChange={(event) => onChange({ ...auth, in: event.target.value as 'header' | 'query' })}>
              <option value="header">Header</option>
              <option value="query">Query parameters</option>
            </select>
          </label>
        </>
      )
    case 'oauth2':
      return <OAuth2Fields auth={auth} onChange={onChange} target={target} />
    case 'awsv4':
      return (
        <>
          <Field label="Access key ID" value={auth.accessKeyId} onChange={(accessKeyId) => onChange({ ...auth, accessKeyId })} />
          <Field label="Secret access key" secret value={auth.secretAccessKey} onChange={(secretAccessKey) => onChange({ ...auth, secretAccessKey })} />
          <Field label="Session token" secret value={auth.sessionToken ?? ''} onChange={(sessionToken) => onChange({ ...auth, sessionToken: sessionToken || undefined })} />
          <Field label="Region" value={auth.region} onChange={(region) => onChange({ ...auth, region })} />
          <Field label="Service" value={auth.service} placeholder="execute-api" onChange={(service) => onChange({ ...auth, service })} />
        </>
      )
  }
}
