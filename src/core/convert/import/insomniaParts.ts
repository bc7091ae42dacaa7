import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, KeyValue } from '../../../shared/http'
import { asArray, asString, field } from './importModel'

/** Parts Insomnia's HTTP, WebSocket and Socket.IO requests share: headers, query, auth, templates. */

export function headers(list: unknown): KeyValue[] {
  return asArray(list)
    .filter((h) => asString(field(h, 'name')) !== '')
    .map((h) => ({
      name: asString(field(h, 'name')),
      value: asString(field(h, 'value')),
      enabled: field(h, 'disabled') !== true,
      ...(asString(field(h, 'description')) ? { description: asString(field(h, 'description')) } : {})
    }))
}

/** Insomnia keeps query parameters apart from the URL; Parley keeps them in it. */
export function withQuery(url: string, parameters: unknown, where: string, unsupported: UnsupportedItem[]): string {
  const params = asArray(parameters).filter((p) => asString(field(p, 'name')) !== '')
  const enabled = params.filter((p) => field(p, 'disabled') !== true)
  for (const p of params.filter((q) => field(q, 'disabled') === true)) {
    unsupported.push({ item: where, what: `The disabled query parameter "${asString(field(p, 'name'))}" was left out (Parley keeps the query in the URL).` })
  }
  if (enabled.length === 0) return url
  const query = enabled
    .map(
      (p) =>
        `${encodeURIComponent(asString(field(p, 'name')))}=${encodeURIComponent(asString(field(p, 'value')))
          .replace(/%7B/g, '{')
          .replace(/%7D/g, '}')}`
    )
    .join('&')
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

/** Insomnia auth; undefined means inherit (an empty object, or no auth at all). */
export function insomniaAuth(auth: unknown, where: string, unsupported: UnsupportedItem[]): HttpAuth | undefined {
  const type = asString(field(auth, 'type'))
  const p = (key: string): string => asString(field(auth, key))
  if (type === '' || type === 'inherit') return undefined
  if (field(auth, 'disabled') === true || type === 'none') return { type: 'none' }
  switch (type) {
    case 'basic':
      return { type: 'basic', username: p('username'), password: p('password') }
    case 'digest':
      return { type: 'digest', username: p('username'), password: p('password') }
    case 'bearer':
      return { type: 'bearer', token: p('token'), prefix: field(auth, 'prefix') === undefined ? 'Bearer' : p('prefix') || 'Bearer' }
    case 'apikey':
      return { type: 'apikey', key: p('key'), value: p('value'), in: p('addTo') === 'queryParams' ? 'query' : 'header' }
    case 'iam':
      return {
        type: 'awsv4',
        accessKeyId: p('accessKeyId'),
        secretAccessKey: p('secretAccessKey'),
        region: p('region'),
        service: p('service'),
        ...(p('sessionToken') ? { sessionToken: p('sessionToken') } : {})
      }
    case 'oauth2': {
      const grant = p('grantType') || 'authorization_code'
      if (grant !== 'client_credentials' && grant !== 'password' && grant !== 'authorization_code' && grant !== 'implicit') {
        unsupported.push({ item: where, what: `OAuth 2.0 with Insomnia's "${grant}" grant is not one Parley has; the request has no auth.` })
        return { type: 'none' }
      }
      const signIn = grant === 'authorization_code' || grant === 'implicit'
      if (grant === 'authorization_code' && field(auth, 'usePkce') === true && p('pkceMethod').toLowerCase() === 'plain')
        unsupported.push({ item: where, what: 'OAuth 2.0: the PKCE method "plain" was not carried over; Parley always uses S256.' })
      if (p('tokenPrefix') && p('tokenPrefix') !== 'Bearer')
        unsupported.push({
          item: where,
          what: `OAuth 2.0: the token prefix "${p('tokenPrefix')}" was not carried over; Parley uses the token type the server gives (Bearer).`
        })
      return {
        type: 'oauth2',
        grant,
        tokenUrl: p('accessTokenUrl'),
        ...(signIn && p('authorizationUrl') ? { authUrl: p('authorizationUrl') } : {}),
        ...(signIn && p('redirectUrl') ? { redirectUri: p('redirectUrl') } : {}),
        ...(grant === 'authorization_code' && field(auth, 'usePkce') !== true ? { pkce: false } : {}),
        clientId: p('clientId'),
        clientSecret: p('clientSecret'),
        ...(grant === 'password' && p('username') ? { username: p('username') } : {}),
        ...(grant === 'password' && p('password') ? { password: p('password') } : {}),
        ...(p('scope') ? { scope: p('scope') } : {}),
        ...(p('audience') ? { audience: p('audience') } : {}),
        clientAuth: field(auth, 'credentialsInBody') === true ? 'body' : 'basic'
      }
    }
    default:
      unsupported.push({ item: where, what: `${type} auth is not supported by Parley; the request was imported without auth.` })
      return { type: 'none' }
  }
}

/** `{{ _.token }}` and `{{ token }}` become `{{token}}`; template tags stay as text and are reported. */
export function templates(text: string, where: string, unsupported: UnsupportedItem[]): string {
  if (/\{%/.test(text))
    unsupported.push({ item: where, what: `A template tag (${/\{%\s*\w+/.exec(text)?.[0] ?? '{%'} … %}) has no Parley counterpart; it was kept as text.` })
  return text.replace(/\{\{\s*(?:_\.)?([A-Za-z0-9_.-]+)\s*\}\}/g, '{{$1}}')
}
