import { withHeader } from '../headerList'
import { noSession, type AuthProvider } from './provider'

/** Basic: `Authorization: Basic base64(user:password)` on every exchange to the origin. */
export const basicProvider: AuthProvider<'basic'> = {
  type: 'basic',
  start: async (auth, headers) => ({
    headers: withHeader(headers, 'Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`),
    session: noSession
  })
}

/** Bearer: the token with its prefix (none when the prefix is empty). */
export const bearerProvider: AuthProvider<'bearer'> = {
  type: 'bearer',
  start: async (auth, headers) => ({
    headers: withHeader(headers, 'Authorization', auth.prefix ? `${auth.prefix} ${auth.token}` : auth.token),
    session: noSession
  })
}

/** API key: a header (dropped when a redirect leaves the origin) or a query parameter. */
export const apiKeyProvider: AuthProvider<'apikey'> = {
  type: 'apikey',
  start: async (auth, headers, url) => {
    if (auth.in === 'query') {
      url.searchParams.set(auth.key, auth.value)
      return { headers, session: noSession }
    }
    return { headers: withHeader(headers, auth.key, auth.value), session: { info: null, originHeaders: [auth.key] } }
  }
}
