import { HttpSettingsSchema } from '../../shared/http'
import type { GraphqlWsRequest } from '../../shared/realtime'
import type { SendContext } from '../../shared/sendContext'
import { prepareHttpRequest, type SendPreparationDeps } from '../sendPreparation'
import { resolveValue } from '../vars/resolveRequest'
import type { VariableScope } from '../vars/variableScope'

/**
 * A GraphQL subscription is dialled like its request is sent: the collection's and folders' headers
 * before its own, `inherit` auth replaced by the nearest one, and every `{{variable}}` resolved.
 */
export async function prepareGraphqlWs(deps: Pick<SendPreparationDeps, 'collections'>, request: GraphqlWsRequest, context: SendContext | undefined, scope: VariableScope): Promise<GraphqlWsRequest> {
  const asHttp = { method: 'GET', url: request.url, headers: request.headers, auth: request.auth, body: { type: 'none' as const }, settings: HttpSettingsSchema.parse({}) }
  const prepared = await prepareHttpRequest({ collections: deps.collections, scopeFor: async () => scope }, asHttp, context)
  const rest = resolveValue({ connectionParams: request.connectionParams, query: request.query, variables: request.variables, operationName: request.operationName }, scope)
  return { ...rest, url: prepared.url, headers: prepared.headers, auth: prepared.auth }
}
