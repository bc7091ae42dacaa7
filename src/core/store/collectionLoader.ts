import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import {
  CollectionFileSchema,
  EnvironmentFileSchema,
  FolderFileSchema,
  SavedRequestSchema,
  type CollectionFile,
  type EnvironmentFile,
  type FolderFile,
  type FolderNode,
  type Problem,
  type RequestNode,
  type TreeNode
} from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import {
  collectionFileName,
  environmentsDirName,
  folderFileName,
  hashText,
  joinRel,
  resolveInside
} from './collectionPaths'
import { fromYaml } from './yamlFormat'

/** What Parley knows about one path on disk: the hash of its bytes, or that it is a folder. */
export type DiskState = string | 'dir' | 'absent'

/** Everything read from a collection folder in one pass. */
export interface LoadedCollection {
  root: string
  /** null when parley.yaml is unreadable (then reported in `problems`). */
  file: CollectionFile | null
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
}

/** Reads a collection folder: tree, settings, environments; broken files become problems. */
export async function loadCollection(root: string): Promise<LoadedCollection> {
  const loaded: LoadedCollection = {
    root,
    file: null,
    name: basename(root),
    tree: { type: 'folder', name: basename(root), path: '', children: [] },
    folders: new Map(),
    requests: new Map(),
    environments: new Map(),
    problems: [],
    known: new Map([['', 'dir']])
  }
  let rootText: string
  try {
    rootText = await readFile(join(root, collectionFileName), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ParleyError(
        'not_a_collection',
        `${root} is not a Parley collection (there is no ${collectionFileName}).`,
        'Choose the folder that holds parley.yaml, or create a new collection there.'
      )
    }
    throw error
  }
  loaded.known.set(collectionFileName, hashText(rootText))
  const rootParsed = fromYaml(CollectionFileSchema, rootText, collectionFileName)
  if (rootParsed.ok) {
    loaded.file = rootParsed.value
    loaded.name = rootParsed.value.name
    loaded.tree.name = rootParsed.value.name
  } else {
    loaded.problems.push(rootParsed.problem)
  }

  const pending: PendingRequest[] = []
  await walkFolder(loaded, '', loaded.tree, loaded.file?.order ?? [], pending)
  for (let at = 0; at < pending.length; at += readBatch) {
    for (const { rel, parent } of pending.slice(at, at + readBatch)) loadRequest(loaded, rel, parent)
    await new Promise((resolve) => setImmediate(resolve))
  }
  sortTree(loaded.tree, loaded)
  await loadEnvironments(loaded)
  loaded.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
  return loaded
}

async function walkFolder(
  loaded: LoadedCollection,
  rel: string,
  node: FolderNode,
  order: string[],
  pending: PendingRequest[]
): Promise<void> {
  const entries = await readdir(resolveInside(loaded.root, rel), { withFileTypes: true })
  orders.set(node, order)
  const subfolders: Array<Promise<void>> = []
  for (const entry of entries) {
    // Dot-entries are temp files, .git and editor state: never part of a collection.
    if (entry.name.startsWith('.')) continue
    const childRel = joinRel(rel, entry.name)
    if (entry.isDirectory()) {
      if (rel === '' && entry.name === environmentsDirName) continue
      // A request's saved example responses (src/core/compare/examples.ts), not a folder.
      if (entry.name.endsWith('.examples')) continue
      subfolders.push(loadFolder(loaded, childRel, node, pending))
    } else if (entry.isFile() && entry.name.endsWith('.yaml')) {
      if (entry.name === collectionFileName || entry.name === folderFileName) continue
      pending.push({ rel: childRel, parent: node })
    }
  }
  await Promise.all(subfolders)
}

const orders = new WeakMap<FolderNode, string[]>()

async function loadFolder(
  loaded: LoadedCollection,
  rel: string,
  parent: FolderNode,
  pending: PendingRequest[]
): Promise<void> {
  loaded.known.set(rel, 'dir')
  const dirName = rel.slice(rel.lastIndexOf('/') + 1)
  const node: FolderNode = { type: 'folder', name: dirName, path: rel, children: [] }
  parent.children.push(node)
  let order: string[] = []
  const settingsRel = joinRel(rel, folderFileName)
  const text = await readOptional(resolveInside(loaded.root, settingsRel))
  if (text !== undefined) {
    loaded.known.set(settingsRel, hashText(text))
    const parsed = fromYaml(FolderFileSchema, text, settingsRel)
    if (parsed.ok) {
      loaded.folders.set(rel, parsed.value)
      node.name = parsed.value.name ?? dirName
      order = parsed.value.order
    } else {
      loaded.problems.push(parsed.problem)
    }
  }
  await walkFolder(loaded, rel, node, order, pending)
}

function loadRequest(loaded: LoadedCollection, rel: string, parent: FolderNode): void {
  let text: string
  try {
    text = readFileSync(resolveInside(loaded.root, rel), 'utf8')
  } catch (error) {
    // Deleted between listing and reading (a git checkout in progress): the watcher will report it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  loaded.known.set(rel, hashText(text))
  const parsed = fromYaml(SavedRequestSchema, text, rel)
  if (!parsed.ok) {
    loaded.problems.push(parsed.problem)
    return
  }
  const request = parsed.value
  const node: RequestNode = {
    type: 'request',
    kind: request.kind,
    name: request.name,
    path: rel,
    url: request.url,
    ...(request.kind === 'http' || request.kind === 'sse' ? { method: request.method } : {})
  }
  loaded.requests.set(rel, node)
  parent.children.push(node)
}

async function loadEnvironments(loaded: LoadedCollection): Promise<void> {
  let names: string[]
  try {
    names = await readdir(join(loaded.root, environmentsDirName))
  } catch {
    return
  }
  loaded.known.set(environmentsDirName, 'dir')
  for (const name of names.sort()) {
    if (name.startsWith('.') || !name.endsWith('.yaml')) continue
    const rel = joinRel(environmentsDirName, name)
    const text = await readOptional(join(loaded.root, environmentsDirName, name))
    if (text === undefined) continue
    loaded.known.set(rel, hashText(text))
    const parsed = fromYaml(EnvironmentFileSchema, text, rel)
    if (parsed.ok) loaded.environments.set(name.slice(0, -'.yaml'.length), parsed.value)
    else loaded.problems.push(parsed.problem)
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

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
