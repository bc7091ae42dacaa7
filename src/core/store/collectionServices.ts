import type { EventBus } from '../events'
import { AuthCredentials } from './authCredentials'
import { CollectionStore } from './collectionStore'
import { EnvironmentStore } from './environmentStore'
import { HistoryStore } from './historyStore'
import { cleanDataDirLeftovers } from './leftovers'
import { FileKeyCipher, type SecretCipher } from './secretCipher'
import { SecretStore } from './secretStore'
import { createStoreHandlers } from './storeHandlers'
import { Trash } from './trash'
import { scopeFor, type ScopeRequest } from './variableLayers'
import type { VariableScope } from '../vars/variableScope'
import { WorkspaceStore } from './workspaceStore'

export interface CollectionServicesOptions {
  dataDir: string
  events: EventBus
  /** Default: AES-256-GCM with a key in `<dataDir>/secret.key`. */
  secretCipher?: SecretCipher | undefined
  watchDebounceMs?: number
}

/** Builds the collection, environment, history and workspace stores and their contract handlers. */
export function createCollectionServices(options: CollectionServicesOptions) {
  const { dataDir, events } = options
  const secrets = new SecretStore(dataDir, options.secretCipher ?? new FileKeyCipher(dataDir))
  const trash = new Trash(dataDir)
  const collections = new CollectionStore({
    dataDir,
    credentials: new AuthCredentials(secrets),
    onExternalChange: (collectionId, paths) => events.emit('collection.changed', { collectionId, paths }),
    ...(options.watchDebounceMs === undefined ? {} : { watchDebounceMs: options.watchDebounceMs })
  })
  const environments = new EnvironmentStore(dataDir, secrets, trash)
  const history = new HistoryStore(dataDir)
  const workspace = new WorkspaceStore(dataDir)
  // What a crash left in the data dir (a half import, a save's temp file) goes, without delaying the start.
  const leftoversCleaned = cleanDataDirLeftovers(dataDir).catch(() => undefined)
  const handlers = createStoreHandlers({ collections, environments, secrets, trash, history, workspace, events })
  return {
    collections,
    environments,
    secrets,
    history,
    handlers,
    /** Settles once the data dir's crash leftovers are removed. */
    leftoversCleaned,
    /** The variables a request sees, for the engines to resolve before sending. */
    scopeFor: (request: ScopeRequest): Promise<VariableScope> => scopeFor({ collections, environments, secrets }, request),
    dispose: (): void => collections.dispose()
  }
}
