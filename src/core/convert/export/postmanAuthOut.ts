import { isCredentialReference } from '../../store/authCredentials'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth } from '../../../shared/http'
import { credentialsLeftOut } from './storedCredentials'

type Attribute = { key: string; value: string | boolean; type: 'string' | 'boolean' }
const attrs = (values: Record<string, string | undefined>): Attribute[] =>
  Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ({ key, value, type: 'string' }))

/** Parley auth as a Postman v2.1 auth object; undefined for inherit (Postman's default). */
export function postmanAuthOut(stored: HttpAuth, where: string, unsupported: UnsupportedItem[]): Record<string, unknown> | undefined {
  // Credentials kept in the data dir stay there, like secret variables: the file only has a reference.
  const auth = Object.fromEntries(
    Object.entries(stored).map(([key, value]) => [key, typeof value === 'string' && isCredentialReference(value) ? '' : value])
  ) as HttpAuth
  if (JSON.stringify(auth) !== JSON.stringify(stored)) {
    unsupported.push({ item: where, what: credentialsLeftOut })
  }
  switch (auth.type) {
    case 'inherit':
      return undefined
    case 'none':
      return { type: 'noauth' }
    case 'basic':
      return { type: 'basic', basic: attrs({ username: auth.username, password: auth.password }) }
    case 'digest':
      return { type: 'digest', digest: attrs({ username: auth.username, password: auth.password }) }
    case 'bearer':
      if (auth.prefix !== 'Bearer') unsupported.push({ item: where, what: `The token prefix "${auth.prefix}" cannot be set in Postman; it sends "Bearer".` })
      return { type: 'bearer', bearer: attrs({ token: auth.token }) }
    case 'apikey':
      return { type: 'apikey', apikey: attrs({ key: auth.key, value: auth.value, in: auth.in }) }
    case 'awsv4':
      return {
        type: 'awsv4',
        awsv4: attrs({
          accessKey: auth.accessKeyId,
          secretKey: auth.secretAccessKey,
          region: auth.region,
          service: auth.service,
          sessionToken: auth.sessionToken
        })
      }
    case 'oauth2':
      if (auth.grant === 'device_code')
        unsupported.push({ item: where, what: 'Postman has no OAuth 2.0 device code grant; it was exported as authorization code.' })
      return {
        type: 'oauth2',
        oauth2: attrs({
          grant_type: auth.grant === 'authorization_code' && auth.pkce === false ? 'authorization_code' : postmanGrants[auth.grant],
          accessTokenUrl: auth.tokenUrl,
          ...(auth.authUrl ? { authUrl: auth.authUrl } : {}),
          ...(auth.redirectUri ? { redirect_uri: auth.redirectUri } : {}),
          clientId: auth.clientId,
          clientSecret: auth.clientSecret,
          username: auth.username,
          password: auth.password,
          scope: auth.scope,
          client_authentication: auth.clientAuth === 'body' ? 'body' : 'header',
          ...(auth.audience ? { audience: auth.audience } : {})
        })
      }
  }
}

/** Postman's names; it has no device code grant, so that one goes out as authorization code. */
const postmanGrants: Record<Extract<HttpAuth, { type: 'oauth2' }>['grant'], string> = {
  client_credentials: 'client_credentials',
  password: 'password_credentials',
  authorization_code: 'authorization_code_with_pkce',
  implicit: 'implicit',
  device_code: 'authorization_code'
}
