import { HttpSettingsSchema, type HttpAuth, type KeyValue } from '../../shared/http'
import type { SendContext } from '../../shared/sendContext'
import type { HttpEngine } from '../http/engine'
import { prepareHttpRequest, type SendPreparationDeps } from '../sendPreparation'
import { resolveValue } from '../vars/resolveRequest'
import { signHandshake } from './handshakeSigning'
import type { VariableScope } from '../vars/variableScope'

/**
 * A saved Socket.IO, WebSocket or SSE request as it is dialled: like an HTTP request is sent, the
 * collection's and folders' headers come before its own (its own win on a name clash) and the
 * nearest auth of its folders or collection applies to the handshake (a live request has no auth
 * of its own: it always inherits); then every `{{variable}}` is resolved. The auth goes on the
 * handshake through `signHandshake`, as a GraphQL subscription's does; what cannot go on a handshake
 * (Digest answers a challenge) is not, and `unappliedAuth` says which.
 */
export interface PreparedLive<T> {
  request: T
  unappliedAuth?: HttpAuth['type']
}

export async function prepareLiveRequest<T extends { url: string; headers: KeyValue[] }>(
  deps: Pick<SendPreparationDeps, 'collections'> & { http?: Partial<Pick<HttpEngine, 'handshakeAuth'>> | undefined },
  request: T,
  context: SendContext | undefined,
  scope: VariableScope
): Promise<PreparedLive<T>> {
  const asHttp = {
    method: 'GET',
    url: request.url,
    headers: request.headers,
    auth: { type: 'inherit' as const },
    body: { type: 'none' as const },
    settings: HttpSettingsSchema.parse({})
  }
  const prepared = await prepareHttpRequest({ collections: deps.collections, scopeFor: async () => scope }, asHttp, context)
  const resolved = resolveValue(request, scope)
  const signed = await signHandshake(deps.http, { url: prepared.url, headers: prepared.headers, auth: prepared.auth })
  return { request: { ...resolved, url: signed.url, headers: signed.headers }, ...(signed.unappliedAuth ? { unappliedAuth: signed.unappliedAuth } : {}) }
}
