import * as oauth from 'oauth4webapi'
import type { OAuth2Auth, TokenPost } from '../http/auth/oauth2'
import { httpError } from '../http/errors'
import type { StoredToken } from './tokenStore'

/**
 * The OAuth 2.0 protocol through oauth4webapi (a maintained, dependency-free client that follows RFC 6749,
 * 7636 PKCE, 8628 device grant and 9207 `iss`): Parley supplies the endpoints from the request's settings
 * and its own transport, so token calls go through the request's TLS and proxy settings.
 */
interface Endpoints {
  as: oauth.AuthorizationServer
  client: oauth.Client
  clientAuth: oauth.ClientAuth
  options: { [oauth.customFetch]: typeof fetch; [oauth.allowInsecureRequests]: true }
}

function urlOf(text: string | undefined, what: string): URL {
  try {
    return new URL(text ?? '')
  } catch {
    throw httpError(
      'invalid_url',
      `The OAuth 2.0 ${what} "${text ?? ''}" is not a valid URL.`,
      `Write the full ${what} address, starting with https://, in the Auth tab.`
    )
  }
}

/** The server and client as oauth4webapi sees them; the issuer is the token endpoint's origin until the server names itself. */
export function endpointsOf(auth: OAuth2Auth, post: TokenPost): Endpoints {
  const tokenUrl = urlOf(auth.tokenUrl, 'token URL')
  const as: { -readonly [K in keyof oauth.AuthorizationServer]: oauth.AuthorizationServer[K] } = {
    issuer: tokenUrl.origin,
    token_endpoint: tokenUrl.href,
    ...(auth.authUrl ? { authorization_endpoint: auth.authUrl } : {}),
    ...(auth.deviceUrl ? { device_authorization_endpoint: auth.deviceUrl } : {})
  }
  const client: { -readonly [K in keyof oauth.Client]: oauth.Client[K] } = { client_id: auth.clientId }
  const clientAuth = !auth.clientSecret
    ? oauth.None()
    : auth.clientAuth === 'body'
      ? oauth.ClientSecretPost(auth.clientSecret)
      : oauth.ClientSecretBasic(auth.clientSecret)
  const customFetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Array<[string, string]> = []
    new Headers(init?.headers).forEach((value, name) => headers.push([name, value]))
    const body = init?.body instanceof URLSearchParams ? init.body.toString() : typeof init?.body === 'string' ? init.body : ''
    const answer = await post(new URL(String(input instanceof Request ? input.url : input)), headers, body)
    const text = tolerantTokenAnswer(answer.text, answer.contentType)
    adoptIdTokenIssuer(text, as, client)
    return new Response(text, {
      status: answer.status,
      headers: { 'content-type': text === answer.text ? (answer.contentType ?? 'application/json') : 'application/json' }
    })
  }) as typeof fetch
  return { as, client, clientAuth, options: { [oauth.customFetch]: customFetch, [oauth.allowInsecureRequests]: true } }
}

/**
 * What Parley always accepted from token endpoints beyond RFC 6749's JSON: a form-encoded answer
 * (older GitHub-style servers), a numeric expires_in sent as text, null optional fields, and no
 * token_type (taken as Bearer).
 */
function tolerantTokenAnswer(text: string, contentType: string | null): string {
  let json: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text
    json = parsed as Record<string, unknown>
  } catch {
    if (!/^application\/x-www-form-urlencoded/i.test(contentType ?? '') && !/^text\/plain/i.test(contentType ?? '')) return text
    json = Object.fromEntries(new URLSearchParams(text))
  }
  if (typeof json.access_token !== 'string' && typeof json.error !== 'string') return text
  const fixed = { ...json }
  if (typeof json.access_token === 'string' && typeof json.token_type !== 'string') fixed.token_type = 'bearer'
  if (typeof json.expires_in === 'string' && /^\d+$/.test(json.expires_in)) fixed.expires_in = Number(json.expires_in)
  for (const name of ['scope', 'expires_in', 'refresh_token', 'id_token']) if (fixed[name] === null) delete fixed[name]
  return JSON.stringify(fixed)
}

/**
 * Parley shows an id_token's claims, it does not log anyone in with them: the issuer and signing
 * algorithm the id_token names are taken as they are, so oauth4webapi's claim checks (audience,
 * expiry) still run without a discovery document.
 */
function adoptIdTokenIssuer(text: string, as: { issuer: string }, client: { id_token_signed_response_alg?: string }): void {
  try {
    const idToken = (JSON.parse(text) as { id_token?: unknown }).id_token
    if (typeof idToken !== 'string') return
    const [head, payload] = idToken.split('.')
    const alg = (JSON.parse(Buffer.from(head ?? '', 'base64url').toString('utf8')) as { alg?: unknown }).alg
    const iss = (JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { iss?: unknown }).iss
    if (typeof alg === 'string') client.id_token_signed_response_alg = alg
    if (typeof iss === 'string') as.issuer = iss
  } catch {
    /* not JSON or no JWT: oauth4webapi reports it */
  }
}

export function storedOf(response: oauth.TokenEndpointResponse, requestedScope: string | undefined): StoredToken {
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    expiresAt: typeof response.expires_in === 'number' && response.expires_in > 0 ? Date.now() + response.expires_in * 1000 : null,
    obtainedAt: Date.now(),
    scope: response.scope ?? requestedScope ?? null,
    refreshToken: response.refresh_token ?? null,
    idToken: response.id_token ?? null
  }
}

/** Turns oauth4webapi's errors into one the user can act on; `grantHint` replaces the invalid_grant hint (password grant). */
export function oauthFailure(error: unknown, step: string, grantHint?: string): Error {
  if (
    error instanceof Error &&
    'code' in error &&
    typeof (error as { code: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('OAUTH_')
  ) {
    const e = error as { error?: string; error_description?: string; message: string }
    const detail = e.error ? `${e.error}${e.error_description ? `: ${e.error_description}` : ''}` : e.message
    const hint =
      e.error === 'invalid_client'
        ? 'Check the client id and secret, and whether the server expects them in the Authorization header or in the body.'
        : e.error === 'invalid_grant' && grantHint
          ? grantHint
          : e.error === 'invalid_grant'
            ? 'The code or refresh token was refused (used, expired, or the PKCE verifier did not match): click "Get new token" to sign in again.'
            : e.error === 'access_denied'
              ? 'The sign-in was refused or cancelled on the server. Try again, or check the scopes asked for.'
              : 'Check the OAuth 2.0 settings in the Auth tab (URLs, client id, scope).'
    return httpError('auth_failed', `OAuth 2.0 ${step} failed (${detail}).`, hint)
  }
  return error instanceof Error ? error : new Error(String(error))
}

export async function refreshToken(auth: OAuth2Auth, refresh: string, post: TokenPost): Promise<StoredToken> {
  const { as, client, clientAuth, options } = endpointsOf(auth, post)
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refresh, options)
    return storedOf(await oauth.processRefreshTokenResponse(as, client, response), auth.scope)
  } catch (error) {
    throw oauthFailure(error, 'token refresh')
  }
}

/**
 * The grants fetched at send, without the user: client credentials (RFC 6749 section 4.4) and the
 * resource owner password (section 4.3), through the same oauth4webapi path as the signed-in grants.
 */
export async function requestToken(auth: OAuth2Auth, post: TokenPost): Promise<StoredToken> {
  const { as, client, clientAuth, options } = endpointsOf(auth, post)
  const parameters: Record<string, string> = {}
  if (auth.scope) parameters.scope = auth.scope
  if (auth.audience) parameters.audience = auth.audience
  try {
    if (auth.grant === 'password') {
      const response = await oauth.genericTokenEndpointRequest(
        as,
        client,
        clientAuth,
        'password',
        { ...parameters, username: auth.username ?? '', password: auth.password ?? '' },
        options
      )
      return storedOf(await oauth.processGenericTokenEndpointResponse(as, client, response), auth.scope)
    }
    const response = await oauth.clientCredentialsGrantRequest(as, client, clientAuth, parameters, options)
    return storedOf(await oauth.processClientCredentialsResponse(as, client, response), auth.scope)
  } catch (error) {
    throw oauthFailure(
      error,
      `token request to ${as.token_endpoint}`,
      auth.grant === 'password' ? 'Check the username and password.' : 'Check the grant type, scope and credentials in the OAuth 2.0 settings.'
    )
  }
}
