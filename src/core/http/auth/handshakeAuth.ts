import type { HeaderList, HttpAuth } from '../../../shared/http'
import { httpError } from '../errors'
import type { AuthContext } from './provider'
import { apiKeyProvider, basicProvider, bearerProvider } from './simpleAuth'

/** The auth types a WebSocket, Socket.IO or SSE handshake carries: each only adds a header or a query parameter. */
export const handshakeAuthTypes: readonly HttpAuth['type'][] = ['none', 'inherit', 'basic', 'bearer', 'apikey']

/**
 * A handshake's headers with Basic, Bearer or API-key credentials added (an API key may go in the
 * URL's query, which is changed in place). Other types are left out: see `handshakeAuthTypes`.
 */
export async function handshakeHeaders(auth: HttpAuth, headers: HeaderList, url: URL): Promise<HeaderList> {
  // These three only add headers or a query parameter: they use nothing of a send's context.
  const noContext = {} as AuthContext
  switch (auth.type) {
    case 'basic':
      return (await basicProvider.start(auth, headers, url, noContext)).headers
    case 'bearer':
      return (await bearerProvider.start(auth, headers, url, noContext)).headers
    case 'apikey':
      return (await apiKeyProvider.start(auth, headers, url, noContext)).headers
    default:
      return headers
  }
}

/** Digest answers a challenge: a WebSocket handshake has no room for the round trip. */
export function digestOnHandshake(): Error {
  return httpError(
    'invalid_request',
    'Digest auth cannot be applied to a WebSocket handshake: it answers a challenge the handshake has no room for.',
    'Use Basic, Bearer, OAuth 2.0 or an API key, or put the credentials in the connection params.'
  )
}
