import type { Variable } from '../../shared/collection'
import { VariableScope, type VariableLayer } from '../vars/variableScope'
import type { CollectionStore } from './collectionStore'
import type { EnvironmentStore } from './environmentStore'
import { parentRel } from './collectionPaths'
import { folderScope } from './folderFiles'
import { secretKey, type SecretStore } from './secretStore'

export interface ScopeRequest {
  collectionId?: string | undefined
  /** A request or folder path: the variables of its enclosing folders take part. */
  path?: string | undefined
  /** undefined: the collection's active environment; null: none. */
  environmentId?: string | null | undefined
}

/**
 * Gathers the variable layers a request sees, secrets revealed, in precedence order:
 * global < collection < environment < folders (outermost first). This is what the engines use
 * before sending and what `vars.resolve` previews.
 */
export async function scopeFor(
  deps: { collections: CollectionStore; environments: EnvironmentStore; secrets: SecretStore },
  request: ScopeRequest
): Promise<VariableScope> {
  const layers: VariableLayer[] = [{ source: 'global', variables: await deps.environments.globals(), label: 'the globals' }]
  if (request.collectionId === undefined) return new VariableScope(layers, 'no collection is open, so no environment applies')

  const collection = await deps.collections.get(request.collectionId)
  const loaded = await collection.load()
  const reveal = (variables: Variable[], folder: string): Promise<Variable[]> =>
    deps.secrets.reveal(variables, (name) => secretKey(collection.id, folderScope(folder), name))

  layers.push({ source: 'collection', variables: await reveal(loaded.file?.variables ?? [], ''), label: `collection "${loaded.file?.name ?? collection.id}"` })

  const envId = request.environmentId === undefined ? await deps.environments.activeId(collection.id) : request.environmentId
  let note: string | undefined = 'no environment is selected'
  if (envId !== null) {
    const environment = await deps.environments.get(collection, envId)
    if (environment) {
      layers.push({ source: 'environment', variables: environment.variables, label: `environment "${environment.name}"` })
      note = undefined
    }
  }

  for (const folder of enclosingFolders(request.path ?? '', loaded.folders.has(request.path ?? ''))) {
    const settings = loaded.folders.get(folder)
    if (settings) layers.push({ source: 'folder', variables: await reveal(settings.variables, folder), label: `folder "${settings.name ?? folder}"` })
  }
  return new VariableScope(layers, note)
}

/** `a/b/req.yaml` → `['a', 'a/b']`; a folder path includes itself. */
function enclosingFolders(path: string, isFolder: boolean): string[] {
  const folders: string[] = []
  let current = isFolder ? path : parentRel(path)
  while (current !== '') {
    folders.unshift(current)
    current = parentRel(current)
  }
  return folders
}
