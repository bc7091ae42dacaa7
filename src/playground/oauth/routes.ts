import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, readBody, sendJson } from '../http/reply'
import type { Route } from '../http/router'
import { say } from '../i18n'
import { splitAuthorization } from '../rest/auth'
import { devicePage, loginPage, sendPage } from './pages'
import { OAUTH_PASSWORD, OAUTH_USER, OAuthState, oauthClients, safeEqual } from './state'

const DEVICE_INTERVAL_S = 1
const login = { user: OAUTH_USER, password: OAUTH_PASSWORD }
const AUTHORIZE_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce'] as const

const originOf = (req: IncomingMessage): string => `http://${req.headers.host ?? '127.0.0.1'}`

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/x-www-form-urlencoded/i.test(type)) {
    throw new HttpError(415, say('oauthFormType'))
  }
  return new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'))
}

/** RFC 6749 section 5.2: token endpoint errors are JSON with `error` and `error_description`. */
function tokenError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description }, { 'Cache-Control': 'no-store' })
}

/** Client authentication: Basic (form-encoded id and secret) or client_id/client_secret in the body. */
function authenticateClient(req: IncomingMessage, form: URLSearchParams): string | null {
  let id = form.get('client_id')
  let secret = form.get('client_secret')
  const basic = splitAuthorization(req.headers.authorization)
  if (basic?.scheme === 'basic') {
    const decoded = Buffer.from(basic.rest, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const unform = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '))
    id = unform(decoded.slice(0, colon < 0 ? undefined : colon))
    secret = colon < 0 ? '' : unform(decoded.slice(colon + 1))
  }
  const client = id ? oauthClients[id] : undefined
  if (!id || !client) return null
  if (client.secret !== null && !safeEqual(secret ?? '', client.secret)) return null
  return id
}

/** Loopback redirect URIs only, any port (RFC 8252 section 7.3): the playground never sends a code off the machine. */
function redirectAllowed(uri: string): boolean {
  try {
    const url = new URL(uri)
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && !url.hash
  } catch {
    return false
  }
}

function authorizeRequest(params: URLSearchParams): Record<string, string> {
  const request: Record<string, string> = {}
  for (const name of AUTHORIZE_FIELDS) {
    const value = params.get(name)
    if (value !== null) request[name] = value
  }
  return request
}

/** Checks what must be right before the user is even asked; an error here is shown, never redirected (RFC 6749 4.1.2.1). */
function checkAuthorize(res: ServerResponse, request: Record<string, string>): boolean {
  const problem =
    !request.client_id || !oauthClients[request.client_id]
      ? say('oauthUnknownClient', { id: request.client_id ?? '', known: Object.keys(oauthClients).join(', ') })
      : !request.redirect_uri || !redirectAllowed(request.redirect_uri)
        ? say('oauthRedirectUri')
        : request.response_type !== 'code' && request.response_type !== 'token'
          ? say('oauthResponseType')
          : request.code_challenge_method && !['S256', 'plain'].includes(request.code_challenge_method)
            ? say('oauthChallengeMethod')
            : null
  if (problem) sendPage(res, 400, say('oauthCannotSignIn'), `<p class="error" role="alert">${problem.replace(/</g, '&lt;')}</p>`)
  return problem === null
}

function redirectTo(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' })
  res.end()
}

/** The playground's OAuth 2.0 authorization server: authorization code (+PKCE), implicit, device, refresh, a protected resource. */
export function oauthRoutes(): Route[] {
  let issuer = 'http://127.0.0.1'
  const state = new OAuthState(() => issuer)
  return [
    {
      methods: ['GET'],
      path: '/oauth/authorize',
      summary: 'OAuth 2.0 sign-in page (code with PKCE, or implicit); user parley / secret',
      handler: ({ req, res, url }) => {
        issuer = originOf(req)
        const request = authorizeRequest(url.searchParams)
        if (checkAuthorize(res, request)) loginPage(res, request.client_id!, request, null, login)
      }
    },
    {
      methods: ['POST'],
      path: '/oauth/authorize',
      handler: async ({ req, res }) => {
        const form = await readForm(req)
        const request = authorizeRequest(form)
        if (!checkAuthorize(res, request)) return
        if (form.get('username') !== OAUTH_USER || form.get('password') !== OAUTH_PASSWORD) {
          loginPage(res, request.client_id!, request, say('oauthWrongLogin'), login)
          return
        }
        const scope = request.scope ?? ''
        const target = new URL(request.redirect_uri!)
        if (request.response_type === 'token') {
          const issued = state.issue(request.client_id!, scope, request.nonce ?? null)
          const fragment = new URLSearchParams({ access_token: issued.access_token, token_type: 'Bearer', expires_in: String(issued.expires_in), scope })
          if (request.state) fragment.set('state', request.state)
          target.hash = fragment.toString()
        } else {
          const challenge = request.code_challenge ?? null
          const code = state.issueCode({
            clientId: request.client_id!,
            redirectUri: request.redirect_uri!,
            scope,
            challenge,
            method: challenge ? ((request.code_challenge_method as 'S256' | 'plain' | undefined) ?? 'plain') : null,
            nonce: request.nonce ?? null
          })
          target.searchParams.set('code', code)
          if (request.state) target.searchParams.set('state', request.state)
          target.searchParams.set('iss', issuer)
        }
        redirectTo(res, target.href)
      }
    },
    {
      methods: ['POST'],
      path: '/oauth/token',
      summary: 'OAuth 2.0 token endpoint: authorization_code (PKCE), refresh_token, device_code, client_credentials, password',
      handler: async ({ req, res }) => {
        issuer = originOf(req)
        const form = await readForm(req)
        const clientId = authenticateClient(req, form)
        if (!clientId) return tokenError(res, 401, 'invalid_client', 'Unknown client, or a wrong client secret.')
        const grant = form.get('grant_type')
        const scope = form.get('scope') ?? ''
        let issued: ReturnType<OAuthState['issue']> | string
        if (grant === 'authorization_code') {
          issued = state.redeemCode(form.get('code') ?? '', clientId, form.get('redirect_uri') ?? '', form.get('code_verifier'))
        } else if (grant === 'refresh_token') {
          issued = state.refresh(form.get('refresh_token') ?? '', clientId)
        } else if (grant === 'urn:ietf:params:oauth:grant-type:device_code') {
          const polled = state.pollDevice(form.get('device_code') ?? '', clientId, DEVICE_INTERVAL_S * 1000)
          if (typeof polled === 'string')
            return tokenError(res, 400, polled, polled === 'authorization_pending' ? 'The user has not approved the device yet.' : `Device code: ${polled}.`)
          issued = polled
        } else if (grant === 'client_credentials') {
          issued = state.issue(clientId, scope, null)
        } else if (grant === 'password') {
          issued =
            form.get('username') === OAUTH_USER && form.get('password') === OAUTH_PASSWORD ? state.issue(clientId, scope, null) : 'wrong username or password'
        } else {
          return tokenError(res, 400, 'unsupported_grant_type', `grant_type "${grant ?? ''}" is not supported here.`)
        }
        if (typeof issued === 'string') return tokenError(res, 400, 'invalid_grant', issued)
        sendJson(res, 200, issued, { 'Cache-Control': 'no-store', Pragma: 'no-cache' })
      }
    },
    {
      methods: ['POST'],
      path: '/oauth/revoke',
      summary: 'OAuth 2.0 revocation (RFC 7009): token=...; token_type_hint=access_token revokes the access token alone, otherwise the whole grant',
      handler: async ({ req, res }) => {
        const form = await readForm(req)
        const clientId = authenticateClient(req, form)
        if (!clientId) return tokenError(res, 401, 'invalid_client', 'Unknown client, or a wrong client secret.')
        state.revoke(form.get('token') ?? '', clientId, form.get('token_type_hint'))
        // Section 2.2: 200 whether or not the token was known.
        res.writeHead(200, { 'Cache-Control': 'no-store' })
        res.end()
      }
    },
    {
      methods: ['POST'],
      path: '/oauth/device_authorization',
      summary: 'OAuth 2.0 device authorization (RFC 8628): device_code, user_code, verification_uri',
      handler: async ({ req, res }) => {
        issuer = originOf(req)
        const form = await readForm(req)
        const clientId = authenticateClient(req, form)
        if (!clientId) return tokenError(res, 401, 'invalid_client', 'Unknown client, or a wrong client secret.')
        const { deviceCode, userCode } = state.startDevice(clientId, form.get('scope') ?? '')
        const verification = `${issuer}/oauth/device`
        sendJson(
          res,
          200,
          {
            device_code: deviceCode,
            user_code: userCode,
            verification_uri: verification,
            verification_uri_complete: `${verification}?user_code=${encodeURIComponent(userCode)}`,
            expires_in: 600,
            interval: DEVICE_INTERVAL_S
          },
          { 'Cache-Control': 'no-store' }
        )
      }
    },
    {
      methods: ['GET'],
      path: '/oauth/device',
      summary: 'OAuth 2.0 device verification page',
      handler: ({ res, url }) => devicePage(res, url.searchParams.get('user_code') ?? '', null, null)
    },
    {
      methods: ['POST'],
      path: '/oauth/device',
      handler: async ({ req, res }) => {
        const form = await readForm(req)
        const userCode = form.get('user_code') ?? ''
        if (form.get('username') !== OAUTH_USER || form.get('password') !== OAUTH_PASSWORD) return devicePage(res, userCode, null, say('oauthWrongLogin'))
        if (!state.approveDevice(userCode)) return devicePage(res, userCode, null, say('oauthNoDevice', { code: userCode }))
        devicePage(res, '', say('oauthDeviceConnected'), null)
      }
    },
    {
      methods: '*',
      path: '/oauth/protected',
      summary: 'Needs Authorization: Bearer <an access token from /oauth/token>',
      handler: ({ req, res }) => {
        const auth = splitAuthorization(req.headers.authorization)
        const grant = auth?.scheme === 'bearer' ? state.check(auth.rest) : 'no bearer token was sent'
        if (typeof grant === 'string') {
          const challenge = auth ? `Bearer realm="playground", error="invalid_token", error_description="${grant}"` : 'Bearer realm="playground"'
          sendJson(res, 401, { error: 'Unauthorized', status: 401, hint: `The access token is refused: ${grant}.` }, { 'WWW-Authenticate': challenge })
          return
        }
        sendJson(res, 200, { authenticated: true, user: OAUTH_USER, client: grant.clientId, scope: grant.scope })
      }
    }
  ]
}
