import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import {
  CollectionFileSchema,
  collectionFormatVersion,
  type CollectionFile,
  type EnvironmentFile,
  type FolderFile,
  type FolderNode,
  type Problem,
  type RequestNode,
  type TreeNode
} from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { z } from 'zod'
import { collectionFileName, environmentsDirName, folderFileName, hashText, joinRel, resolveInside } from './collectionPaths'
import { describe, maxFolderDepth, readCollectionFile, readCollectionFileSync, type FileRead } from './collectionFileRead'
import { collectionFileSchemaFor, formatVersionOf, readSchema } from './formatMigrations'
import { fromYaml } from './yamlFormat'

/**
 * What Parley knows about one path on disk: the hash of its bytes, that it is a folder, or
 * `unreadable:<why>` for something Parley will not read (a FIFO, a link outside, a huge file).
 */
export type DiskState = string | 'dir' | 'absent'

/** The state a read gives a path, the same for the loader and the watcher. */
export function stateOfRead(read: FileRead): DiskState {
  if (read.ok) return hashText(read.text)
  return read.absent ? 'absent' : `unreadable:${read.message}`
}

/** Everything read from a collection folder in one pass. */
export interface LoadedCollection {
  root: string
  /** null when parley.yaml is unreadable (then reported in `problems`). */
  file: CollectionFile | null
  /** The format version parley.yaml states (src/core/store/formatMigrations.ts); every file was upgraded from it. */
  formatVersion: number
  name: string
  tree: FolderNode
  /** Folder settings by relative folder path; only folders whose folder.yaml parsed. */
  folders: Map<string, FolderFile>
  requests: Map<string, RequestNode>
  environments: Map<string, EnvironmentFile>
  problems: Problem[]
  /** The state of every file and folder read, to tell Parley's own writes from others'. */
  known: Map<string, DiskState>
}

/**
 * Request files are read synchronously in batches, yielding to the event loop between batches:
 * for thousands of small files this is several times faster than fs/promises (one thread-pool
 * round trip and FileHandle per call), and a batch blocks for only a few milliseconds.
 */
const readBatch = 100

interface PendingRequest {
  rel: string
  parent: FolderNode
  /** The listing showed a regular file (not a link, FIFO or device). */
  listedAsFile: boolean
}

/** Reads a collection folder: tree, settings, environments; broken files become problems. */
export async function loadCollection(root: string): Promise<LoadedCollection> {
  const loaded: LoadedCollection = {
    root,
    file: null,
    formatVersion: collectionFormatVersion,
    name: basename(root),
    tree: { type: 'folder', name: basename(root), path: '', children: [] },
    folders: new Map(),
    requests: new Map(),
    environments: new Map(),
    problems: [],
    known: new Map([['', 'dir']])
  }
  const notCollection = new ParleyError(
    'not_a_collection',
    `${root} is not a Parley collection (there is no ${collectionFileName}).`,
    'Choose the folder that holds parley.yaml, or create a new collection there.'
  )
  const realRoot = await realpath(root).catch(() => {
    throw notCollection
  })
  const rootRead = await readCollectionFile(root, collectionFileName)
  if (!rootRead.ok && rootRead.absent) throw notCollection
  if (rootRead.ok) loaded.formatVersion = formatVersionOf(rootRead.text, root)
  const rootParsed = parseRead(loaded, collectionFileName, rootRead, rootRead.ok ? collectionFileSchemaFor(rootRead.text) : CollectionFileSchema)
  if (rootParsed) {
    loaded.file = rootParsed
    loaded.name = rootParsed.name
    loaded.tree.name = rootParsed.name
  }

  const pending: PendingRequest[] = []
  await walkFolder(loaded, '', loaded.tree, loaded.file?.order ?? [], pending)
  for (let at = 0; at < pending.length; at += readBatch) {
    for (const request of pending.slice(at, at + readBatch)) loadRequest(loaded, realRoot, request)
    await new Promise((resolve) => setImmediate(resolve))
  }
  sortTree(loaded.tree, loaded)
  await loadEnvironments(loaded)
  loaded.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
  return loaded
}

async function walkFolder(loaded: LoadedCollection, rel: string, node: FolderNode, order: string[], pending: PendingRequest[]): Promise<void> {
  const entries = await readdir(resolveInside(loaded.root, rel), { withFileTypes: true })
  orders.set(node, order)
  const subfolders: Array<Promise<void>> = []
  for (const entry of entries) {
    // Dot-entries are temp files, .git and editor state: never part of a collection.
    if (entry.name.startsWith('.')) continue
    const childRel = joinRel(rel, entry.name)
    // parley.yaml and folder.yaml are read (and any trouble with them reported) as settings.
    const isSettings = entry.name === folderFileName || (rel === '' && entry.name === collectionFileName)
    if (isSettings || (rel === '' && entry.name === environmentsDirName)) continue
    if (entry.isDirectory()) {
      const depth = childRel.split('/').length
      if (depth > maxFolderDepth) {
        loaded.known.set(childRel, 'dir')
        problem(loaded, childRel, `is nested ${depth} folders deep; Parley reads folders up to ${maxFolderDepth} levels deep, so what is inside is not loaded.`)
        continue
      }
      // A request's saved example responses (src/core/compare/examples.ts), not a folder.
      if (entry.name.endsWith('.examples')) continue
      subfolders.push(loadFolder(loaded, childRel, node, pending))
    } else if (entry.name.endsWith('.yaml')) {
      // Links, FIFOs, sockets: the reader decides, and never blocks on them.
      pending.push({ rel: childRel, parent: node, listedAsFile: entry.isFile() })
    } else if (entry.isSymbolicLink()) {
      subfolders.push(reportFolderLink(loaded, childRel))
    }
  }
  await Promise.all(subfolders)
}

/** A link to a folder is listed (it might be expected to work); other links that are not YAML are ignored. */
async function reportFolderLink(loaded: LoadedCollection, rel: string): Promise<void> {
  const info = await stat(resolveInside(loaded.root, rel)).catch(() => undefined)
  if (!info?.isDirectory()) return
  parseRead(loaded, rel, await readCollectionFile(loaded.root, rel), z.never())
}

function problem(loaded: LoadedCollection, path: string, message: string): void {
  loaded.problems.push({ path, line: 1, message })
}

/** Records a file read and parses it with a schema; a failure of either becomes a problem. */
function parseRead<S extends z.ZodType>(loaded: LoadedCollection, rel: string, read: FileRead, schema: S): z.output<S> | undefined {
  if (!read.ok && read.absent) return undefined
  loaded.known.set(rel, stateOfRead(read))
  if (!read.ok) {
    problem(loaded, rel, read.message)
    return undefined
  }
  const parsed = fromYaml(schema, read.text, rel)
  if (parsed.ok) return parsed.value
  loaded.problems.push(parsed.problem)
  return undefined
}

const orders = new WeakMap<FolderNode, string[]>()

async function loadFolder(loaded: LoadedCollection, rel: string, parent: FolderNode, pending: PendingRequest[]): Promise<void> {
  loaded.known.set(rel, 'dir')
  const dirName = rel.slice(rel.lastIndexOf('/') + 1)
  const node: FolderNode = { type: 'folder', name: dirName, path: rel, children: [] }
  parent.children.push(node)
  let order: string[] = []
  const settingsRel = joinRel(rel, folderFileName)
  const settings = parseRead(loaded, settingsRel, await readCollectionFile(loaded.root, settingsRel), readSchema('folder', loaded.formatVersion))
  if (settings) {
    loaded.folders.set(rel, settings)
    node.name = settings.name ?? dirName
    order = settings.order
  }
  await walkFolder(loaded, rel, node, order, pending)
}

function loadRequest(loaded: LoadedCollection, realRoot: string, { rel, parent, listedAsFile }: PendingRequest): void {
  // Deleted between listing and reading (a git checkout in progress): the watcher will report it.
  const request = parseRead(loaded, rel, readCollectionFileSync(loaded.root, realRoot, rel, listedAsFile), readSchema('request', loaded.formatVersion))
  if (!request) return
  const node: RequestNode = {
    type: 'request',
    kind: request.kind,
    name: request.name,
    path: rel,
    url: request.url,
    // Kinds whose request has a method (HTTP, SSE) show it in the tree.
    ...('method' in request ? { method: request.method } : {})
  }
  loaded.requests.set(rel, node)
  parent.children.push(node)
}

async function loadEnvironments(loaded: LoadedCollection): Promise<void> {
  const info = await lstat(join(loaded.root, environmentsDirName)).catch(() => undefined)
  if (!info) return
  if (!info.isDirectory()) {
    loaded.known.set(environmentsDirName, 'unreadable:not a folder')
    const what = info.isSymbolicLink() ? 'a symbolic link; Parley does not follow links to folders' : `${describe(info)}, not a folder`
    problem(loaded, environmentsDirName, `is ${what}, so no environments were loaded.`)
    return
  }
  const names = await readdir(join(loaded.root, environmentsDirName)).catch(() => [])
  loaded.known.set(environmentsDirName, 'dir')
  for (const name of names.sort()) {
    if (name.startsWith('.') || !name.endsWith('.yaml')) continue
    const rel = joinRel(environmentsDirName, name)
    const environment = parseRead(loaded, rel, await readCollectionFile(loaded.root, rel), readSchema('environment', loaded.formatVersion))
    if (environment) loaded.environments.set(name.slice(0, -'.yaml'.length), environment)
  }
}

/** Orders each folder's children: listed names first as listed, the rest by name on disk. */
function sortTree(node: FolderNode, loaded: LoadedCollection): void {
  const order = orders.get(node) ?? []
  node.children = orderChildren(node.children, order)
  for (const child of node.children) if (child.type === 'folder') sortTree(child, loaded)
}

/** Children in display order given a folder's `order:` list. */
export function orderChildren(children: TreeNode[], order: string[]): TreeNode[] {
  const rank = new Map(order.map((entry, i) => [entry, i]))
  const entryOf = (child: TreeNode): string => child.path.slice(child.path.lastIndexOf('/') + 1)
  return [...children].sort((a, b) => {
    const ra = rank.get(entryOf(a))
    const rb = rank.get(entryOf(b))
    if (ra !== undefined && rb !== undefined) return ra - rb
    if (ra !== undefined) return -1
    if (rb !== undefined) return 1
    const ea = entryOf(a)
    const eb = entryOf(b)
    return ea < eb ? -1 : ea > eb ? 1 : 0
  })
}
