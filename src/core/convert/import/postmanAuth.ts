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
    case 'oauth2':
      return postmanOAuth2(p, where, unsupported)
    default:
      unsupported.push({ item: where, what: `${type || 'This'} auth is not supported by Parley; the request was imported without auth.` })
      return { type: 'none' }
  }
}

/** Postman's grant names; authorization_code without PKCE keeps PKCE off, as Postman sends it. */
const grants: Record<string, Extract<HttpAuth, { type: 'oauth2' }>['grant']> = {
  client_credentials: 'client_credentials',
  password_credentials: 'password',
  authorization_code: 'authorization_code',
  authorization_code_with_pkce: 'authorization_code',
  implicit: 'implicit'
}

/** Postman OAuth 2.0 (v2.1 `oauth2` key/value list): the settings come over; the saved token does not (the user signs in again). */
function postmanOAuth2(p: (key: string) => string, where: string, unsupported: UnsupportedItem[]): HttpAuth {
  const named = p('grant_type') || 'authorization_code'
  const grant = grants[named]
  if (!grant) {
    unsupported.push({ item: where, what: `OAuth 2.0 with Postman's "${named}" grant is not one Parley has; the request was imported without auth.` })
    return { type: 'none' }
  }
  const optional = (key: string, name: string): Record<string, string> => (p(key) ? { [name]: p(key) } : {})
  if (p('addTokenTo') === 'queryParams')
    unsupported.push({ item: where, what: 'OAuth 2.0: Postman added the token to the query; Parley sends it in the Authorization header.' })
  if (named === 'authorization_code_with_pkce' && p('challengeAlgorithm').toLowerCase() === 'plain')
    unsupported.push({ item: where, what: 'OAuth 2.0: the PKCE method "plain" was not carried over; Parley always uses S256.' })
  if (p('headerPrefix') && p('headerPrefix') !== 'Bearer')
    unsupported.push({
      item: where,
      what: `OAuth 2.0: the header prefix "${p('headerPrefix')}" was not carried over; Parley uses the token type the server gives (Bearer).`
    })
  return {
    type: 'oauth2',
    grant,
    tokenUrl: p('accessTokenUrl'),
    ...(grant === 'authorization_code' || grant === 'implicit' ? optional('authUrl', 'authUrl') : {}),
    ...(grant === 'authorization_code' || grant === 'implicit' ? optional('redirect_uri', 'redirectUri') : {}),
    ...(named === 'authorization_code' ? { pkce: false } : {}),
    clientId: p('clientId'),
    clientSecret: p('clientSecret'),
    ...(grant === 'password' ? { ...optional('username', 'username'), ...optional('password', 'password') } : {}),
    ...optional('scope', 'scope'),
    ...optional('audience', 'audience'),
    clientAuth: p('client_authentication') === 'body' ? 'body' : 'basic'
  }
}

function params(value: unknown): (key: string) => string {
  if (Array.isArray(value)) {
    const map = new Map(asArray(value).map((entry) => [asString(field(entry, 'key')), field(entry, 'value')]))
    return (key) => asString(map.get(key))
  }
  return (key) => asString(field(value, key))
}
