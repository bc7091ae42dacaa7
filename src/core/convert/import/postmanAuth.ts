import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth } from '../../../shared/http'
import { asArray, asString, field } from './importModel'

/**
 * Postman auth: v2.1 lists parameters as `[{ key, value }]`, v2.0 as an object. Returns undefined
 * for "inherit" (no auth object), so the caller leaves the parent's auth in charge.
 */
export function postmanAuth(auth: unknown, where: string, unsupported: UnsupportedItem[]): HttpAuth | undefined {
  if (auth === undefined || auth === null) return undefined
  const type = asString(field(auth, 'type'))
  const p = params(field(auth, type))
  switch (type) {
    case 'noauth':
      return { type: 'none' }
    case 'inherit':
      return undefined
    case 'basic':
      return { type: 'basic', username: p('username'), password: p('password') }
    case 'digest':
      return { type: 'digest', username: p('username'), password: p('password') }
    case 'bearer':
      return { type: 'bearer', token: p('token'), prefix: 'Bearer' }
    case 'apikey':
      return { type: 'apikey', key: p('key'), value: p('value'), in: p('in') === 'query' ? 'query' : 'header' }
    case 'awsv4':
      return {
        type: 'awsv4',
        accessKeyId: p('accessKey'),
        secretAccessKey: p('secretKey'),
        region: p('region'),
        service: p('service'),
        ...(p('sessionToken') ? { sessionToken: p('sessionToken') } : {})
      }
    case 'oauth2': {
      const grant = p('grant_type')
      if (grant === 'client_credentials' || grant === 'password_credentials') {
        return {
          type: 'oauth2',
          grant: grant === 'client_credentials' ? 'client_credentials' : 'password',
          tokenUrl: p('accessTokenUrl'),
          clientId: p('clientId'),
          clientSecret: p('clientSecret'),
          ...(p('username') ? { username: p('username') } : {}),
          ...(p('password') ? { password: p('password') } : {}),
          ...(p('scope') ? { scope: p('scope') } : {}),
          ...(p('audience') ? { audience: p('audience') } : {}),
          clientAuth: p('client_authentication') === 'body' ? 'body' : 'basic'
        }
      }
      const token = p('accessToken')
      unsupported.push({
        item: where,
        what: `OAuth 2.0 with the ${grant || 'authorization_code'} grant needs a browser sign-in, which Parley does not do yet${token ? '; the saved access token became bearer auth' : ''}.`
      })
      return token ? { type: 'bearer', token, prefix: 'Bearer' } : { type: 'none' }
    }
    default:
      unsupported.push({ item: where, what: `${type || 'This'} auth is not supported by Parley; the request was imported without auth.` })
      return { type: 'none' }
  }
}

function params(value: unknown): (key: string) => string {
  if (Array.isArray(value)) {
    const map = new Map(asArray(value).map((entry) => [asString(field(entry, 'key')), field(entry, 'value')]))
    return (key) => asString(map.get(key))
  }
  return (key) => asString(field(value, key))
}
