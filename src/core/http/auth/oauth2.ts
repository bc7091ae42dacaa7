import { createHash } from 'node:crypto'
import type { HttpAuth, HttpAuthInfo } from '../../../shared/http'
import { requestToken } from '../../oauth/protocol'
import { httpError } from '../errors'

export type OAuth2Auth = Extract<HttpAuth, { type: 'oauth2' }>

/** The grants a user signs in to ("Get new token"); their tokens are stored, not fetched at send. */
export const INTERACTIVE_GRANTS: ReadonlySet<OAuth2Auth['grant']> = new Set(['authorization_code', 'implicit', 'device_code'])

/** Stored tokens of interactive grants (the secret store, see core/oauth/tokenStore.ts). */
export interface StoredTokenSource {
  /** The stored token, refreshed first when it expired; throws auth_failed when there is none. */
  current(auth: OAuth2Auth, post: TokenPost): Promise<HttpAuthInfo>
  /** The server refused `refused` (a 401): refresh it with the refresh token; throws auth_failed when that cannot be done. */
  renew(auth: OAuth2Auth, post: TokenPost, refused: string): Promise<HttpAuthInfo>
}

/** Posts a form to the token endpoint; the engine provides it so TLS and proxy settings apply. */
export type TokenPost = (url: URL, headers: Array<[string, string]>, form: string) => Promise<{ status: number; text: string; contentType: string | null }>

interface CachedToken {
  accessToken: string
  tokenType: string
  expiresAt: number | null
  scope: string | null
}

// Refresh a little early, so a token does not expire between the check and the server reading it.
const EXPIRY_MARGIN_MS = 30_000

/**
 * Fetches OAuth 2.0 tokens (client credentials and password grants, through core/oauth/protocol.ts
 * like every other grant) and keeps them in memory until
 * they expire, keyed by everything that would produce a different token.
 */
export class OAuth2TokenCache {
  private readonly tokens = new Map<string, CachedToken>()
  private readonly inFlight = new Map<string, Promise<CachedToken>>()

  constructor(private readonly stored: StoredTokenSource | null = null) {}

  /** A token for this configuration: cached when still valid, otherwise fetched (or, signed-in grants, the stored one). */
  async token(auth: OAuth2Auth, post: TokenPost): Promise<HttpAuthInfo> {
    if (INTERACTIVE_GRANTS.has(auth.grant)) {
      if (!this.stored)
        throw httpError(
          'auth_failed',
          `The ${auth.grant} grant needs a signed-in token, and this engine keeps none.`,
          'Use client credentials or password here.'
        )
      return this.stored.current(auth, post)
    }
    const key = cacheKey(auth)
    const cached = this.tokens.get(key)
    if (cached && (cached.expiresAt === null || cached.expiresAt - EXPIRY_MARGIN_MS > Date.now())) return info(cached, true)
    let pending = this.inFlight.get(key)
    if (!pending) {
      pending = fetchToken(auth, post).finally(() => this.inFlight.delete(key))
      this.inFlight.set(key, pending)
    }
    const token = await pending
    this.tokens.set(key, token)
    return info(token, false)
  }

  /** A signed-in token the server refused: refreshed once with its refresh token (as Postman's auto-refresh does). */
  async renew(auth: OAuth2Auth, post: TokenPost, refused: string): Promise<HttpAuthInfo> {
    if (!this.stored)
      throw httpError('auth_failed', `The ${auth.grant} grant needs a signed-in token, and this engine keeps none.`, 'Use client credentials or password here.')
    return this.stored.renew(auth, post, refused)
  }

  /** Forgets the token of this configuration, e.g. after a 401 answered a cached one. */
  forget(auth: OAuth2Auth): void {
    this.tokens.delete(cacheKey(auth))
  }
}

function cacheKey(auth: OAuth2Auth): string {
  return createHash('sha256')
    .update(
      JSON.stringify([auth.tokenUrl, auth.grant, auth.clientId, auth.clientSecret, auth.username, auth.password, auth.scope, auth.audience, auth.clientAuth])
    )
    .digest('hex')
}

function info(token: CachedToken, fromCache: boolean): HttpAuthInfo {
  return {
    type: 'oauth2',
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
    scope: token.scope,
    fromCache
  }
}

async function fetchToken(auth: OAuth2Auth, post: TokenPost): Promise<CachedToken> {
  const { accessToken, tokenType, expiresAt, scope } = await requestToken(auth, post)
  return { accessToken, tokenType, expiresAt, scope }
}
