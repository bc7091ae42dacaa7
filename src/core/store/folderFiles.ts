import { cp, mkdir, readdir, rename, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { FolderFileSchema, type CollectionFile, type FolderFile, type FolderSettings, type Variable } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { baseRel, collectionFileName, environmentsDirName, folderFileName, freeEntryName, joinRel, parentRel, resolveInside, slugify } from './collectionPaths'
import { notFound, type OpenCollection } from './openCollection'
import { companionsOf } from './requestCompanions'
import { requireFolder } from './requestFiles'
import { secretKey, type SecretStore } from './secretStore'
import type { Trash } from './trash'

/** Folders of a collection: create, rename, settings (headers, auth, variables), order, delete. */

/** The secret-store scope of a folder's variables; `''` is the collection itself. */
export function folderScope(folder: string): string {
  return folder === '' ? 'collection' : `folder:${folder}`
}

/** Creates a sub-folder with a folder.yaml holding its display name. */
export async function createFolder(collection: OpenCollection, parent: string, name: string): Promise<{ path: string }> {
  await requireFolder(collection, parent)
  const entry = await freeEntryName(collection.root, parent, slugify(name), '')
  const rel = joinRel(parent, entry)
  collection.noteFolder(rel)
  await mkdir(resolveInside(collection.root, rel))
  await collection.writeFolderFile(rel, FolderFileSchema.parse({ name }))
  await collection.updateOrder(parent, (order) => (order.length === 0 ? order : [...order, entry]))
  return { path: rel }
}

/** Renames a folder: its display name, and its directory (the slug), carrying secrets along. */
export async function renameFolder(collection: OpenCollection, secrets: SecretStore, rel: string, name: string): Promise<{ path: string }> {
  if (rel === '') throw new ParleyError('invalid_path', 'Rename the collection through its settings.', 'Use folder.save with path "".')
  await requireFolder(collection, rel)
  const { file } = await collection.readFolderFile(rel)
  const parent = parentRel(rel)
  const oldEntry = baseRel(rel)
  const entry = slugify(name) === oldEntry ? oldEntry : await freeEntryName(collection.root, parent, slugify(name), '')
  const next = joinRel(parent, entry)
  if (next !== rel) {
    await collection.noteCreated(next, resolveInside(collection.root, rel))
    collection.noteRemoved(rel)
    await rename(resolveInside(collection.root, rel), resolveInside(collection.root, next))
    await moveFolderSecrets(collection, secrets, rel, next)
    await collection.updateOrder(parent, (order) => order.map((item) => (item === oldEntry ? entry : item)))
  }
  await collection.writeFolderFile(next, { ...(file ?? FolderFileSchema.parse({})), name })
  return { path: next }
}

/** Keeps secret values attached to a folder (and its sub-folders) after it moved, or copies them. */
export async function moveFolderSecrets(collection: OpenCollection, secrets: SecretStore, from: string, to: string, copy = false): Promise<void> {
  for (const end of ['\u0000', '/']) {
    await secrets.copyPrefix(
      secretKey(collection.id, folderScope(from), '').slice(0, -1) + end,
      secretKey(collection.id, folderScope(to), '').slice(0, -1) + end,
      !copy
    )
  }
}

/** Copies a folder and everything in it beside the original, named "<name> copy", secrets included. */
export async function duplicateFolder(collection: OpenCollection, secrets: SecretStore, rel: string, name?: string): Promise<{ path: string }> {
  if (rel === '') throw new ParleyError('invalid_path', 'The collection root cannot be duplicated here.', 'Duplicate a folder.')
  await requireFolder(collection, rel)
  const { file } = await collection.readFolderFile(rel)
  const settings = file ?? FolderFileSchema.parse({})
  const copyName = name ?? `${settings.name ?? baseRel(rel)} copy`
  const parent = parentRel(rel)
  const entry = await freeEntryName(collection.root, parent, slugify(copyName), '')
  const next = joinRel(parent, entry)
  await collection.noteCreated(next, resolveInside(collection.root, rel))
  await cp(resolveInside(collection.root, rel), resolveInside(collection.root, next), {
    recursive: true,
    errorOnExist: true,
    force: false,
    // Leftover temp files of interrupted saves are not part of the folder.
    filter: (source) => !basename(source).startsWith('.')
  })
  await collection.writeFolderFile(next, { ...settings, name: copyName })
  await moveFolderSecrets(collection, secrets, rel, next, true)
  await collection.updateOrder(parent, (order) => {
    if (order.length === 0) return order
    const at = order.indexOf(baseRel(rel))
    return at < 0 ? [...order, entry] : [...order.slice(0, at + 1), entry, ...order.slice(at + 1)]
  })
  return { path: next }
}

/** A folder's settings with secret values filled in; `''` reads the collection's own. */
export async function readFolderSettings(collection: OpenCollection, secrets: SecretStore, rel: string): Promise<FolderSettings & { order: string[] }> {
  await requireFolder(collection, rel)
  const { file } = await collection.readFolderFile(rel)
  const settings = file ?? FolderFileSchema.parse({})
  const variables = await secrets.reveal(settings.variables, (name) => secretKey(collection.id, folderScope(rel), name))
  return {
    name: settings.name ?? baseRel(rel),
    description: settings.description,
    headers: settings.headers,
    auth: await collection.credentials.reveal(collection.id, settings.auth),
    variables,
    order: settings.order,
    ...(settings.scripts ? { scripts: settings.scripts } : {})
  }
}

/** Saves a folder's (or with `''` the collection's) settings; secret values go to the data dir. */
export async function saveFolderSettings(collection: OpenCollection, secrets: SecretStore, rel: string, settings: FolderSettings): Promise<void> {
  await requireFolder(collection, rel)
  const { file } = await collection.readFolderFile(rel)
  const previous: Variable[] = file?.variables ?? []
  const variables = await secrets.stash(settings.variables, (name) => secretKey(collection.id, folderScope(rel), name), previous)
  const auth = await collection.credentials.stash(collection.id, settings.auth, file?.auth, await collection.credentialsMode())
  const next = { ...(file ?? FolderFileSchema.parse({})), ...settings, auth, variables }
  // The collection has no parent to inherit from: 'inherit' there means none.
  if (rel === '' && next.auth.type === 'inherit') next.auth = { type: 'none' }
  await collection.writeFolderFile(rel, next as CollectionFile | FolderFile)
}

/** Sets the display order of a folder's items; every name must be an item of that folder. */
export async function reorder(collection: OpenCollection, folder: string, order: string[]): Promise<void> {
  await requireFolder(collection, folder)
  // Only requests and sub-folders have a place in the order, not Parley's own files.
  const present = new Set(
    (await readdir(resolveInside(collection.root, folder), { withFileTypes: true }))
      .filter((entry) => !entry.name.startsWith('.'))
      .filter((entry) => (entry.isDirectory() ? !(folder === '' && entry.name === environmentsDirName) : entry.name.endsWith('.yaml')))
      .filter((entry) => entry.name !== collectionFileName && entry.name !== folderFileName)
      .map((entry) => entry.name)
  )
  const unknown = order.filter((entry) => !present.has(entry))
  if (unknown.length > 0) {
    throw new ParleyError(
      'not_found',
      `Not in folder "${folder || '(root)'}": ${unknown.slice(0, 5).join(', ')}.`,
      'List file and folder names as they are on disk, e.g. "list-notes.yaml" or "rest".'
    )
  }
  if (new Set(order).size !== order.length) {
    throw new ParleyError('invalid_input', 'The order lists an item twice.', 'Name each item once.')
  }
  await collection.updateOrder(folder, () => order)
}

/** Moves a request or folder to the trash (undo can restore it); returns the trash id. */
export async function deleteItem(collection: OpenCollection, trash: Trash, rel: string): Promise<{ trashId: string }> {
  if (rel === '') throw new ParleyError('invalid_path', 'The collection root cannot be deleted here.', 'Close the collection instead.')
  const absolute = resolveInside(collection.root, rel)
  if (!(await stat(absolute).catch(() => undefined))) throw notFound('request or folder', rel)
  const folder = parentRel(rel)
  const entry = baseRel(rel)
  const { file } = await collection.readFolderFile(folder)
  const index = file?.order.indexOf(entry) ?? -1
  const companions = await companionsOf(collection, rel)
  for (const path of [rel, ...companions]) collection.noteRemoved(path)
  const trashId = await trash.put(absolute, {
    collectionId: collection.id,
    collectionRoot: collection.root,
    path: rel,
    orderIndex: index < 0 ? null : index,
    at: new Date().toISOString(),
    companions
  })
  await collection.updateOrder(folder, (order) => order.filter((item) => item !== entry))
  return { trashId }
}

/** After an undo: puts the item back at its place in the order. */
export async function afterRestore(collection: OpenCollection, rel: string, orderIndex: number | null): Promise<void> {
  if (orderIndex === null) return
  const entry = baseRel(rel)
  await collection.updateOrder(parentRel(rel), (order) => (order.includes(entry) ? order : [...order.slice(0, orderIndex), entry, ...order.slice(orderIndex)]))
}
