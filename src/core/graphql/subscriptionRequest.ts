import { HttpSettingsSchema } from '../../shared/http'
import { digestOnHandshake } from '../http/auth/handshakeAuth'
import type { HttpEngine } from '../http/engine'
import { signHandshake } from '../realtime/handshakeSigning'
import type { GraphqlWsRequest } from '../../shared/realtime'
import type { SendContext } from '../../shared/sendContext'
import { prepareHttpRequest, type SendPreparationDeps } from '../sendPreparation'
import { resolveValue } from '../vars/resolveRequest'
import type { VariableScope } from '../vars/variableScope'

/**
 * A GraphQL subscription is dialled like its request is sent: the collection's and folders' headers
 * before its own, `inherit` auth replaced by the nearest one, and every `{{variable}}` resolved.
 */
export async function prepareGraphqlWs(
  deps: Pick<SendPreparationDeps, 'collections'>,
  request: GraphqlWsRequest,
  context: SendContext | undefined,
  scope: VariableScope
): Promise<GraphqlWsRequest> {
  const asHttp = {
    method: 'GET',
    url: request.url,
    headers: request.headers,
    auth: request.auth,
    body: { type: 'none' as const },
    settings: HttpSettingsSchema.parse({})
  }
  const prepared = await prepareHttpRequest({ collections: deps.collections, scopeFor: async () => scope }, asHttp, context)
  const rest = resolveValue(
    { connectionParams: request.connectionParams, query: request.query, variables: request.variables, operationName: request.operationName },
    scope
  )
  return { ...rest, url: prepared.url, headers: prepared.headers, auth: prepared.auth }
}

/**
 * The subscription's auth applied to its handshake by the HTTP engine, as a send would apply it
 * (OAuth 2.0 token from the secret store or token endpoint, AWS signature, Basic, Bearer, API key):
 * the session then dials with these headers and URL and no auth of its own.
 */
export async function withHandshakeAuth(http: Pick<HttpEngine, 'handshakeAuth'>, request: GraphqlWsRequest): Promise<GraphqlWsRequest> {
  // A bad URL is the session's to report, with its own hint.
  if (request.auth.type === 'none' || request.auth.type === 'inherit' || !URL.canParse(request.url.trim())) return request
  const signed = await signHandshake(http, request)
  if (signed.unappliedAuth === 'digest') throw digestOnHandshake()
  if (signed.unappliedAuth) return request
  return { ...request, url: signed.url, headers: signed.headers, auth: { type: 'none' } }
}
