import { createHash, randomBytes } from 'node:crypto'
import { getHeaders, withHeader } from '../headerList'
import type { AuthProvider } from './provider'

/** One `Digest` challenge from a WWW-Authenticate header. */
export interface DigestChallenge {
  realm: string
  nonce: string
  opaque: string | null
  algorithm: string
  qop: string[]
  userhash: boolean
}

const ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'MD5-SESS': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-SESS': 'sha256',
  'SHA-512-256': 'sha512-256',
  'SHA-512-256-SESS': 'sha512-256'
}

function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>()
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!)
  }
  return params
}

/**
 * Finds the strongest Digest challenge we can answer among the WWW-Authenticate values (a server
 * may offer SHA-256 and MD5 side by side, RFC 7616 section 3.7).
 */
export function pickDigestChallenge(values: string[]): DigestChallenge | null {
  const challenges: DigestChallenge[] = []
  for (const value of values) {
    // Several schemes may share one header value; split before each scheme name.
    for (const piece of value.split(/,?\s*(?=\b(?:Digest|Basic|Bearer|Negotiate|NTLM)\s)/i)) {
      const match = /^\s*Digest\s+(.*)$/is.exec(piece)
      if (!match) continue
      const params = parseParams(match[1]!)
      const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase()
      if (!ALGORITHMS[algorithm] || !params.has('nonce')) continue
      challenges.push({
        realm: params.get('realm') ?? '',
        nonce: params.get('nonce')!,
        opaque: params.get('opaque') ?? null,
        algorithm,
        qop: (params.get('qop') ?? '')
          .split(',')
          .map((q) => q.trim())
          .filter(Boolean),
        userhash: params.get('userhash')?.toLowerCase() === 'true'
      })
    }
  }
  const rank = (c: DigestChallenge): number => (c.algorithm.startsWith('SHA-512') ? 3 : c.algorithm.startsWith('SHA-256') ? 2 : 1)
  return challenges.sort((a, b) => rank(b) - rank(a))[0] ?? null
}

/** The Authorization header answering a Digest challenge (RFC 7616, qop=auth or none). */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: { username: string; password: string },
  method: string,
  uri: string,
  cnonce = randomBytes(16).toString('hex'),
  nc = '00000001'
): string {
  const algo = ALGORITHMS[challenge.algorithm]!
  const h = (s: string): string => createHash(algo).update(s, 'utf8').digest('hex')
  let ha1 = h(`${credentials.username}:${challenge.realm}:${credentials.password}`)
  if (challenge.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`)
  const ha2 = h(`${method}:${uri}`)
  const qop = challenge.qop.includes('auth') ? 'auth' : null
  const response = qop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`)
  const username = challenge.userhash ? h(`${credentials.username}:${challenge.realm}`) : credentials.username
  const quote = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`
  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(response)}`
  ]
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`)
  if (challenge.opaque !== null) parts.push(`opaque=${quote(challenge.opaque)}`)
  if (challenge.userhash) parts.push('userhash=true')
  return `Digest ${parts.join(', ')}`
}

/**
 * Digest: the first exchange goes without credentials; one 401 with a Digest challenge is answered
 * (its body is not kept), and the answer rides every later exchange until a redirect leaves the origin.
 */
export const digestProvider: AuthProvider<'digest'> = {
  type: 'digest',
  start: async (auth, headers) => {
    let answered = false
    let authorization: string | null = null
    const challengeOf = (status: number, h: Array<[string, string]>): DigestChallenge | null =>
      !answered && status === 401 ? pickDigestChallenge(getHeaders(h, 'www-authenticate')) : null
    return {
      headers,
      session: {
        info: null,
        exchange: (exchange) => (authorization ? withHeader(exchange.headers, 'Authorization', authorization) : exchange.headers),
        willAnswer: (response) => challengeOf(response.status, response.headers) !== null,
        answer: async (response, exchange) => {
          const challenge = challengeOf(response.status, response.headers)
          if (!challenge) return null
          answered = true
          authorization = digestAuthorization(challenge, auth, exchange.method, `${exchange.url.pathname}${exchange.url.search}`)
          return {}
        },
        leftOrigin: () => {
          authorization = null
        }
      }
    }
  }
}
