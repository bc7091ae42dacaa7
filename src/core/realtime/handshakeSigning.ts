import type { HttpAuth, KeyValue } from '../../shared/http'
import { HttpSettingsSchema } from '../../shared/http'
import { handshakeHeaders } from '../http/auth/handshakeAuth'
import type { HttpEngine } from '../http/engine'

/** A handshake as it is dialled: the URL and headers with the auth applied, or the type that could not be. */
export interface SignedHandshake {
  url: string
  headers: KeyValue[]
  unappliedAuth?: HttpAuth['type']
}

const enabledPairs = (headers: KeyValue[]) => headers.filter((h) => h.enabled && h.name).map((h) => [h.name, h.value] as [string, string])
const asKeyValues = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value, enabled: true }))

/**
 * One place where a WebSocket, Socket.IO, SSE or GraphQL-subscription handshake gets its auth, the way a
 * send applies it: through the HTTP engine's `handshakeAuth` (OAuth 2.0 token from the secret store or the
 * token endpoint, AWS signature, Basic, Bearer, API key) when core has one; without an engine (a unit of
 * the runner) Basic, Bearer and API key, which only add a header or a query parameter. Digest answers a
 * challenge the handshake has no room for: it is left off and `unappliedAuth` says so. A URL that does not
 * parse is returned as it is, for the session to report with its own hint.
 */
export async function signHandshake(
  http: Partial<Pick<HttpEngine, 'handshakeAuth'>> | undefined,
  request: { url: string; headers: KeyValue[]; auth: HttpAuth }
): Promise<SignedHandshake> {
  const { auth } = request
  const unsigned = { url: request.url, headers: request.headers }
  if (auth.type === 'none' || auth.type === 'inherit') return unsigned
  const trimmed = request.url.trim()
  if (!URL.canParse(trimmed)) return unsigned
  if (auth.type === 'digest') return { ...unsigned, unappliedAuth: auth.type }
  if (http?.handshakeAuth) {
    const signed = await http.handshakeAuth({
      method: 'GET',
      url: trimmed,
      headers: request.headers,
      auth,
      body: { type: 'none' },
      settings: HttpSettingsSchema.parse({})
    })
    return { url: signed.url, headers: asKeyValues(signed.headers) }
  }
  if (auth.type !== 'basic' && auth.type !== 'bearer' && auth.type !== 'apikey') return { ...unsigned, unappliedAuth: auth.type }
  const url = new URL(trimmed)
  const headers = asKeyValues(await handshakeHeaders(auth, enabledPairs(request.headers), url))
  return { url: auth.type === 'apikey' && auth.in === 'query' ? url.toString() : request.url, headers }
}
