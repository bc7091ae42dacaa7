import { randomUUID } from 'node:crypto'
import * as oauth from 'oauth4webapi'
import type { AppError } from '../../shared/errors'
import type { OAuthTokenInfo } from '../../shared/oauth'
import type { OAuth2Auth, TokenPost } from '../http/auth/oauth2'
import { httpError } from '../http/errors'
import { toAppError } from '../invoke'
import { endpointsOf, oauthFailure, storedOf } from './protocol'
import { tokenInfo, type OAuthTokenStore, type StoredToken } from './tokenStore'

/** The shell's sign-in window (Electron): opens the page, resolves with the URL the server redirected to. */
export type SignInWindow = (authorizationUrl: string, redirectUri: string) => Promise<string>

interface Flow {
  flowId: string
  kind: 'code' | 'implicit' | 'device'
  auth: OAuth2Auth
  post: TokenPost
  redirectUri: string
  state: string
  verifier: string | null
  expiresAt: number
  cancelled: boolean
  wake: (() => void) | null
}

export interface FlowEvents {
  finished(payload: { flowId: string; token?: OAuthTokenInfo; error?: AppError }): void
}

const FLOW_LIFETIME_MS = 10 * 60_000

/** Sign-ins in progress: authorization code (PKCE), implicit and device code; each ends by storing a token. */
export class OAuthFlows {
  private readonly flows = new Map<string, Flow>()

  constructor(
    private readonly tokens: OAuthTokenStore,
    private readonly events: FlowEvents,
    private readonly signInWindow: SignInWindow | null
  ) {}

  /** Builds the sign-in page URL with a fresh state (and PKCE challenge); with a sign-in window, runs it to the end. */
  async authorize(auth: OAuth2Auth, post: TokenPost, redirectUri: string) {
    if (auth.grant !== 'authorization_code' && auth.grant !== 'implicit') {
      throw httpError(
        'invalid_request',
        `"Get new token" with a sign-in page needs the authorization code or implicit grant, not ${auth.grant}.`,
        'Choose Authorization code (PKCE) or Implicit in the Auth tab.'
      )
    }
    let page: URL
    try {
      page = new URL(auth.authUrl ?? '')
    } catch {
      throw httpError(
        'invalid_url',
        `The authorization URL "${auth.authUrl ?? ''}" is not a valid URL.`,
        "Write the server's authorization endpoint, e.g. https://login.example.com/oauth/authorize."
      )
    }
    this.sweep()
    const flow = this.add({
      kind: auth.grant === 'implicit' ? 'implicit' : 'code',
      auth,
      post,
      redirectUri,
      verifier: auth.grant === 'authorization_code' && auth.pkce !== false ? oauth.generateRandomCodeVerifier() : null
    })
    page.searchParams.set('response_type', flow.kind === 'implicit' ? 'token' : 'code')
    page.searchParams.set('client_id', auth.clientId)
    page.searchParams.set('redirect_uri', redirectUri)
    if (auth.scope) page.searchParams.set('scope', auth.scope)
    if (auth.audience) page.searchParams.set('audience', auth.audience)
    page.searchParams.set('state', flow.state)
    if (flow.verifier) {
      page.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(flow.verifier))
      page.searchParams.set('code_challenge_method', 'S256')
    }
    const started = { flowId: flow.flowId, authorizationUrl: page.href, redirectUri }
    if (!this.signInWindow) return { ...started, via: 'popup' as const }
    let callback: string
    try {
      callback = await this.signInWindow(page.href, redirectUri)
    } catch (error) {
      this.flows.delete(flow.flowId)
      throw error
    }
    return { ...started, via: 'window' as const, token: await this.complete(callback) }
  }

  /** The server redirected back: the state must be one we issued and not yet used; then the code is exchanged. */
  async complete(callbackUrl: string): Promise<OAuthTokenInfo> {
    let url: URL
    try {
      url = new URL(callbackUrl)
    } catch {
      throw httpError('invalid_request', 'The sign-in came back to an address that is not a URL.', 'Start again with "Get new token".')
    }
    const params = url.search.length > 1 ? url.searchParams : new URLSearchParams(url.hash.slice(1))
    const flow = [...this.flows.values()].find((f) => f.kind !== 'device' && f.state === params.get('state'))
    if (!flow) {
      throw httpError(
        'auth_failed',
        'The sign-in answer carries a state that matches no sign-in in progress, so it was refused (it may be forged, replayed or from an older attempt).',
        'Click "Get new token" to start a new sign-in.'
      )
    }
    this.flows.delete(flow.flowId)
    try {
      const stored = flow.kind === 'implicit' ? implicitToken(params, flow.auth) : await this.exchange(flow, params)
      await this.tokens.set(flow.auth, stored)
      const token = tokenInfo(stored)
      this.events.finished({ flowId: flow.flowId, token })
      return token
    } catch (error) {
      const failure = oauthFailure(error, 'sign-in')
      this.events.finished({ flowId: flow.flowId, error: toAppError(failure) })
      throw failure
    }
  }

  /** Starts the device code grant; polls in the background at the server's interval and reports through `finished`. */
  async device(auth: OAuth2Auth, post: TokenPost) {
    if (!auth.deviceUrl)
      throw httpError('invalid_request', 'The device code grant needs the device authorization URL.', 'Fill in "Device authorization URL" in the Auth tab.')
    const { as, client, clientAuth, options } = endpointsOf(auth, post)
    let started: oauth.DeviceAuthorizationResponse
    try {
      const parameters: Record<string, string> = {}
      if (auth.scope) parameters.scope = auth.scope
      if (auth.audience) parameters.audience = auth.audience
      started = await oauth.processDeviceAuthorizationResponse(as, client, await oauth.deviceAuthorizationRequest(as, client, clientAuth, parameters, options))
    } catch (error) {
      throw oauthFailure(error, 'device authorization')
    }
    this.sweep()
    const flow = this.add({ kind: 'device', auth, post, redirectUri: '', verifier: null })
    flow.expiresAt = Date.now() + started.expires_in * 1000
    void this.poll(flow, started.device_code, Math.max(1, started.interval ?? 5))
    return {
      flowId: flow.flowId,
      userCode: started.user_code,
      verificationUri: started.verification_uri,
      verificationUriComplete: started.verification_uri_complete ?? null,
      expiresAt: new Date(flow.expiresAt).toISOString()
    }
  }

  cancel(flowId: string): void {
    const flow = this.flows.get(flowId)
    if (!flow) return
    flow.cancelled = true
    flow.wake?.()
    this.flows.delete(flowId)
  }

  private async poll(flow: Flow, deviceCode: string, intervalS: number): Promise<void> {
    const { as, client, clientAuth, options } = endpointsOf(flow.auth, flow.post)
    let interval = intervalS
    for (;;) {
      // RFC 8628 section 3.5: wait the interval between polls.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval * 1000)
        flow.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      if (flow.cancelled) return
      if (Date.now() > flow.expiresAt) {
        this.flows.delete(flow.flowId)
        this.events.finished({
          flowId: flow.flowId,
          error: toAppError(httpError('auth_failed', 'The device code expired before the sign-in was approved.', 'Click "Get new token" to get a new code.'))
        })
        return
      }
      try {
        const response = await oauth.deviceCodeGrantRequest(as, client, clientAuth, deviceCode, options)
        const stored = storedOf(await oauth.processDeviceCodeResponse(as, client, response), flow.auth.scope)
        if (flow.cancelled) return
        this.flows.delete(flow.flowId)
        await this.tokens.set(flow.auth, stored)
        this.events.finished({ flowId: flow.flowId, token: tokenInfo(stored) })
        return
      } catch (error) {
        const code = error instanceof oauth.ResponseBodyError ? error.error : null
        if (code === 'authorization_pending') continue
        if (code === 'slow_down') {
          interval += 5
          continue
        }
        this.flows.delete(flow.flowId)
        if (!flow.cancelled) this.events.finished({ flowId: flow.flowId, error: toAppError(oauthFailure(error, 'device sign-in')) })
        return
      }
    }
  }

  private async exchange(flow: Flow, params: URLSearchParams): Promise<StoredToken> {
    const { as, client, clientAuth, options } = endpointsOf(flow.auth, flow.post)
    // RFC 9207: a server that names itself in `iss` is the issuer we check the id_token against.
    const iss = params.get('iss')
    if (iss) (as as { issuer: string }).issuer = iss
    const checked = oauth.validateAuthResponse(as, client, params, flow.state)
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, checked, flow.redirectUri, flow.verifier ?? oauth.nopkce, options)
    return storedOf(await oauth.processAuthorizationCodeResponse(as, client, response), flow.auth.scope)
  }

  private add(init: Pick<Flow, 'kind' | 'auth' | 'post' | 'redirectUri' | 'verifier'>): Flow {
    const flow: Flow = {
      ...init,
      flowId: randomUUID(),
      state: oauth.generateRandomState(),
      expiresAt: Date.now() + FLOW_LIFETIME_MS,
      cancelled: false,
      wake: null
    }
    this.flows.set(flow.flowId, flow)
    return flow
  }

  private sweep(): void {
    for (const flow of this.flows.values()) if (flow.kind !== 'device' && flow.expiresAt < Date.now()) this.flows.delete(flow.flowId)
  }
}

/** Implicit grant: the token arrives in the redirect's fragment (OAuth 2.0 section 4.2.2); no refresh token. */
function implicitToken(params: URLSearchParams, auth: OAuth2Auth): StoredToken {
  const error = params.get('error')
  if (error)
    throw httpError(
      'auth_failed',
      `The server refused the sign-in (${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}).`,
      'Try again, or check the client id and scope.'
    )
  const accessToken = params.get('access_token')
  if (!accessToken)
    throw httpError(
      'auth_failed',
      'The sign-in came back without an access_token.',
      'Check that the server supports the implicit grant (response_type=token) for this client.'
    )
  const expiresIn = Number(params.get('expires_in'))
  return {
    accessToken,
    tokenType: (params.get('token_type') ?? 'Bearer').toLowerCase(),
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? Date.now() + expiresIn * 1000 : null,
    obtainedAt: Date.now(),
    scope: params.get('scope') ?? auth.scope ?? null,
    refreshToken: null,
    idToken: params.get('id_token')
  }
}
