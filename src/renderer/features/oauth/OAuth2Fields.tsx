import type { HttpAuth } from '../../../shared/http'
import { useT } from '../../i18n'
import { OAuthTokenPanel, type TokenTarget } from './OAuthTokenPanel'

type OAuth2Auth = Extract<HttpAuth, { type: 'oauth2' }>
type Grant = OAuth2Auth['grant']

const grants: { grant: Grant; key: string }[] = [
  { grant: 'authorization_code', key: 'grant.authorizationCode' },
  { grant: 'client_credentials', key: 'grant.clientCredentials' },
  { grant: 'password', key: 'grant.password' },
  { grant: 'device_code', key: 'grant.deviceCode' },
  { grant: 'implicit', key: 'grant.implicit' }
]

export const signedInGrants: ReadonlySet<Grant> = new Set(['authorization_code', 'implicit', 'device_code'])

function Field({
  label,
  value,
  onChange,
  secret,
  placeholder
}: {
  label: string
  value: string
  onChange(value: string): void
  secret?: boolean
  placeholder?: string
}) {
  return (
    <label className="form-row">
      <span>{label}</span>
      <input
        type={secret ? 'password' : 'text'}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  )
}

/** The OAuth 2.0 settings of a request, folder or collection; with a `target`, the stored token and its buttons too. */
export function OAuth2Fields({ auth, onChange, target }: { auth: OAuth2Auth; onChange(auth: OAuth2Auth): void; target?: TokenTarget | undefined }) {
  const { t } = useT('oauth')
  const signedIn = signedInGrants.has(auth.grant)
  const optional = (value: string): string | undefined => value || undefined
  return (
    <div className="oauth-layout">
      <div className="oauth-settings">
        <label className="form-row">
          <span>{t('grant.label')}</span>
          <select aria-label={t('grant.type')} value={auth.grant} onChange={(event) => onChange({ ...auth, grant: event.target.value as Grant })}>
            {grants.map(({ grant, key }) => (
              <option key={grant} value={grant}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        {(auth.grant === 'authorization_code' || auth.grant === 'implicit') && (
          <Field
            label={t('field.authUrl')}
            value={auth.authUrl ?? ''}
            placeholder="https://auth.example.com/oauth/authorize"
            onChange={(authUrl) => onChange({ ...auth, authUrl: optional(authUrl) })}
          />
        )}
        {auth.grant === 'device_code' && (
          <Field
            label={t('field.deviceUrl')}
            value={auth.deviceUrl ?? ''}
            placeholder="https://auth.example.com/oauth/device_authorization"
            onChange={(deviceUrl) => onChange({ ...auth, deviceUrl: optional(deviceUrl) })}
          />
        )}
        {auth.grant !== 'implicit' && (
          <Field
            label={t('field.tokenUrl')}
            value={auth.tokenUrl}
            placeholder="https://auth.example.com/oauth/token"
            onChange={(tokenUrl) => onChange({ ...auth, tokenUrl })}
          />
        )}
        <Field label={t('field.clientId')} value={auth.clientId} onChange={(clientId) => onChange({ ...auth, clientId })} />
        {auth.grant !== 'implicit' && (
          <Field
            label={t('field.clientSecret')}
            secret
            value={auth.clientSecret}
            placeholder={signedIn ? t('field.publicClient') : undefined}
            onChange={(clientSecret) => onChange({ ...auth, clientSecret })}
          />
        )}
        {auth.grant === 'password' && (
          <>
            <Field label={t('field.username')} value={auth.username ?? ''} onChange={(username) => onChange({ ...auth, username })} />
            <Field label={t('field.password')} secret value={auth.password ?? ''} onChange={(password) => onChange({ ...auth, password })} />
          </>
        )}
        <Field label={t('field.scope')} value={auth.scope ?? ''} onChange={(scope) => onChange({ ...auth, scope: optional(scope) })} />
        <Field label={t('field.audience')} value={auth.audience ?? ''} onChange={(audience) => onChange({ ...auth, audience: optional(audience) })} />
        {(auth.grant === 'authorization_code' || auth.grant === 'implicit') && (
          <Field
            label={t('field.redirectUri')}
            value={auth.redirectUri ?? ''}
            placeholder="http://127.0.0.1/parley/oauth/callback"
            onChange={(redirectUri) => onChange({ ...auth, redirectUri: optional(redirectUri) })}
          />
        )}
        {auth.grant === 'authorization_code' && (
          <label className="check-row">
            <input type="checkbox" checked={auth.pkce !== false} onChange={(event) => onChange({ ...auth, pkce: event.target.checked ? undefined : false })} />
            {t('field.pkce')}
          </label>
        )}
        {auth.grant !== 'implicit' && (
          <label className="form-row">
            <span>{t('field.clientAuth')}</span>
            <select
              aria-label={t('field.clientAuth')}
              value={auth.clientAuth}
              onChange={(event) => onChange({ ...auth, clientAuth: event.target.value as 'basic' | 'body' })}
            >
              <option value="basic">{t('field.clientAuthBasic')}</option>
              <option value="body">{t('field.clientAuthBody')}</option>
            </select>
          </label>
        )}
        {!signedIn && <p className="muted">{t('note.fetchedAtSend')}</p>}
        {signedIn && !target && <p className="muted">{t('note.signInFromRequest')}</p>}
      </div>
      {signedIn && target && <OAuthTokenPanel auth={auth} target={target} />}
    </div>
  )
}
