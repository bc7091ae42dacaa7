import { rename, rm, stat } from 'node:fs/promises'
import { SavedRequestSchema, type SavedRequest } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import {
  baseRel,
  collectionFileName,
  environmentsDirName,
  folderFileName,
  freeEntryName,
  hashText,
  joinRel,
  parentRel,
  resolveInside,
  slugify
} from './collectionPaths'
import { readCollectionText } from './collectionFileRead'
import { notFound, unreadable, type OpenCollection } from './openCollection'
import { readSchema } from './formatMigrations'
import { copyCompanions, moveCompanions } from './requestCompanions'
import { fromYaml, toYaml } from './yamlFormat'

/** Request files of a collection: read, save with the conflict check, create, rename, duplicate. */

/** Refuses paths that are not request files, so a request call can never touch parley.yaml. */
export function checkRequestPath(rel: string): void {
  const name = baseRel(rel)
  const isSettings = name === collectionFileName || name === folderFileName
  if (!rel.endsWith('.yaml') || isSettings || rel.split('/')[0] === environmentsDirName || name.startsWith('.')) {
    throw new ParleyError(
      'invalid_path',
      `"${rel}" is not a request file.`,
      'A request path is a .yaml file inside the collection, other than parley.yaml, folder.yaml and environments/.'
    )
  }
}

/** Reads and parses one request; its hash is what a later save passes back as `baseHash`. */
export async function readRequest(collection: OpenCollection, rel: string): Promise<{ path: string; hash: string; request: SavedRequest }> {
  const { hash, request } = await readRequestFile(collection, rel)
  // Credentials the file only references come back from the data dir, so the UI and Send see them.
  return { path: rel, hash, request: await collection.credentials.revealRequest(collection.id, request) }
}

/** A request exactly as its file holds it (credentials as references). */
async function readRequestFile(collection: OpenCollection, rel: string): Promise<{ hash: string; request: SavedRequest }> {
  checkRequestPath(rel)
  const text = await readText(collection, rel)
  if (text === undefined) throw notFound('request', rel)
  const parsed = fromYaml(readSchema('request', await collection.formatVersion()), text, rel)
  if (!parsed.ok) throw unreadable(rel, parsed.problem.line, parsed.problem.message)
  return { hash: hashText(text), request: parsed.value }
}

/** The text of a request file: literal credentials stored in the data dir unless the collection keeps them in files. */
async function fileText(collection: OpenCollection, request: SavedRequest, previous?: SavedRequest): Promise<string> {
  const stored = await collection.credentials.stashRequest(collection.id, request, previous, await collection.credentialsMode())
  return toYaml(SavedRequestSchema, stored)
}

/**
 * Saves a request over its file. Refused with `conflict` when the file on disk is not the version
 * the caller loaded (`baseHash`), and with `deleted_on_disk` when it is gone, unless `force`; a
 * missing `baseHash` means "this is a new file".
 */
export async function saveRequest(
  collection: OpenCollection,
  rel: string,
  request: SavedRequest,
  baseHash: string | undefined,
  force: boolean
): Promise<{ path: string; hash: string }> {
  checkRequestPath(rel)
  await requireFolder(collection, parentRel(rel))
  const current = await readText(collection, rel)
  if (!force && current === undefined && baseHash !== undefined) {
    // Someone deleted the file (a git checkout, a file manager): recreating it must be a choice.
    throw new ParleyError(
      'deleted_on_disk',
      `${rel} was deleted on disk since it was opened; nothing was written.`,
      'Choose: save again with force to recreate the file with your version, or discard your version.'
    )
  }
  if (!force && current !== undefined && hashText(current) !== baseHash) {
    throw new ParleyError(
      'conflict',
      `${rel} changed on disk since it was opened${baseHash === undefined ? ' (or already exists)' : ''}; nothing was overwritten.`,
      'Choose which version to keep: reload the file from disk, or save again with force to keep yours.',
      { path: rel, variant: baseHash === undefined ? 'exists' : 'changed' }
    )
  }
  const previous = current === undefined ? undefined : fromYaml(readSchema('request', await collection.formatVersion()), current, rel)
  const before = previous?.ok ? previous.value : undefined
  // Realtime editors have no scripts tab yet: their save keeps the scripts the file has (HTTP tabs
  // edit scripts, so an HTTP save without any means they were removed).
  const kept = request.kind !== 'http' && request.scripts === undefined ? before?.scripts : undefined
  const hash = await collection.write(rel, await fileText(collection, kept ? { ...request, scripts: kept } : request, before))
  return { path: rel, hash }
}

/** Creates a request file named after the request, in a folder; returns its path. */
export async function createRequest(
  collection: OpenCollection,
  folder: string,
  request: SavedRequest,
  after?: string
): Promise<{ path: string; hash: string }> {
  await requireFolder(collection, folder)
  const entry = await freeEntryName(collection.root, folder, slugify(request.name), '.yaml')
  const rel = joinRel(folder, entry)
  const hash = await collection.write(rel, await fileText(collection, request))
  // Folders without an order list stay alphabetical, so a new file does not touch folder.yaml.
  await collection.updateOrder(folder, (order) => {
    if (order.length === 0) return order
    const at = after === undefined ? -1 : order.indexOf(after)
    return at < 0 ? [...order, entry] : [...order.slice(0, at + 1), entry, ...order.slice(at + 1)]
  })
  return { path: rel, hash }
}

/** Renames a request: the name inside the file, and the file name (its slug). */
export async function renameRequest(collection: OpenCollection, rel: string, name: string): Promise<{ path: string }> {
  // Renaming rewrites the file as it is: credential references stay references.
  const { request } = await readRequestFile(collection, rel)
  const folder = parentRel(rel)
  const oldEntry = baseRel(rel)
  const wanted = `${slugify(name)}.yaml`
  const entry = wanted === oldEntry ? oldEntry : await freeEntryName(collection.root, folder, slugify(name), '.yaml')
  const next = joinRel(folder, entry)
  await collection.write(next, toYaml(SavedRequestSchema, { ...request, name }))
  if (next !== rel) {
    collection.noteRemoved(rel)
    await rm(resolveInside(collection.root, rel))
    await moveCompanions(collection, rel, next)
    await collection.updateOrder(folder, (order) => order.map((item) => (item === oldEntry ? entry : item)))
  }
  return { path: next }
}

/** Copies a request beside the original, placed right after it. */
export async function duplicateRequest(collection: OpenCollection, rel: string, name?: string): Promise<{ path: string }> {
  const { request } = await readRequest(collection, rel)
  const copy = { ...request, name: name ?? `${request.name} copy` }
  const { path } = await createRequest(collection, parentRel(rel), copy, baseRel(rel))
  await copyCompanions(collection, rel, path)
  return { path }
}

/** Moves a request or folder into another folder, keeping its file name when free. */
export async function moveItem(collection: OpenCollection, rel: string, toFolder: string): Promise<{ path: string }> {
  if (rel === '') throw new ParleyError('invalid_path', 'The collection root cannot be moved.', 'Move a request or folder.')
  const from = resolveInside(collection.root, rel)
  const info = await stat(from).catch(() => undefined)
  if (!info) throw notFound('request or folder', rel)
  if (info.isFile()) checkRequestPath(rel)
  if (info.isDirectory() && (toFolder === rel || toFolder.startsWith(`${rel}/`))) {
    throw new ParleyError('invalid_move', `A folder cannot be moved into itself ("${rel}" → "${toFolder}").`, 'Choose another folder.')
  }
  await requireFolder(collection, toFolder)
  const folder = parentRel(rel)
  const oldEntry = baseRel(rel)
  if (folder === toFolder) return { path: rel }
  const ext = info.isFile() ? '.yaml' : ''
  const entry = await freeEntryName(collection.root, toFolder, oldEntry.slice(0, oldEntry.length - ext.length), ext)
  const next = joinRel(toFolder, entry)
  await collection.noteCreated(next, from)
  collection.noteRemoved(rel)
  await rename(from, resolveInside(collection.root, next))
  if (info.isFile()) await moveCompanions(collection, rel, next)
  await collection.updateOrder(folder, (order) => order.filter((item) => item !== oldEntry))
  await collection.updateOrder(toFolder, (order) => (order.length === 0 ? order : [...order, entry]))
  return { path: next }
}

/** Refuses to write into a folder that does not exist (or into environments/). */
export async function requireFolder(collection: OpenCollection, folder: string): Promise<void> {
  if (folder.split('/')[0] === environmentsDirName) {
    throw new ParleyError('invalid_path', 'Requests cannot live in environments/.', 'Choose another folder.')
  }
  const info = await stat(resolveInside(collection.root, folder)).catch(() => undefined)
  if (!info?.isDirectory()) throw notFound('folder', folder)
}

async function readText(collection: OpenCollection, rel: string): Promise<string | undefined> {
  return readCollectionText(collection.root, rel)
}

/**
 * Rewrites a request file so its credentials are kept as the collection now asks (after the
 * `credentials:` switch changed); a file that would not change, or cannot be parsed, is left alone.
 * True when the file was rewritten.
 */
export async function rekeepRequestCredentials(collection: OpenCollection, rel: string): Promise<boolean> {
  const text = await readText(collection, rel)
  if (text === undefined) return false
  const parsed = fromYaml(readSchema('request', await collection.formatVersion()), text, rel)
  if (!parsed.ok || parsed.value.kind !== 'http') return false
  const revealed = await collection.credentials.revealRequest(collection.id, parsed.value)
  const next = await fileText(collection, revealed, parsed.value)
  if (next === text) return false
  await collection.write(rel, next)
  return true
}
