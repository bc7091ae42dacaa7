import type { HttpAuthInfo } from '../../../shared/http'
import { withHeader } from '../headerList'
import { sameOrigin } from '../redirects'
import { INTERACTIVE_GRANTS } from './oauth2'
import type { AuthProvider } from './provider'

/** `bearer` from a token endpoint is sent as `Bearer`, which some servers insist on. */
function authorizationOf(info: HttpAuthInfo): string {
  const type = info.tokenType.toLowerCase() === 'bearer' ? 'Bearer' : info.tokenType
  return `${type} ${info.accessToken}`
}

/**
 * OAuth 2.0: the token comes from the cache or the token endpoint before the first exchange; a 401
 * from the original origin to a cached token (the server may have revoked it) fetches a fresh one, once.
 */
export const oauth2Provider: AuthProvider<'oauth2'> = {
  type: 'oauth2',
  start: async (auth, headers, _url, ctx) => {
    let info = await ctx.control.guard(ctx.tokens.token(auth, ctx.postToken))
    // A signed-in token cannot be fetched again without the user; its expiry is handled by refresh.
    let mayRetry = !INTERACTIVE_GRANTS.has(auth.grant)
    return {
      headers: withHeader(headers, 'Authorization', authorizationOf(info)),
      session: {
        get info() {
          return info
        },
        answer: async (response, exchange) => {
          if (!mayRetry || response.status !== 401 || !info.fromCache || !sameOrigin(exchange.url, exchange.originalUrl)) return null
          mayRetry = false
          ctx.tokens.forget(auth)
          info = await ctx.control.guard(ctx.tokens.token(auth, ctx.postToken))
          const fresh = info
          return { rewrite: (h) => withHeader(h, 'Authorization', authorizationOf(fresh)) }
        }
      }
    }
  }
}
