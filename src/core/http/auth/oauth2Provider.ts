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
 * OAuth 2.0: the token comes from the cache, the token endpoint or the secret store (signed-in grants,
 * refreshed first when expired) before the first exchange. A 401 from the original origin is answered
 * once: a fetched token is fetched again; a signed-in one is refreshed with its refresh token and, when
 * that fails, the 401 stays and the response says to sign in again.
 */
export const oauth2Provider: AuthProvider<'oauth2'> = {
  type: 'oauth2',
  start: async (auth, headers, _url, ctx) => {
    let info = await ctx.control.guard(ctx.tokens.token(auth, ctx.postToken))
    const signedIn = INTERACTIVE_GRANTS.has(auth.grant)
    const warnings: string[] = []
    let mayRetry = true
    return {
      headers: withHeader(headers, 'Authorization', authorizationOf(info)),
      session: {
        get info() {
          return info
        },
        warnings,
        answer: async (response, exchange) => {
          if (!mayRetry || response.status !== 401 || !sameOrigin(exchange.url, exchange.originalUrl)) return null
          if (!signedIn && !info.fromCache) return null
          mayRetry = false
          if (signedIn) {
            try {
              info = await ctx.control.guard(ctx.tokens.renew(auth, ctx.postToken, info.accessToken))
            } catch (error) {
              if (ctx.control.error) throw ctx.control.error
              const e = error as { message?: string; hint?: string }
              warnings.push(
                `The server refused the OAuth 2.0 token (401) and it could not be renewed: ${e.message ?? String(error)} Sign in again: click "Get new token" in the Auth tab.`
              )
              return null
            }
          } else {
            ctx.tokens.forget(auth)
            info = await ctx.control.guard(ctx.tokens.token(auth, ctx.postToken))
          }
          const fresh = info
          return { rewrite: (h) => withHeader(h, 'Authorization', authorizationOf(fresh)) }
        }
      }
    }
  }
}
