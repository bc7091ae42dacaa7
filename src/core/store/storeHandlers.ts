import type { EventBus } from '../events'
import type { Handlers } from '../invoke'
import { resolveRequest } from '../vars/resolveRequest'
import { previewText } from '../vars/resolveText'
import type { CollectionStore } from './collectionStore'
import type { EnvironmentStore } from './environmentStore'
import {
  afterRestore,
  createFolder,
  deleteItem,
  duplicateFolder,
  moveFolderSecrets,
  readFolderSettings,
  renameFolder,
  reorder,
  saveFolderSettings
} from './folderFiles'
import { setCredentialsMode } from './credentialsSwitch'
import type { HistoryStore } from './historyStore'
import { createRequest, duplicateRequest, moveItem, readRequest, renameRequest, saveRequest } from './requestFiles'
import type { SecretStore } from './secretStore'
import type { Trash } from './trash'
import { scopeFor } from './variableLayers'
import type { WorkspaceStore } from './workspaceStore'
import { stat } from 'node:fs/promises'
import { resolveInside } from './collectionPaths'

export interface StoreDeps {
  collections: CollectionStore
  environments: EnvironmentStore
  secrets: SecretStore
  trash: Trash
  history: HistoryStore
  workspace: WorkspaceStore
  events: EventBus
}

type StoreCall =
  | 'collection.create'
  | 'collection.open'
  | 'collection.close'
  | 'collection.list'
  | 'collection.tree'
  | 'collection.search'
  | 'request.read'
  | 'request.save'
  | 'request.create'
  | 'request.rename'
  | 'request.duplicate'
  | 'request.move'
  | 'request.delete'
  | 'folder.create'
  | 'folder.rename'
  | 'folder.move'
  | 'folder.duplicate'
  | 'folder.delete'
  | 'folder.read'
  | 'folder.save'
  | 'item.reorder'
  | 'trash.undo'
  | 'collection.credentials'
  | 'collection.setCredentials'
  | 'environment.list'
  | 'environment.save'
  | 'environment.delete'
  | 'environment.setActive'
  | 'globals.get'
  | 'globals.save'
  | 'vars.resolve'
  | 'vars.resolveRequest'
  | 'workspace.get'
  | 'workspace.save'
  | 'history.list'
  | 'history.add'
  | 'history.clear'
  | 'history.setLimit'

/** The contract's collection, environment, variable, workspace and history calls. */
export function createStoreHandlers(deps: StoreDeps): Pick<Handlers, StoreCall> {
  const { collections, environments, secrets, trash, history, workspace, events } = deps
  /** Runs an edit on one collection, one at a time. */
  const edit = async <T>(collectionId: string, work: (c: Awaited<ReturnType<CollectionStore['get']>>) => Promise<T>): Promise<T> => {
    const collection = await collections.get(collectionId)
    return collection.exclusive(() => work(collection))
  }
  const historyChanged = async (): Promise<void> => events.emit('history.changed', { total: await history.count() })

  return {
    'collection.create': ({ path, name }) => collections.create(path, name),
    'collection.open': ({ path }) => collections.openFolder(path),
    'collection.close': async ({ collectionId }) => (await collections.close(collectionId), {}),
    'collection.list': async () => ({ collections: await collections.list() }),
    'collection.tree': ({ collectionId }) => collections.tree(collectionId),
    'collection.search': async ({ query, limit }) => ({ results: await collections.search(query, limit) }),

    'request.read': async ({ collectionId, path }) => readRequest(await collections.get(collectionId), path),
    'request.save': async ({ collectionId, path, request, baseHash, force }) => {
      const collection = await collections.get(collectionId)
      const saved = await collection.exclusive(() => saveRequest(collection, path, request, baseHash, force), true)
      collection.patchRequest(path, request)
      return saved
    },
    'request.create': ({ collectionId, folder, request }) => edit(collectionId, (c) => createRequest(c, folder, request)),
    'request.rename': ({ collectionId, path, name }) => edit(collectionId, (c) => renameRequest(c, path, name)),
    'request.duplicate': ({ collectionId, path, name }) => edit(collectionId, (c) => duplicateRequest(c, path, name)),
    'request.move': ({ collectionId, path, toFolder }) => edit(collectionId, (c) => moveItem(c, path, toFolder)),
    'request.delete': ({ collectionId, path }) => edit(collectionId, (c) => deleteItem(c, trash, path)),

    'folder.create': ({ collectionId, parent, name }) => edit(collectionId, (c) => createFolder(c, parent, name)),
    'folder.rename': ({ collectionId, path, name }) => edit(collectionId, (c) => renameFolder(c, secrets, path, name)),
    'folder.move': ({ collectionId, path, toFolder }) =>
      edit(collectionId, async (c) => {
        const isFolder = (await stat(resolveInside(c.root, path)).catch(() => undefined))?.isDirectory() ?? false
        const moved = await moveItem(c, path, toFolder)
        if (isFolder) await moveFolderSecrets(c, secrets, path, moved.path)
        return moved
      }),
    'folder.duplicate': ({ collectionId, path, name }) => edit(collectionId, (c) => duplicateFolder(c, secrets, path, name)),
    'folder.delete': ({ collectionId, path }) => edit(collectionId, (c) => deleteItem(c, trash, path)),
    'folder.read': async ({ collectionId, path }) => readFolderSettings(await collections.get(collectionId), secrets, path),
    'folder.save': ({ collectionId, path, settings }) => edit(collectionId, async (c) => (await saveFolderSettings(c, secrets, path, settings), {})),
    'collection.credentials': async ({ collectionId }) => ({ credentials: await (await collections.get(collectionId)).credentialsMode() }),
    'collection.setCredentials': ({ collectionId, credentials }) =>
      edit(collectionId, async (c) => {
        const paths = await setCredentialsMode(c, credentials)
        // Open tabs hold the hashes of the old files: announced, clean tabs reload and saves do not conflict.
        if (paths.length > 0) events.emit('collection.changed', { collectionId, paths })
        return { credentials: await c.credentialsMode() }
      }),
    'item.reorder': ({ collectionId, folder, order }) => edit(collectionId, async (c) => (await reorder(c, folder, order), {})),
    'trash.undo': async ({ trashId }) => {
      const manifest = await trash.restore(trashId, async (item, { collectionId, path }) => {
        const open = await collections.get(collectionId).catch(() => undefined)
        await open?.noteCreated(path, item)
      })
      const collection = await collections.get(manifest.collectionId).catch(() => undefined)
      if (collection) await collection.exclusive(() => afterRestore(collection, manifest.path, manifest.orderIndex))
      return { collectionId: manifest.collectionId, path: manifest.path }
    },

    'environment.list': async ({ collectionId }) => environments.list(await collections.get(collectionId)),
    'environment.save': async ({ collectionId, id, name, variables }) => ({
      id: await environments.save(await collections.get(collectionId), id, name, variables)
    }),
    'environment.delete': async ({ collectionId, id }) => (await environments.delete(await collections.get(collectionId), id), {}),
    'environment.setActive': async ({ collectionId, id }) => {
      await collections.get(collectionId)
      await environments.setActive(collectionId, id)
      return {}
    },
    'globals.get': async () => ({ variables: await environments.globals() }),
    'globals.save': async ({ variables }) => ({ variables: await environments.saveGlobals(variables) }),
    'vars.resolve': async ({ collectionId, path, environmentId, text }) =>
      previewText(text, await scopeFor({ collections, environments, secrets }, { collectionId, path, environmentId })),
    'vars.resolveRequest': async ({ collectionId, path, environmentId, request }) => ({
      request: resolveRequest(request, await scopeFor({ collections, environments, secrets }, { collectionId, path, environmentId }))
    }),

    'workspace.get': () => workspace.get(),
    'workspace.save': async (input) => (await workspace.save(input), {}),

    'history.list': ({ query, limit }) => history.list(query, limit),
    'history.add': async (input) => {
      const entry = await history.add(input)
      await historyChanged()
      return entry
    },
    'history.clear': async () => (await history.clear(), await historyChanged(), {}),
    'history.setLimit': async ({ limit }) => {
      const kept = await history.setLimit(limit)
      await historyChanged()
      return { limit: kept }
    }
  }
}
