import { ParleyError } from '../../../shared/errors'
import type { SocketIoRequest, SseRequest, WebSocketRequest } from '../../../shared/realtime'
import type { Scripts } from '../../../shared/scripts'
import type { SendContext } from '../../../shared/sendContext'
import type { HttpEngine } from '../../http/engine'
import { prepareLiveRequest } from '../../realtime/livePreparation'
import { maskSecrets, scriptChain, scriptHost } from '../../scripts/runRequest'
import { ScriptVariables, type VariableDeps, type VariableWriter } from '../../scripts/scriptVariables'
import { scopeOf, type SendPreparationDeps } from '../../sendPreparation'
import type { CollectionStore } from '../../store/collectionStore'
import { readRequest } from '../../store/requestFiles'
import type { VariableScope } from '../../vars/variableScope'
import { StepScripts } from './stepScripts'

/**
 * Connect in the app (session.open) for a live request of a collection: the pre-request scripts of
 * its collection, folders and saved file run first (outer to inner, their variable changes saved
 * as at Send), then the handshake gets the inherited headers and auth and `{{variables}}` resolve
 * in the scope the scripts left. Post-response scripts belong to runs (Run steps, the runner): an
 * open session has no end to run them at.
 */

type LiveRequest = SocketIoRequest | WebSocketRequest | SseRequest

export interface LiveOpenDeps extends VariableDeps, SendPreparationDeps {
  writer: VariableWriter
  http: Pick<HttpEngine, 'send' | 'readBody' | 'handshakeAuth'>
}

export interface OpenedLive<T> {
  request: T
  /** Where later emits and frames resolve their `{{variables}}`. */
  scope: VariableScope
}

export async function openLiveRequest<T extends LiveRequest>(
  deps: LiveOpenDeps,
  request: T,
  context: SendContext | undefined,
  requestId: string
): Promise<OpenedLive<T>> {
  const chain = (await scriptChain(deps, context, await savedScripts(deps.collections, context))).filter((item) => item.scripts.pre?.trim())
  let scope: VariableScope
  if (chain.length === 0) scope = await scopeOf(deps, context)
  else {
    const vars = await ScriptVariables.load(deps, context)
    const scripts = new StepScripts(
      undefined,
      vars,
      { requestId, requestName: '', iteration: 0, iterationCount: 1, url: request.url, headers: request.headers, host: scriptHost(deps, requestId) },
      (text) => maskSecrets(text, vars.secretValues())
    )
    try {
      for (const { owner, scripts: own } of chain) {
        const outcome = await scripts.phase('pre', own.pre ?? '', owner)
        if (outcome.failure)
          throw new ParleyError('script_error', `The pre-request script of ${owner} failed: ${outcome.failure}`, 'Fix the script; the session was not opened.')
      }
    } finally {
      scripts.dispose()
      await vars.persist(deps.writer)
    }
    scope = vars.scope()
  }
  const prepared = await prepareLiveRequest(deps, request, context, scope)
  return { request: prepared.request, scope }
}

/** The scripts of the saved live request the context names (a live tab does not edit them; its file holds them). */
export async function savedScripts(collections: CollectionStore, context: SendContext | undefined): Promise<Scripts | undefined> {
  if (!context?.path?.endsWith('.yaml') || context.variablesOnly) return undefined
  try {
    const saved = (await readRequest(await collections.get(context.collectionId), context.path)).request
    return saved.kind === 'http' ? undefined : saved.scripts
  } catch {
    // Not saved yet (or gone): only the collection's and folders' scripts apply.
    return undefined
  }
}
