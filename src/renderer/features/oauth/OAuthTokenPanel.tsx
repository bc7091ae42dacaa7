import { useEffect, useRef, useState } from 'react'
import type { HttpAuth, HttpRequestInput } from '../../../shared/http'
import type { OAuthTokenInfo } from '../../../shared/oauth'
import type { SendContext } from '../../../shared/sendContext'
import { api } from '../../app/api'
import { formatDateTime, formatTime, useT } from '../../i18n'
import { errorText } from '../../i18n/errors'
import './oauth.css'

/** Which request the token belongs to: core resolves its variables and inherited auth as for a send. */
export interface TokenTarget {
  request: HttpRequestInput
  context?: SendContext | undefined
}

type OAuth2Auth = Extract<HttpAuth, { type: 'oauth2' }>
type Device = { userCode: string; verificationUri: string; verificationUriComplete: string | null; expiresAt: string }

let shellOnce: Promise<string> | undefined
const shellOf = (): Promise<string> =>
  (shellOnce ??= api.call('app.info').then(
    (info) => info.shell,
    () => 'browser'
  ))

/** The stored token of a signed-in grant: its details, "Get new token" and "Clear token". */
export function OAuthTokenPanel({ auth, target }: { auth: OAuth2Auth; target: TokenTarget }) {
  const { t } = useT('oauth')
  const [token, setToken] = useState<OAuthTokenInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [waiting, setWaiting] = useState<{ flowId: string; device: Device | null } | null>(null)
  const [shell, setShell] = useState<string | null>(null)
  const flowRef = useRef<string | null>(null)
  const popupRef = useRef<Window | null>(null)
  const targetRef = useRef(target)
  targetRef.current = target
  // Any change to what identifies the token (URLs, client, scope, grant) may mean another token.
  const identity = JSON.stringify([auth.grant, auth.authUrl, auth.deviceUrl, auth.tokenUrl, auth.clientId, auth.scope, auth.audience, target.context])

  useEffect(() => {
    void shellOf().then(setShell)
  }, [])

  // Asked again whenever core stores, refreshes (at a send, or after a 401) or clears a token.
  const [revision, setRevision] = useState(0)
  useEffect(() => api.on('oauth.changed', () => setRevision((n) => n + 1)), [])

  useEffect(() => {
    let live = true
    api.call('oauth.token', targetRef.current).then(
      (info) => live && setToken(info),
      (e: unknown) => live && setError(errorText(e))
    )
    return () => {
      live = false
    }
  }, [identity, revision])

  useEffect(
    () =>
      api.on('oauth.finished', (payload) => {
        if (payload.flowId !== flowRef.current) return
        flowRef.current = null
        setWaiting(null)
        if (payload.token) setToken(payload.token)
        if (payload.error) setError(errorText(payload.error))
      }),
    []
  )

  // The event can be missed (the window lost its connection to core while the user signed in): while a
  // sign-in is open, also look for a token stored after it began.
  useEffect(() => {
    if (!waiting) return
    const since = Date.now() - 1000
    const timer = setInterval(() => {
      api.call('oauth.token', targetRef.current).then(
        (info) => {
          if (!info.present || !info.obtainedAt || Date.parse(info.obtainedAt) < since || flowRef.current !== waiting.flowId) return
          flowRef.current = null
          setWaiting(null)
          setToken(info)
        },
        () => undefined
      )
    }, 2000)
    return () => clearInterval(timer)
  }, [waiting])

  const getNewToken = async (): Promise<void> => {
    setError(null)
    const usesPage = auth.grant === 'authorization_code' || auth.grant === 'implicit'
    // Opened at the click, before any await, or the browser's popup blocker refuses it.
    const popup = usesPage && shell !== 'electron' ? window.open('about:blank', 'parley-oauth', 'popup,width=520,height=700') : null
    if (usesPage && shell !== 'electron' && !popup) {
      setError(t('panel.popupBlocked'))
      return
    }
    popupRef.current = popup
    try {
      if (auth.grant === 'device_code') {
        const device = await api.call('oauth.device', targetRef.current)
        flowRef.current = device.flowId
        setWaiting({ flowId: device.flowId, device })
        return
      }
      const started = await api.call('oauth.authorize', targetRef.current)
      if (started.via === 'window') {
        if (started.token) setToken(started.token)
        return
      }
      flowRef.current = started.flowId
      setWaiting({ flowId: started.flowId, device: null })
      if (popup) popup.location.href = started.authorizationUrl
    } catch (e) {
      popup?.close()
      setError(errorText(e))
    }
  }

  const cancel = (): void => {
    const flowId = flowRef.current
    flowRef.current = null
    setWaiting(null)
    popupRef.current?.close()
    if (flowId) void api.call('oauth.cancel', { flowId }).catch(() => undefined)
  }

  const clear = async (): Promise<void> => {
    setError(null)
    try {
      setToken(await api.call('oauth.clear', targetRef.current))
    } catch (e) {
      setError(errorText(e))
    }
  }

  return (
    <section className="oauth-token" aria-label={t('panel.label')}>
      <div className="oauth-token-actions">
        <button type="button" className="primary-button" onClick={() => void getNewToken()} disabled={waiting !== null || shell === null}>
          {t('panel.getNewToken')}
        </button>
        <button type="button" className="secondary-button" onClick={() => void clear()} disabled={!token?.present}>
          {t('panel.clearToken')}
        </button>
        {waiting && (
          <button type="button" className="secondary-button" onClick={cancel}>
            {t('panel.cancelSignIn')}
          </button>
        )}
      </div>
      {shell === 'browser' && auth.grant !== 'device_code' && (
        <p className="muted">{t('note.browserRedirect', { uri: `${location.origin}/oauth/callback` })}</p>
      )}
      {waiting && !waiting.device && <p role="status">{t('panel.waiting')}</p>}
      {waiting?.device && <DeviceCode device={waiting.device} />}
      {error && (
        <p className="oauth-error" role="alert">
          {error}
        </p>
      )}
      {token && <TokenDetails token={token} />}
    </section>
  )
}

function DeviceCode({ device }: { device: Device }) {
  const { t } = useT('oauth')
  return (
    <div className="oauth-device" role="status">
      <p>{t('device.open')}</p>
      <p>
        <a href={device.verificationUriComplete ?? device.verificationUri} target="_blank" rel="noreferrer noopener">
          {device.verificationUri}
        </a>
      </p>
      <p className="oauth-user-code" aria-label={t('device.userCode')}>
        {device.userCode}
      </p>
      <p className="muted">{t('device.waiting', { time: formatTime(device.expiresAt) })}</p>
    </div>
  )
}

function TokenDetails({ token }: { token: OAuthTokenInfo }) {
  const { t } = useT('oauth')
  if (!token.present) return <p className="muted">{t('panel.noToken')}</p>
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now()
  return (
    <>
      <dl className="oauth-details" aria-label={t('details.label')}>
        <dt>{t('details.type')}</dt>
        <dd>{token.tokenType}</dd>
        <dt>{t('details.scope')}</dt>
        <dd>{token.scope || t('details.noScope')}</dd>
        <dt>{t('details.expires')}</dt>
        <dd>
          {token.expiresAt ? formatDateTime(token.expiresAt) : t('details.noExpiry')}
          {expired && <span className="oauth-expired"> {token.hasRefreshToken ? t('details.expiredRefresh') : t('details.expired')}</span>}
        </dd>
        <dt>{t('details.refreshToken')}</dt>
        <dd>{token.hasRefreshToken ? t('details.refreshYes') : t('details.refreshNone')}</dd>
        <dt>{t('details.accessToken')}</dt>
        <dd>
          <input
            className="oauth-access-token"
            aria-label={t('details.accessToken')}
            readOnly
            value={token.accessToken ?? ''}
            onFocus={(event) => event.target.select()}
          />
        </dd>
      </dl>
      {token.accessClaims && <Claims title={t('details.accessClaims')} claims={token.accessClaims} />}
      {token.idClaims && <Claims title={t('details.idClaims')} claims={token.idClaims} />}
    </>
  )
}

const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time'])

function Claims({ title, claims }: { title: string; claims: Array<[string, string]> }) {
  const { t } = useT('oauth')
  return (
    <table className="oauth-claims" aria-label={title}>
      <caption>
        {title} <span className="muted">{t('details.notVerified')}</span>
      </caption>
      <tbody>
        {claims.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              {value}
              {TIME_CLAIMS.has(name) && /^\d+$/.test(value) && <span className="muted"> ({formatDateTime(Number(value) * 1000)})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
