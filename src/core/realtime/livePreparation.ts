import { HttpSettingsSchema, type HttpAuth, type KeyValue } from '../../shared/http'
import type { SendContext } from '../../shared/sendContext'
import { handshakeHeaders } from '../http/auth/handshakeAuth'
import type { HttpEngine } from '../http/engine'
import { prepareHttpRequest, type SendPreparationDeps } from '../sendPreparation'
import { resolveValue } from '../vars/resolveRequest'
import type { VariableScope } from '../vars/variableScope'

/**
 * A saved Socket.IO, WebSocket or SSE request as it is dialled: like an HTTP request is sent, the
 * collection's and folders' headers come before its own (its own win on a name clash) and the
 * nearest auth of its folders or collection applies to the handshake (a live request has no auth
 * of its own: it always inherits); then every `{{variable}}` is resolved. Basic, Bearer and API key
 * auth are applied here; OAuth 2.0 and AWS Signature v4 through the HTTP engine's `handshakeAuth`
 * (as a GraphQL subscription's handshake gets them) when one is given; what cannot go on a
 * handshake (Digest answers a challenge) is not, and `unappliedAuth` says which.
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
  const auth = prepared.auth
  const viaEngine = (auth.type === 'oauth2' || auth.type === 'awsv4') && deps.http?.handshakeAuth
  if (viaEngine && URL.canParse(prepared.url.trim())) {
    const signed = await viaEngine({ ...prepared, url: prepared.url.trim() })
    return { request: { ...resolved, url: signed.url, headers: signed.headers.map(([name, value]) => ({ name, value, enabled: true })) } }
  }
  if (auth.type !== 'basic' && auth.type !== 'bearer' && auth.type !== 'apikey') {
    return {
      request: { ...resolved, url: prepared.url, headers: prepared.headers },
      ...(auth.type === 'none' || auth.type === 'inherit' ? {} : { unappliedAuth: auth.type })
    }
  }
  let url: URL
  try {
    url = new URL(prepared.url.trim())
  } catch {
    // Not a URL: the engine says so when it dials; the credentials have nowhere to go.
    return { request: { ...resolved, url: prepared.url, headers: prepared.headers } }
  }
  const enabled = prepared.headers.filter((h) => h.enabled && h.name).map((h) => [h.name, h.value] as [string, string])
  const headers = (await handshakeHeaders(auth, enabled, url)).map(([name, value]) => ({ name, value, enabled: true }))
  return { request: { ...resolved, url: auth.type === 'apikey' && auth.in === 'query' ? url.toString() : prepared.url, headers } }
}
