import type { HttpRequest } from '../../shared/http'
import type { SendContext } from '../../shared/sendContext'
import type { EventBus } from '../events'
import type { OAuth2Auth } from '../http/auth/oauth2'
import type { HttpEngine } from '../http/engine'
import { httpError } from '../http/errors'
import type { Handlers } from '../invoke'
import type { SecretStore } from '../store/secretStore'
import { OAuthFlows, type SignInWindow } from './flows'
import { refreshToken } from './protocol'
import { OAuthTokenStore, tokenInfo } from './tokenStore'

/** Where the sign-in window or popup comes back when the request names no redirect URI. */
export const DEFAULT_WINDOW_REDIRECT = 'http://127.0.0.1/parley/oauth/callback'

export interface OAuthOptions {
  /** Electron's sign-in window; absent in the browser host, where the renderer opens a popup. */
  signInWindow?: SignInWindow
}

/** The token store, created before the HTTP engine so sends can use (and refresh) stored tokens. */
export function createOAuthTokens(secrets: SecretStore): OAuthTokenStore {
  return new OAuthTokenStore(secrets, refreshToken)
}

interface Deps {
  tokens: OAuthTokenStore
  http: HttpEngine
  events: EventBus
  options: OAuthOptions
  /** Variables and inherited auth, as for a send. */
  prepare: (request: HttpRequest, context: SendContext | undefined) => Promise<HttpRequest>
}

/** The oauth.* calls, plus where the browser host's callback route points. */
export function createOAuthHandlers({ tokens, http, events, options, prepare }: Deps) {
  let hostRedirect: string | null = null
  const flows = new OAuthFlows(tokens, { finished: (payload) => events.emit('oauth.finished', payload) }, options.signInWindow ?? null)
  tokens.onChange(() => events.emit('oauth.changed', {}))

  async function oauthOf(request: HttpRequest, context: SendContext | undefined): Promise<{ auth: OAuth2Auth; prepared: HttpRequest }> {
    const prepared = await prepare(request, context)
    if (prepared.auth.type !== 'oauth2') {
      throw httpError(
        'invalid_request',
        `This request's auth is ${prepared.auth.type}, not OAuth 2.0.`,
        'Choose OAuth 2.0 in the Auth tab (or in the folder or collection it inherits from).'
      )
    }
    return { auth: prepared.auth, prepared }
  }

  const handlers: Pick<Handlers, 'oauth.authorize' | 'oauth.complete' | 'oauth.device' | 'oauth.cancel' | 'oauth.token' | 'oauth.clear'> = {
    'oauth.authorize': async ({ request, context }) => {
      const { auth, prepared } = await oauthOf(request, context)
      // The browser host can only catch a redirect on its own port; Electron catches any URI in its window.
      const redirectUri = options.signInWindow ? auth.redirectUri || DEFAULT_WINDOW_REDIRECT : hostRedirect
      if (!redirectUri)
        throw httpError('invalid_request', 'This shell cannot catch a sign-in redirect.', 'Use the desktop app or the browser host (npm run web).')
      return flows.authorize(auth, http.tokenPost(prepared), redirectUri)
    },
    'oauth.complete': ({ callbackUrl }) => flows.complete(callbackUrl),
    'oauth.device': async ({ request, context }) => {
      const { auth, prepared } = await oauthOf(request, context)
      if (auth.grant !== 'device_code')
        throw httpError('invalid_request', `The device code sign-in needs the device code grant, not ${auth.grant}.`, 'Choose Device code in the Auth tab.')
      return flows.device(auth, http.tokenPost(prepared))
    },
    'oauth.cancel': ({ flowId }) => {
      flows.cancel(flowId)
      return {}
    },
    'oauth.token': async ({ request, context }) => tokenInfo(await tokens.get((await oauthOf(request, context)).auth)),
    'oauth.clear': async ({ request, context }) => {
      await tokens.clear((await oauthOf(request, context)).auth)
      return tokenInfo(null)
    }
  }
  return {
    handlers,
    /** The browser host's callback route, once it listens. */
    useHostRedirect: (uri: string) => {
      hostRedirect = uri
    }
  }
}
