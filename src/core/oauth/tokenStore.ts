import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { HttpAuthInfo } from '../../shared/http'
import type { OAuthTokenInfo } from '../../shared/oauth'
import type { OAuth2Auth, TokenPost } from '../http/auth/oauth2'
import { httpError } from '../http/errors'
import { secretKey, type SecretStore } from '../store/secretStore'
import { decodeClaims } from './jwt'

const StoredTokenSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  expiresAt: z.number().nullable(),
  obtainedAt: z.number(),
  scope: z.string().nullable(),
  refreshToken: z.string().nullable(),
  idToken: z.string().nullable()
})
export type StoredToken = z.infer<typeof StoredTokenSchema>

// Refresh a little early, so a token does not expire between the check and the server reading it.
const EXPIRY_MARGIN_MS = 30_000

/** Refreshes a token with its refresh token (the protocol lives in protocol.ts). */
export type Refresher = (auth: OAuth2Auth, refreshToken: string, post: TokenPost) => Promise<StoredToken>

/** Everything that would make a server hand out a different token; secrets and the redirect URI are not part of it. */
export function tokenKey(auth: OAuth2Auth): string {
  const identity = [auth.grant, auth.authUrl ?? '', auth.deviceUrl ?? '', auth.tokenUrl, auth.clientId, auth.scope ?? '', auth.audience ?? '']
  return secretKey('oauth', 'token', createHash('sha256').update(JSON.stringify(identity)).digest('hex'))
}

export const noToken: OAuthTokenInfo = {
  present: false,
  accessToken: null,
  tokenType: null,
  expiresAt: null,
  obtainedAt: null,
  scope: null,
  hasRefreshToken: false,
  accessClaims: null,
  idClaims: null
}

/** What the Auth tab shows of a stored token. */
export function tokenInfo(token: StoredToken | null): OAuthTokenInfo {
  if (!token) return noToken
  return {
    present: true,
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
    obtainedAt: new Date(token.obtainedAt).toISOString(),
    scope: token.scope,
    hasRefreshToken: token.refreshToken !== null,
    accessClaims: decodeClaims(token.accessToken),
    idClaims: decodeClaims(token.idToken)
  }
}

/**
 * Tokens of signed-in grants, kept encrypted in the secret store (never in a collection file), keyed by
 * the OAuth settings; an expired one is refreshed with its refresh token at the next send.
 */
export class OAuthTokenStore {
  private readonly refreshing = new Map<string, Promise<StoredToken>>()
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly secrets: SecretStore,
    private readonly refresher: Refresher
  ) {}

  async get(auth: OAuth2Auth): Promise<StoredToken | null> {
    const text = await this.secrets.get(tokenKey(auth))
    if (text === undefined) return null
    try {
      return StoredTokenSchema.parse(JSON.parse(text))
    } catch {
      return null
    }
  }

  async set(auth: OAuth2Auth, token: StoredToken): Promise<void> {
    await this.secrets.setMany(new Map([[tokenKey(auth), JSON.stringify(token)]]))
    this.changed()
  }

  async clear(auth: OAuth2Auth): Promise<void> {
    await this.secrets.setMany(new Map([[tokenKey(auth), undefined]]))
    this.changed()
  }

  /** Called after any stored token changed: signed in, refreshed (at a send or on a 401), cleared. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }

  /** The token a send uses: the stored one, refreshed first when it has expired. */
  async current(auth: OAuth2Auth, post: TokenPost): Promise<HttpAuthInfo> {
    const token = await this.get(auth)
    if (!token) {
      throw httpError(
        'auth_failed',
        `There is no OAuth 2.0 token for ${auth.clientId} yet (${auth.grant.replace(/_/g, ' ')} grant).`,
        'Open the Auth tab and click "Get new token" to sign in.'
      )
    }
    const expired = token.expiresAt !== null && token.expiresAt - EXPIRY_MARGIN_MS <= Date.now()
    if (!expired) return sendInfo(token, true)
    if (!token.refreshToken) {
      throw httpError(
        'auth_failed',
        `The OAuth 2.0 token for ${auth.clientId} expired at ${new Date(token.expiresAt!).toISOString()} and there is no refresh token.`,
        'Click "Get new token" in the Auth tab to sign in again.'
      )
    }
    return sendInfo(await this.refreshOnce(auth, token, post), false)
  }

  /** The server answered 401 to `refused`: a new token from the refresh token (one refresh for many sends at once). */
  async renew(auth: OAuth2Auth, post: TokenPost, refused: string): Promise<HttpAuthInfo> {
    const token = await this.get(auth)
    if (!token) {
      throw httpError(
        'auth_failed',
        `The server refused the OAuth 2.0 token for ${auth.clientId}, and it is no longer stored.`,
        'Click "Get new token" in the Auth tab to sign in again.'
      )
    }
    // Another send refreshed it meanwhile: use that one.
    if (token.accessToken !== refused) return sendInfo(token, false)
    if (!token.refreshToken) {
      throw httpError(
        'auth_failed',
        `The server refused the OAuth 2.0 token for ${auth.clientId} (expired or revoked), and there is no refresh token to get a new one.`,
        'Click "Get new token" in the Auth tab to sign in again.'
      )
    }
    return sendInfo(await this.refreshOnce(auth, token, post), false)
  }

  private refreshOnce(auth: OAuth2Auth, token: StoredToken, post: TokenPost): Promise<StoredToken> {
    const key = tokenKey(auth)
    let pending = this.refreshing.get(key)
    if (!pending) {
      pending = this.refresh(auth, token, post).finally(() => this.refreshing.delete(key))
      this.refreshing.set(key, pending)
    }
    return pending
  }

  private async refresh(auth: OAuth2Auth, token: StoredToken, post: TokenPost): Promise<StoredToken> {
    const fresh = await this.refresher(auth, token.refreshToken!, post)
    // A server that does not rotate refresh tokens sends none back: keep the old one.
    const next = { ...fresh, refreshToken: fresh.refreshToken ?? token.refreshToken, idToken: fresh.idToken ?? token.idToken }
    await this.set(auth, next)
    return next
  }
}

function sendInfo(token: StoredToken, fromCache: boolean): HttpAuthInfo {
  return {
    type: 'oauth2',
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
    scope: token.scope,
    fromCache
  }
}
