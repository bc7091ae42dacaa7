import type { FolderNode, TreeNode } from '../../../shared/collection'
import { api } from '../../app/api'
import { emptyDraft, toRequest } from '../request/draft'
import { useTabs } from '../tabs/tabsStore'
import { baseName, errorText, parentPath, useCollections } from './collectionsStore'
import { tr } from '../../i18n'

/** Everything the sidebar does to files goes through here: call core, refresh the tree, keep tabs pointing at the right file. */

const refresh = (collectionId: string): Promise<void> => useCollections.getState().refreshOne(collectionId)

/** Open tabs follow a file or folder that moved or was renamed. */
async function retargetTabs(collectionId: string, from: string, to: string, reread: boolean): Promise<void> {
  const moved = (path: string): string | undefined => (path === from ? to : path.startsWith(`${from}/`) ? `${to}${path.slice(from.length)}` : undefined)
  for (const tab of useTabs.getState().tabs) {
    if (tab.source?.collectionId !== collectionId) continue
    const next = moved(tab.source.path)
    if (next === undefined) continue
    let hash = tab.source.hash
    let title = tab.title
    let saved = tab.saved
    if (reread) {
      // A rename rewrites the file's name field, so the hash the tab started from changes with it.
      const read = await api.call('request.read', { collectionId, path: next }).catch(() => undefined)
      if (read) ({ hash, request: saved } = { hash: read.hash, request: read.request })
      if (read) title = read.request.name
    }
    useTabs.setState((s) => ({
      tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, title, saved, source: { collectionId, path: next, hash } } : t))
    }))
  }
}

export async function openRequest(collectionId: string, path: string): Promise<void> {
  try {
    const read = await api.call('request.read', { collectionId, path })
    useTabs.getState().openSaved({ collectionId, path: read.path, hash: read.hash }, read.request)
    useCollections.getState().reveal(collectionId, path)
  } catch (error) {
    useCollections.getState().toast({ text: tr('collections:itemActions.couldNotOpen', { path, value: errorText(error) }), tone: 'error' })
  }
}

export async function createRequest(collectionId: string, folder: string, name: string): Promise<void> {
  const request = { kind: 'http' as const, name, description: '', ...toRequest(emptyDraft()) }
  const created = await api.call('request.create', { collectionId, folder, request })
  useCollections.getState().reveal(collectionId, created.path)
  await refresh(collectionId)
  const read = await api.call('request.read', { collectionId, path: created.path })
  useTabs.getState().openSaved({ collectionId, path: read.path, hash: read.hash }, read.request)
}

export async function createFolder(collectionId: string, parent: string, name: string): Promise<void> {
  const { path } = await api.call('folder.create', { collectionId, parent, name })
  useCollections.getState().reveal(collectionId, path)
  await refresh(collectionId)
}

export async function renameItem(collectionId: string, node: TreeNode, name: string): Promise<void> {
  if (node.type === 'folder' && node.path === '') {
    // The collection itself: its name lives in parley.yaml, the folder keeps its name.
    const { order: _order, ...settings } = await api.call('folder.read', { collectionId, path: '' })
    await api.call('folder.save', { collectionId, path: '', settings: { ...settings, name } })
    return useCollections.getState().refresh()
  }
  const call = node.type === 'folder' ? 'folder.rename' : 'request.rename'
  const { path } = await api.call(call, { collectionId, path: node.path, name })
  await retargetTabs(collectionId, node.path, path, node.type === 'request')
  await refresh(collectionId)
}

export async function duplicateItem(collectionId: string, node: TreeNode, name: string): Promise<void> {
  await api.call('request.duplicate', { collectionId, path: node.path, name })
  await refresh(collectionId)
}

/** Moves into a folder; returns the item's new path. */
export async function moveItem(collectionId: string, node: TreeNode, toFolder: string): Promise<string> {
  if (parentPath(node.path) === toFolder) return node.path
  const call = node.type === 'folder' ? 'folder.move' : 'request.move'
  const { path } = await api.call(call, { collectionId, path: node.path, toFolder })
  await retargetTabs(collectionId, node.path, path, false)
  useCollections.getState().reveal(collectionId, path)
  return path
}

export async function moveAndRefresh(collectionId: string, node: TreeNode, toFolder: string): Promise<void> {
  try {
    await moveItem(collectionId, node, toFolder)
  } finally {
    await refresh(collectionId)
  }
}

/** Drag and drop: puts `node` just before or after `target` (moving it into target's folder first when needed). */
export async function placeNear(collectionId: string, root: FolderNode, node: TreeNode, target: TreeNode, after: boolean): Promise<void> {
  try {
    const folder = parentPath(target.path)
    const newPath = await moveItem(collectionId, node, folder)
    const siblings = findFolder(root, folder)?.children.map((c) => baseName(c.path)) ?? []
    const moving = baseName(newPath)
    const order = siblings.filter((name) => name !== moving && name !== baseName(node.path))
    const at = order.indexOf(baseName(target.path))
    order.splice(at < 0 ? order.length : at + (after ? 1 : 0), 0, moving)
    await api.call('item.reorder', { collectionId, folder, order })
  } finally {
    await refresh(collectionId)
  }
}

export async function deleteItem(collectionId: string, node: TreeNode): Promise<void> {
  const call = node.type === 'folder' ? 'folder.delete' : 'request.delete'
  const { trashId } = await api.call(call, { collectionId, path: node.path })
  await refresh(collectionId)
  const store = useCollections.getState()
  store.toast({
    text: tr('collections:itemActions.deleted', { name: node.name }),
    action: {
      label: tr('collections:itemActions.undo'),
      run: async () => {
        try {
          const restored = await api.call('trash.undo', { trashId })
          await refresh(restored.collectionId)
        } catch (error) {
          store.toast({ text: tr('collections:itemActions.couldNotUndo', { value: errorText(error) }), tone: 'error' })
        }
      }
    }
  })
}

export function findFolder(root: FolderNode, path: string): FolderNode | undefined {
  if (root.path === path) return root
  for (const child of root.children) {
    if (child.type === 'folder') {
      const found = findFolder(child, path)
      if (found) return found
    }
  }
  return undefined
}

/** Every folder of a tree, depth first, for folder choosers. */
export function allFolders(root: FolderNode, depth = 0): { folder: FolderNode; depth: number }[] {
  return [{ folder: root, depth }, ...root.children.flatMap((c) => (c.type === 'folder' ? allFolders(c, depth + 1) : []))]
}
