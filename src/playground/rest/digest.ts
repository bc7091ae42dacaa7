import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Route } from '../http/router'
import { HttpError, sendError, sendJson } from '../http/reply'
import { say } from '../i18n'
import { AUTH_PASSWORD, AUTH_USER, REALM, splitAuthorization } from './auth'

// RFC 7616 Digest with qop=auth. Nonces are stateless (timestamp + HMAC under a per-instance key) so
// any nonce we issued can be checked without storing it; we only remember the last nc per nonce to
// refuse replays.

const NONCE_LIFETIME_MS = 5 * 60_000
const ALGORITHMS = { MD5: 'md5', 'SHA-256': 'sha256' } as const
type Algorithm = keyof typeof ALGORITHMS

/** Parses `a=b, c="d, e"` auth-params, unescaping quoted strings. */
export function parseAuthParams(input: string): Record<string, string> {
  const params: Record<string, string> = {}
  const re = /\s*([\w-]+\*?)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy
  let match: RegExpExecArray | null
  while ((match = re.exec(input)) !== null && match[0] !== '') {
    params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '')
  }
  return params
}

function hash(algorithm: Algorithm, value: string): string {
  return createHash(ALGORITHMS[algorithm]).update(value, 'utf8').digest('hex')
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function createDigestAuth() {
  const key = randomBytes(32)
  const opaque = randomBytes(16).toString('hex')
  const lastNc = new Map<string, { nc: number; issued: number }>()

  const sign = (issued: number) => createHmac('sha256', key).update(String(issued)).digest('base64url')
  const newNonce = () => {
    const issued = Date.now()
    return Buffer.from(`${issued}:${sign(issued)}`).toString('base64url')
  }
  /** Returns the issue time of a nonce we minted, or undefined for a forged/garbled one. */
  const nonceIssued = (nonce: string): number | undefined => {
    const [issuedText, mac] = Buffer.from(nonce, 'base64url').toString('utf8').split(':')
    if (!issuedText || !mac || !/^\d+$/.test(issuedText)) return undefined
    const issued = Number(issuedText)
    return sameText(mac, sign(issued)) ? issued : undefined
  }
  const forgetExpired = (now: number) => {
    for (const [nonce, seen] of lastNc) if (now - seen.issued > NONCE_LIFETIME_MS) lastNc.delete(nonce)
  }

  const challenge = (res: ServerResponse, algorithm: Algorithm, reason: string, stale = false) => {
    const header = `Digest realm="${REALM}", qop="auth", algorithm=${algorithm}, nonce="${newNonce()}", opaque="${opaque}"` + (stale ? ', stale=true' : '')
    sendError(
      res,
      401,
      reason,
      { hint: say('digestHint', { user: AUTH_USER, password: AUTH_PASSWORD }) },
      {
        'WWW-Authenticate': header
      }
    )
  }

  const verify = (req: IncomingMessage, res: ServerResponse, algorithm: Algorithm): void => {
    const auth = splitAuthorization(req.headers.authorization)
    if (auth?.scheme !== 'digest') return challenge(res, algorithm, say('digestMissing'))
    const p = parseAuthParams(auth.rest)
    for (const name of ['username', 'realm', 'nonce', 'uri', 'response', 'qop', 'nc', 'cnonce']) {
      if (!p[name]) return challenge(res, algorithm, say('digestLacks', { name }))
    }
    if ((p.algorithm ?? 'MD5').toUpperCase() !== algorithm.toUpperCase()) {
      return challenge(res, algorithm, say('digestAlgorithm', { expected: algorithm, got: p.algorithm ?? 'MD5' }))
    }
    if (p.realm !== REALM) return challenge(res, algorithm, say('digestRealm', { realm: p.realm ?? '' }))
    if (p.opaque !== undefined && p.opaque !== opaque) return challenge(res, algorithm, say('digestOpaque'))
    if (p.qop !== 'auth') return challenge(res, algorithm, say('digestQop', { qop: p.qop ?? '' }))
    if (p.uri !== req.url) {
      throw new HttpError(400, say('digestUri'), { expected: req.url, got: p.uri })
    }
    if (!/^[0-9a-fA-F]{8}$/.test(p.nc!)) return challenge(res, algorithm, say('digestNc'))

    const now = Date.now()
    const issued = nonceIssued(p.nonce!)
    if (issued === undefined) return challenge(res, algorithm, say('digestUnknownNonce'))
    if (now - issued > NONCE_LIFETIME_MS) return challenge(res, algorithm, say('digestNonceExpired'), true)

    const ha1 = hash(algorithm, `${p.username}:${REALM}:${AUTH_PASSWORD}`)
    const ha2 = hash(algorithm, `${req.method}:${p.uri}`)
    const expected = hash(algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`)
    if (p.username !== AUTH_USER || !sameText(expected, p.response!.toLowerCase())) {
      return challenge(res, algorithm, say('basicWrong'))
    }

    // Only after the response proved the password do we consume the nc, so garbage cannot burn counters.
    const nc = parseInt(p.nc!, 16)
    const seen = lastNc.get(p.nonce!)
    if (seen && nc <= seen.nc) return challenge(res, algorithm, say('digestReplayed', { nc: p.nc ?? '' }))
    forgetExpired(now)
    lastNc.set(p.nonce!, { nc, issued })

    const rspauth = hash(algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${hash(algorithm, `:${p.uri}`)}`)
    sendJson(
      res,
      200,
      { authenticated: true, scheme: 'Digest', user: AUTH_USER, algorithm },
      {
        'Authentication-Info': `rspauth="${rspauth}", qop=auth, nc=${p.nc}, cnonce="${p.cnonce}"`
      }
    )
  }

  const route: Route = {
    methods: '*',
    path: '/auth/digest',
    summary: `RFC 7616 Digest (MD5, qop=auth; ?algorithm=SHA-256), ${AUTH_USER} / ${AUTH_PASSWORD}`,
    handler: ({ req, res, url }) => {
      const wanted = (url.searchParams.get('algorithm') ?? 'MD5').toUpperCase()
      if (!(wanted in ALGORITHMS)) {
        throw new HttpError(400, say('digestUnsupportedAlgorithm', { algorithm: wanted }), { supported: Object.keys(ALGORITHMS) })
      }
      verify(req, res, wanted as Algorithm)
    }
  }
  return route
}
