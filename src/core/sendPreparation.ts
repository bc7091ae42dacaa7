import type { HttpAuth, HttpRequest, KeyValue } from '../shared/http'
import type { SendContext } from '../shared/sendContext'
import type { CollectionStore } from './store/collectionStore'
import { parentRel } from './store/collectionPaths'
import type { ScopeRequest } from './store/variableLayers'
import type { VariableScope } from './vars/variableScope'
import { resolveValue } from './vars/resolveRequest'

export interface SendPreparationDeps {
  collections: CollectionStore
  scopeFor(request: ScopeRequest): Promise<VariableScope>
}

/** The variables a request sees: globals always, and its collection's layers when it has one. */
export function scopeOf(deps: SendPreparationDeps, context: SendContext | undefined): Promise<VariableScope> {
  return deps.scopeFor(context ? { collectionId: context.collectionId, path: context.path, environmentId: context.environmentId } : {})
}

/**
 * The request as it goes on the wire: the headers of its collection and folders before its own
 * (its own win on a name clash), `inherit` auth replaced by the nearest folder's or the
 * collection's, and every `{{variable}}` resolved. A missing variable or a cycle throws a
 * readable error naming it, before anything is sent.
 */
export async function prepareHttpRequest(deps: SendPreparationDeps, request: HttpRequest, context: SendContext | undefined): Promise<HttpRequest> {
  let prepared = request
  if (context && !context.variablesOnly) {
    const collection = await deps.collections.get(context.collectionId)
    const loaded = await collection.load()
    const layers = [loaded.file, ...enclosingFolders(context.path ?? '').map((folder) => loaded.folders.get(folder))]
    const inheritedHeaders = layers.flatMap((layer) => layer?.headers ?? [])
    // An inherited auth comes from a folder file, which holds credentials as references.
    const auth = request.auth.type === 'inherit' ? await collection.credentials.reveal(collection.id, inheritAuth(request.auth, layers)) : request.auth
    prepared = { ...request, headers: mergeHeaders(inheritedHeaders, request.headers), auth }
  } else if (request.auth.type === 'inherit') {
    prepared = { ...request, auth: { type: 'none' } }
  }
  return resolveValue(prepared, await scopeOf(deps, context))
}

/** `a/b/req.yaml` → `['a', 'a/b']`, outermost first. */
export function enclosingFolders(path: string): string[] {
  const folders: string[] = []
  for (let current = parentRel(path); current !== ''; current = parentRel(current)) folders.unshift(current)
  return folders
}

function mergeHeaders(inherited: KeyValue[], own: KeyValue[]): KeyValue[] {
  const ownNames = new Set(own.filter((h) => h.enabled).map((h) => h.name.toLowerCase()))
  const kept = inherited.filter((h) => h.enabled && !ownNames.has(h.name.toLowerCase()))
  return [...kept, ...own]
}

/** The nearest explicit auth, looking outward from the request; none if nobody sets one. */
function inheritAuth(auth: HttpAuth, layers: ({ auth?: HttpAuth } | null | undefined)[]): HttpAuth {
  if (auth.type !== 'inherit') return auth
  for (const layer of [...layers].reverse()) {
    if (layer?.auth && layer.auth.type !== 'inherit') return layer.auth
  }
  return { type: 'none' }
}
