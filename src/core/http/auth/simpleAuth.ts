import type { HeaderList, HttpAuth } from '../../../shared/http'
import { withHeader } from '../headerList'

/** Adds Basic, Bearer or API-key credentials to a request; other auth types are left alone. */
export function applySimpleAuth(auth: HttpAuth, headers: HeaderList, url: URL): HeaderList {
  switch (auth.type) {
    case 'basic':
      return withHeader(headers, 'Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`)
    case 'bearer':
      return withHeader(headers, 'Authorization', auth.prefix ? `${auth.prefix} ${auth.token}` : auth.token)
    case 'apikey':
      if (auth.in === 'query') {
        url.searchParams.set(auth.key, auth.value)
        return headers
      }
      return withHeader(headers, auth.key, auth.value)
    default:
      return headers
  }
}
