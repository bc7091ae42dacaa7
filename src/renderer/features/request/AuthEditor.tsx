import type { HttpAuth } from '../../../shared/http'
import { OAuth2Fields } from '../oauth/OAuth2Fields'
import type { TokenTarget } from '../oauth/OAuthTokenPanel'
import { useT } from '../../i18n'

const authTypes: { type: HttpAuth['type']; label: string }[] = [
  { type: 'none', label: 'authEditor.types.none' },
  { type: 'inherit', label: 'authEditor.types.inherit' },
  { type: 'basic', label: 'authEditor.types.basic' },
  { type: 'bearer', label: 'authEditor.types.bearer' },
  { type: 'apikey', label: 'authEditor.types.apikey' },
  { type: 'digest', label: 'authEditor.types.digest' },
  { type: 'oauth2', label: 'authEditor.types.oauth2' },
  { type: 'awsv4', label: 'authEditor.types.awsv4' }
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

/**
 * Every auth scheme the engine speaks; values may hold {{variables}}. `inheritLabel` names the
 * Inherit choice (null: not offered, as for a collection, which has nothing to inherit from);
 * `target` is the request an OAuth sign-in ("Get new token") is for.
 */
export function AuthEditor({
  auth,
  onChange,
  inheritLabel,
  target
}: {
  auth: HttpAuth
  onChange(auth: HttpAuth): void
  inheritLabel?: string | null
  target?: TokenTarget
}) {
  const { t } = useT('request')
  const types =
    inheritLabel === null
      ? authTypes.filter((a) => a.type !== 'inherit').map((a) => ({ ...a, label: t(a.label) }))
      : authTypes.map((a) => (a.type === 'inherit' && inheritLabel ? { ...a, label: inheritLabel } : { ...a, label: t(a.label) }))
  return (
    <div className="auth-editor">
      <label className="form-row">
        <span>{t('authEditor.type')}</span>
        <select aria-label={t('authEditor.authType')} value={auth.type} onChange={(event) => onChange(blank(event.target.value as HttpAuth['type']))}>
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
  const { t } = useT('request')
  switch (auth.type) {
    case 'none':
      return <p className="muted">{t('authEditor.noCredentialsAreSent')}</p>
    case 'inherit':
      return <p className="muted">{t('authEditor.usesTheAuthOf')}</p>
    case 'basic':
    case 'digest':
      return (
        <>
          <Field label={t('authEditor.username')} value={auth.username} onChange={(username) => onChange({ ...auth, username })} />
          <Field label={t('authEditor.password')} secret value={auth.password} onChange={(password) => onChange({ ...auth, password })} />
          {auth.type === 'digest' && <p className="muted">{t('authEditor.parleyAnswersTheServer')}</p>}
        </>
      )
    case 'bearer':
      return (
        <>
          <Field label={t('authEditor.token')} secret value={auth.token} onChange={(token) => onChange({ ...auth, token })} />
          <Field label={t('authEditor.prefix')} value={auth.prefix} onChange={(prefix) => onChange({ ...auth, prefix })} />
        </>
      )
    case 'apikey':
      return (
        <>
          <Field label={t('authEditor.key')} value={auth.key} placeholder={'X-API-Key'} onChange={(key) => onChange({ ...auth, key })} />
          <Field label={t('authEditor.value')} secret value={auth.value} onChange={(value) => onChange({ ...auth, value })} />
          <label className="form-row">
            <span>{t('authEditor.addTo')}</span>
            <select
              aria-label={t('authEditor.addApiKeyTo')}
              value={auth.in}
              onChange={(event) => onChange({ ...auth, in: event.target.value as 'header' | 'query' })}
            >
              <option value="header">{t('authEditor.header')}</option>
              <option value="query">{t('authEditor.queryParameters')}</option>
            </select>
          </label>
        </>
      )
    case 'oauth2':
      return <OAuth2Fields auth={auth} onChange={onChange} target={target} />
    case 'awsv4':
      return (
        <>
          <Field label={t('authEditor.accessKeyId')} value={auth.accessKeyId} onChange={(accessKeyId) => onChange({ ...auth, accessKeyId })} />
          <Field
            label={t('authEditor.secretAccessKey')}
            secret
            value={auth.secretAccessKey}
            onChange={(secretAccessKey) => onChange({ ...auth, secretAccessKey })}
          />
          <Field
            label={t('authEditor.sessionToken')}
            secret
            value={auth.sessionToken ?? ''}
            onChange={(sessionToken) => onChange({ ...auth, sessionToken: sessionToken || undefined })}
          />
          <Field label={t('authEditor.region')} value={auth.region} onChange={(region) => onChange({ ...auth, region })} />
          <Field label={t('authEditor.service')} value={auth.service} placeholder={'execute-api'} onChange={(service) => onChange({ ...auth, service })} />
        </>
      )
  }
}
