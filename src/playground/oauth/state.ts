import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

/** A registered client of the playground's authorization server. */
export interface OAuthClient {
  /** null: a public client (a desktop app), which must use PKCE for the code flow. */
  secret: string | null
  /** Lifetime of its access tokens, in seconds. */
  accessTokenSeconds: number
}

export const OAUTH_USER = 'parley'
export const OAUTH_PASSWORD = 'secret'

/** The playground's clients: a public app, a confidential server, and one whose tokens last 5 seconds (to see refresh). */
export const oauthClients: Readonly<Record<string, OAuthClient>> = {
  'parley-app': { secret: null, accessTokenSeconds: 3600 },
  'parley-server': { secret: 'parley-secret', accessTokenSeconds: 3600 },
  'parley-short': { secret: null, accessTokenSeconds: 5 }
}

interface PendingCode {
  clientId: string
  redirectUri: string
  scope: string
  challenge: string | null
  method: 'S256' | 'plain' | null
  nonce: string | null
  expiresAt: number
}

interface DeviceGrant {
  clientId: string
  scope: string
  userCode: string
  expiresAt: number
  approved: boolean
  lastPoll: number
}

interface Issued {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
  refresh_token: string
  id_token?: string
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

/** In-memory state of one authorization server: codes, device grants, tokens. Fresh per playground start. */
export class OAuthState {
  private readonly key = randomBytes(32)
  private readonly codes = new Map<string, PendingCode>()
  private readonly devices = new Map<string, DeviceGrant>()
  private readonly refreshTokens = new Map<string, { clientId: string; scope: string; grant: string }>()
  private readonly accessTokens = new Map<string, { clientId: string; scope: string; expiresAt: number; grant: string; revoked?: true }>()

  constructor(private readonly issuer: () => string) {}

  issueCode(code: Omit<PendingCode, 'expiresAt'>): string {
    const id = b64url(randomBytes(24))
    this.codes.set(id, { ...code, expiresAt: Date.now() + 60_000 })
    return id
  }

  /** Redeems a code once: the client, redirect URI and PKCE verifier must match. */
  redeemCode(code: string, clientId: string, redirectUri: string, verifier: string | null): Issued | string {
    const pending = this.codes.get(code)
    this.codes.delete(code)
    if (!pending || pending.expiresAt < Date.now()) return 'the code is unknown, used or expired'
    if (pending.clientId !== clientId) return 'the code was issued to another client'
    if (pending.redirectUri !== redirectUri) return 'redirect_uri differs from the one in the authorization request'
    if (pending.challenge !== null) {
      if (!verifier) return 'code_verifier is required (the authorization request used PKCE)'
      const computed = pending.method === 'S256' ? b64url(createHash('sha256').update(verifier).digest()) : verifier
      if (!safeEqual(computed, pending.challenge)) return 'code_verifier does not match code_challenge'
    } else if (oauthClients[clientId]?.secret === null) {
      return 'a public client must use PKCE'
    }
    return this.issue(clientId, pending.scope, pending.nonce)
  }

  refresh(refreshToken: string, clientId: string): Issued | string {
    const grant = this.refreshTokens.get(refreshToken)
    if (!grant || grant.clientId !== clientId) return 'the refresh token is unknown or belongs to another client'
    // Rotation: a refresh token is used once (OAuth 2.0 Security BCP).
    this.refreshTokens.delete(refreshToken)
    return this.issue(clientId, grant.scope, null, grant.grant)
  }

  /**
   * RFC 7009: forgets a token of this client. An access token named with token_type_hint=access_token
   * goes alone (its refresh token still works: try a client's auto-refresh); otherwise the whole grant
   * goes, access and refresh tokens (section 2.1 lets the server do so).
   */
  revoke(token: string, clientId: string, hint: string | null): void {
    const found = this.accessTokens.get(token) ?? this.refreshTokens.get(token)
    if (!found || found.clientId !== clientId) return
    const access = this.accessTokens.get(token)
    if (hint === 'access_token' && access) {
      // Kept as revoked, so revoking it again without the hint still finds its grant.
      access.revoked = true
      return
    }
    for (const map of [this.accessTokens, this.refreshTokens]) for (const [key, value] of map) if (value.grant === found.grant) map.delete(key)
  }

  /** An access token issued without a user (client credentials) or with a password, as a JWT. */
  issue(clientId: string, scope: string, nonce: string | null, grant: string = randomUUID()): Issued {
    const seconds = oauthClients[clientId]?.accessTokenSeconds ?? 3600
    const now = Math.floor(Date.now() / 1000)
    const claims = { iss: this.issuer(), sub: OAUTH_USER, aud: clientId, iat: now, exp: now + seconds, scope, jti: randomUUID() }
    const accessToken = this.sign(claims)
    const refreshToken = b64url(randomBytes(24))
    this.accessTokens.set(accessToken, { clientId, scope, expiresAt: (now + seconds) * 1000, grant })
    this.refreshTokens.set(refreshToken, { clientId, scope, grant })
    const issued: Issued = { access_token: accessToken, token_type: 'Bearer', expires_in: seconds, scope, refresh_token: refreshToken }
    if (scope.split(' ').includes('openid')) {
      issued.id_token = this.sign({
        iss: this.issuer(),
        sub: OAUTH_USER,
        aud: clientId,
        iat: now,
        exp: now + 3600,
        name: 'Parley Playground',
        ...(nonce ? { nonce } : {})
      })
    }
    return issued
  }

  /** The grant behind a bearer token, or why it is refused. */
  check(token: string): { clientId: string; scope: string } | string {
    const grant = this.accessTokens.get(token)
    if (!grant) return 'the token was not issued here, or its grant was revoked'
    if (grant.revoked) return 'the token was revoked'
    if (grant.expiresAt <= Date.now()) return 'the token has expired'
    return grant
  }

  startDevice(clientId: string, scope: string): { deviceCode: string; userCode: string } {
    const deviceCode = b64url(randomBytes(24))
    const letters = 'BCDFGHJKLMNPQRSTVWXZ'
    const pick = (): string => Array.from(randomBytes(4), (b) => letters[b % letters.length]).join('')
    const userCode = `${pick()}-${pick()}`
    this.devices.set(deviceCode, { clientId, scope, userCode, expiresAt: Date.now() + 600_000, approved: false, lastPoll: 0 })
    return { deviceCode, userCode }
  }

  /** The user typed a code on the verification page and signed in. */
  approveDevice(userCode: string): boolean {
    const normal = userCode.toUpperCase().replace(/[^A-Z]/g, '')
    for (const grant of this.devices.values()) {
      if (grant.userCode.replace('-', '') === normal && grant.expiresAt > Date.now()) {
        grant.approved = true
        return true
      }
    }
    return false
  }

  /** RFC 8628 section 3.5: pending until approved; a poll faster than the interval is slow_down. */
  pollDevice(deviceCode: string, clientId: string, intervalMs: number): Issued | 'authorization_pending' | 'slow_down' | 'expired_token' | 'invalid_grant' {
    const grant = this.devices.get(deviceCode)
    if (!grant || grant.clientId !== clientId) return 'invalid_grant'
    if (grant.expiresAt < Date.now()) return 'expired_token'
    if (!grant.approved) {
      const tooSoon = Date.now() - grant.lastPoll < intervalMs * 0.8
      grant.lastPoll = Date.now()
      return tooSoon ? 'slow_down' : 'authorization_pending'
    }
    this.devices.delete(deviceCode)
    return this.issue(clientId, grant.scope, null)
  }

  private sign(claims: Record<string, unknown>): string {
    const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`
    return `${head}.${createHmac('sha256', this.key).update(head).digest('base64url')}`
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
