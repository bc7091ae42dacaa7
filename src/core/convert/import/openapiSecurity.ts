import type { VariableInput } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth } from '../../../shared/http'
import { asString, field } from './importModel'

/** A security scheme as Parley auth, with the variables that hold its secrets. */
export interface SchemeAuth {
  auth: HttpAuth
  variables: VariableInput[]
}

const secret = (name: string): VariableInput => ({ name, value: '', enabled: true, secret: true })

/**
 * Security schemes (OpenAPI 3 `components.securitySchemes`, Swagger 2 `securityDefinitions`) as
 * auth whose secrets are `{{variables}}`, so a shared collection never holds a credential.
 * Flows that need a browser (authorization code, implicit, OpenID Connect) are reported.
 */
export function schemeAuth(name: string, scheme: unknown, unsupported: UnsupportedItem[]): SchemeAuth | undefined {
  const type = asString(field(scheme, 'type'))
  const httpScheme = asString(field(scheme, 'scheme')).toLowerCase()
  if (type === 'basic' || (type === 'http' && httpScheme === 'basic')) {
    return {
      auth: { type: 'basic', username: '{{username}}', password: '{{password}}' },
      variables: [{ name: 'username', value: '', enabled: true, secret: false }, secret('password')]
    }
  }
  if (type === 'http' && httpScheme === 'bearer')
    return { auth: { type: 'bearer', token: '{{bearerToken}}', prefix: 'Bearer' }, variables: [secret('bearerToken')] }
  if (type === 'http' && httpScheme === 'digest') {
    return {
      auth: { type: 'digest', username: '{{username}}', password: '{{password}}' },
      variables: [{ name: 'username', value: '', enabled: true, secret: false }, secret('password')]
    }
  }
  if (type === 'apiKey') {
    const where = asString(field(scheme, 'in'))
    const key = asString(field(scheme, 'name'))
    const variable = variableName(name)
    if (where === 'header' || where === 'query') return { auth: { type: 'apikey', key, value: `{{${variable}}}`, in: where }, variables: [secret(variable)] }
    unsupported.push({
      item: `security scheme ${name}`,
      what: `An API key in a ${where || 'cookie'} is not an auth type Parley has; add a Cookie header "${key}={{${variable}}}" yourself.`
    })
    return undefined
  }
  if (type === 'oauth2') {
    // Swagger 2 names the flow; OpenAPI 3 lists flows by name.
    const flows = field(scheme, 'flows')
    const swaggerFlow = asString(field(scheme, 'flow'))
    const clientCredentials = field(flows, 'clientCredentials') ?? (swaggerFlow === 'application' ? scheme : undefined)
    const password = field(flows, 'password') ?? (swaggerFlow === 'password' ? scheme : undefined)
    const flow = clientCredentials ?? password
    if (flow !== undefined) {
      const scopes = Object.keys((field(flow, 'scopes') as Record<string, unknown> | undefined) ?? {}).join(' ')
      return {
        auth: {
          type: 'oauth2',
          grant: clientCredentials !== undefined ? 'client_credentials' : 'password',
          tokenUrl: asString(field(flow, 'tokenUrl')),
          clientId: '{{clientId}}',
          clientSecret: '{{clientSecret}}',
          ...(clientCredentials === undefined ? { username: '{{username}}', password: '{{password}}' } : {}),
          ...(scopes ? { scope: scopes } : {}),
          clientAuth: 'basic'
        },
        variables: [
          { name: 'clientId', value: '', enabled: true, secret: false },
          secret('clientSecret'),
          ...(clientCredentials === undefined ? [{ name: 'username', value: '', enabled: true, secret: false }, secret('password')] : [])
        ]
      }
    }
    // The sign-in flows: the user clicks "Get new token" (a public client with PKCE by default).
    const code = field(flows, 'authorizationCode') ?? (swaggerFlow === 'accessCode' ? scheme : undefined)
    const implicit = field(flows, 'implicit') ?? (swaggerFlow === 'implicit' ? scheme : undefined)
    const signIn = code ?? implicit
    if (signIn !== undefined) {
      const scopes = Object.keys((field(signIn, 'scopes') as Record<string, unknown> | undefined) ?? {}).join(' ')
      return {
        auth: {
          type: 'oauth2',
          grant: code !== undefined ? 'authorization_code' : 'implicit',
          tokenUrl: asString(field(signIn, 'tokenUrl')),
          authUrl: asString(field(signIn, 'authorizationUrl')),
          clientId: '{{clientId}}',
          clientSecret: '',
          ...(scopes ? { scope: scopes } : {}),
          clientAuth: 'basic'
        },
        variables: [{ name: 'clientId', value: '', enabled: true, secret: false }]
      }
    }
    unsupported.push({
      item: `security scheme ${name}`,
      what: 'This OAuth 2.0 security scheme names no flow Parley knows (client credentials, password, authorization code, implicit).'
    })
    return undefined
  }
  unsupported.push({ item: `security scheme ${name}`, what: `${type === 'http' ? `HTTP ${httpScheme}` : type || 'This'} security is not supported by Parley.` })
  return undefined
}

function variableName(scheme: string): string {
  const cleaned = scheme.replace(/[{}\s]/g, '_').replace(/^\$+/, '')
  return cleaned === '' ? 'apiKey' : cleaned
}
