import type { HttpAuth } from '../../../shared/http'
import { OAuthTokenPanel, type TokenTarget } from './OAuthTokenPanel'

type OAuth2Auth = Extract<HttpAuth, { type: 'oauth2' }>
type Grant = OAuth2Auth['grant']

const grants: { grant: Grant; label: string }[] = [
  { grant: 'authorization_code', label: 'Authorization code (PKCE)' },
  { grant: 'client_credentials', label: 'Client credentials' },
  { grant: 'password', label: 'Password' },
  { grant: 'device_code', label: 'Device code' },
  { grant: 'implicit', label: 'Implicit (old servers)' }
]

export const signedInGrants: ReadonlySet<Grant> = new Set(['authorization_code', 'implicit', 'device_code'])

function Field({ label, value, onChange, secret, placeholder }: { label: string; value: string; onChange(value: string): void; secret?: boolean; placeholder?: string }) {
  return (
    <label className="form-row">
      <span>{label}</span>
      <input type={secret ? 'password' : 'text'} value={value} placeholder={placeholder} spellCheck={false} autoComplete="off" onChange={(event) => onChange(event.target.value)} />
    </label>
  )
}

/** The OAuth 2.0 settings of a request, folder or collection; with a `target`, the stored token and its buttons too. */
export function OAuth2Fields({ auth, onChange, target }: { auth: OAuth2Auth; onChange(auth: OAuth2Auth): void; target?: TokenTarget | undefined }) {
  const signedIn = signedInGrants.has(auth.grant)
  const optional = (value: string): string | undefined => value || undefined
  return (
    <div className="oauth-layout">
      <div className="oauth-settings">
        <label className="form-row">
          <span>Grant</span>
          <select aria-label="Grant type" value={auth.grant} onChange={(event) => onChange({ ...auth, grant: event.target.value as Grant })}>
            {grants.map(({ grant, label }) => (
              <option key={grant} value={grant}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {(auth.grant === 'authorization_code' || auth.grant === 'implicit') && (
          <Field label="Authorization URL" value={auth.authUrl ?? ''} placeholder="https://auth.example.com/oauth/authorize" onChange={(authUrl) => onChange({ ...auth, authUrl: optional(authUrl) })} />
        )}
        {auth.grant === 'device_code' && (
          <Field label="Device authorization URL" value={auth.deviceUrl ?? ''} placeholder="https://auth.example.com/oauth/device_authorization" onChange={(deviceUrl) => onChange({ ...auth, deviceUrl: optional(deviceUrl) })} />
        )}
        {auth.grant !== 'implicit' && <Field label="Token URL" value={auth.tokenUrl} placeholder="https://auth.example.com/oauth/token" onChange={(tokenUrl) => onChange({ ...auth, tokenUrl })} />}
        <Field label="Client ID" value={auth.clientId} onChange={(clientId) => onChange({ ...auth, clientId })} />
        {auth.grant !== 'implicit' && <Field label="Client secret" secret value={auth.clientSecret} placeholder={signedIn ? 'none for a public client' : undefined} onChange={(clientSecret) => onChange({ ...auth, clientSecret })} />}
        {auth.grant === 'password' && (
          <>
            <Field label="Username" value={auth.username ?? ''} onChange={(username) => onChange({ ...auth, username })} />
            <Field label="Password" secret value={auth.password ?? ''} onChange={(password) => onChange({ ...auth, password })} />
          </>
        )}
        <Field label="Scope" value={auth.scope ?? ''} onChange={(scope) => onChange({ ...auth, scope: optional(scope) })} />
        <Field label="Audience" value={auth.audience ?? ''} onChange={(audience) => onChange({ ...auth, audience: optional(audience) })} />
        {(auth.grant === 'authorization_code' || auth.grant === 'implicit') && (
          <Field label="Redirect URI (desktop app)" value={auth.redirectUri ?? ''} placeholder="http://127.0.0.1/parley/oauth/callback" onChange={(redirectUri) => onChange({ ...auth, redirectUri: optional(redirectUri) })} />
        )}
        {auth.grant === 'authorization_code' && (
          <label className="check-row">
            <input type="checkbox" checked={auth.pkce !== false} onChange={(event) => onChange({ ...auth, pkce: event.target.checked ? undefined : false })} />
            Use PKCE (S256)
          </label>
        )}
        {auth.grant !== 'implicit' && (
          <label className="form-row">
            <span>Client authentication</span>
            <select aria-label="Client authentication" value={auth.clientAuth} onChange={(event) => onChange({ ...auth, clientAuth: event.target.value as 'basic' | 'body' })}>
              <option value="basic">As Basic auth header</option>
              <option value="body">In the request body</option>
            </select>
          </label>
        )}
        {!signedIn && <p className="muted">The token is fetched when you send, cached until it expires, and shown with the response.</p>}
        {signedIn && !target && <p className="muted">Sign in from a request that uses this auth: its Auth tab has "Get new token".</p>}
      </div>
      {signedIn && target && <OAuthTokenPanel auth={auth} target={target} />}
    </div>
  )
}
