import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { CollectionFileSchema, collectionFormatVersion, type CollectionTree, type RequestNode } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { resolveUserPath } from '../userPath'
import { writeFileAtomic } from './atomicWrite'
import type { AuthCredentials } from './authCredentials'
import { readCollectionFile } from './collectionFileRead'
import { collectionFileName, collectionIdFor } from './collectionPaths'
import { stageImport } from './leftovers'
import { OpenCollection } from './openCollection'
import { collectionFileSchemaFor } from './formatMigrations'
import { fromYaml, toYaml } from './yamlFormat'

const OpenListSchema = z.object({ open: z.array(z.string()) })

/** A new collection being written in a hidden folder; see `CollectionStore.stage`. */
export interface StagedCollection {
  collection: OpenCollection
  commit(): Promise<CollectionTree>
  abandon(): Promise<void>
}

export interface CollectionStoreOptions {
  dataDir: string
  /** Keeps literal auth credentials out of collection files. */
  credentials: AuthCredentials
  /** Called with relative paths changed on disk by someone other than Parley. */
  onExternalChange: (collectionId: string, paths: string[]) => void
  /** Quiet period before a burst of file events is reported. */
  watchDebounceMs?: number
}

/**
 * The open collections: creating, opening, closing and finding them, their trees, and search
 * across them. The list of open folders is remembered in `<dataDir>/collections.json`.
 */
export class CollectionStore {
  private readonly open = new Map<string, OpenCollection>()
  private openList: Promise<string[]> | undefined
  private listQueue: Promise<unknown> = Promise.resolve()
  private readonly listPath: string

  constructor(private readonly options: CollectionStoreOptions) {
    this.listPath = join(options.dataDir, 'collections.json')
  }

  /** Creates a collection in an empty or new folder and opens it. */
  async create(path: string, name: string): Promise<CollectionTree> {
    const root = resolveUserPath(path)
    let entries: string[]
    try {
      await mkdir(root, { recursive: true })
      entries = (await readdir(root)).filter((entry) => !entry.startsWith('.'))
    } catch (error) {
      throw new ParleyError(
        'folder_unusable',
        `Parley cannot create a collection at ${root}: ${(error as Error).message}`,
        'Choose a folder you can write to (an empty or new one).'
      )
    }
    if (entries.length > 0) {
      throw new ParleyError(
        'folder_not_empty',
        `${root} is not empty, so Parley will not create a collection there.`,
        'Choose an empty or new folder, or use Open to open an existing collection.'
      )
    }
    const file = CollectionFileSchema.parse({ parley: collectionFormatVersion, name })
    await writeFileAtomic(join(root, collectionFileName), toYaml(CollectionFileSchema, file))
    return this.openFolder(root)
  }

  /**
   * Prepares a new collection at `target` (which must not exist) in a hidden folder beside it: fill
   * `collection`, then `commit` renames the folder into place and opens it, or `abandon` removes it.
   * A crash in between leaves no half collection, only the hidden folder, removed at the next start.
   */
  async stage(target: string, name: string): Promise<StagedCollection> {
    const parent = await realpath(dirname(resolve(target)))
    const root = join(parent, basename(target))
    const staging = await stageImport(this.options.dataDir, parent, basename(target))
    // Under the id of its final place: secrets written while staging are already where they belong.
    const collection = new OpenCollection(collectionIdFor(root), staging.temp, this.options.credentials, () => {})
    const file = CollectionFileSchema.parse({ parley: collectionFormatVersion, name })
    try {
      await writeFileAtomic(join(staging.temp, collectionFileName), toYaml(CollectionFileSchema, file))
    } catch (error) {
      await staging.abandon()
      throw error
    }
    return {
      collection,
      commit: async () => {
        collection.close()
        try {
          await staging.commit(root)
        } catch (error) {
          await staging.abandon()
          throw new ParleyError(
            'folder_unusable',
            `Parley could not move the new collection into ${root}: ${(error as Error).message}`,
            'Choose another folder (one where nothing of that name exists) and try again; nothing was left behind.'
          )
        }
        return this.openFolder(root)
      },
      abandon: async () => {
        collection.close()
        await staging.abandon()
      }
    }
  }

  /** Opens an existing collection folder (a git clone, a shared drive) and returns its tree. */
  async openFolder(path: string): Promise<CollectionTree> {
    let root: string
    try {
      root = await realpath(resolveUserPath(path))
      if (!(await stat(root)).isDirectory()) throw new Error('not a folder')
    } catch (error) {
      if (error instanceof ParleyError) throw error
      throw new ParleyError('not_found', `There is no folder at ${path}.`, 'Choose an existing collection folder.')
    }
    const collection = this.attach(root)
    const tree = await this.tree(collection.id)
    await this.remember((list) => (list.includes(root) ? list : [...list, root]))
    return tree
  }

  /** Stops watching a collection and forgets it from the open list; its files stay as they are. */
  async close(id: string): Promise<void> {
    const collection = await this.get(id)
    collection.close()
    this.open.delete(id)
    await this.remember((list) => list.filter((root) => collectionIdFor(root) !== id))
  }

  /** The remembered open collections, with their names; a vanished folder is flagged, not dropped. */
  async list(): Promise<Array<{ id: string; name: string; path: string; missing: boolean }>> {
    const roots = await this.roots()
    return Promise.all(
      roots.map(async (root) => {
        const id = collectionIdFor(root)
        const name = await readName(root)
        return { id, name: name ?? root.split(/[/\\]/).at(-1) ?? root, path: root, missing: name === undefined }
      })
    )
  }

  /** A collection's tree, with the problems of any file that failed to parse. */
  async tree(id: string): Promise<CollectionTree> {
    const collection = await this.get(id)
    const loaded = await collection.load()
    return {
      id,
      path: collection.root,
      name: loaded.name,
      description: loaded.file?.description ?? '',
      root: loaded.tree,
      environments: [...loaded.environments].map(([envId, env]) => ({ id: envId, name: env.name })),
      problems: loaded.problems
    }
  }

  /** Requests of every open collection whose name, URL or method contains all words of the query. */
  async search(query: string, limit: number): Promise<Array<RequestNode & { collectionId: string; collectionName: string }>> {
    const words = query
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== '')
    const byName: Array<RequestNode & { collectionId: string; collectionName: string }> = []
    const byOther: typeof byName = []
    for (const root of await this.roots()) {
      const collection = this.attach(root)
      const loaded = await collection.load().catch(() => undefined)
      if (!loaded) continue
      for (const node of loaded.requests.values()) {
        const name = node.name.toLowerCase()
        const haystack = `${node.method ?? node.kind} ${name} ${node.url}`.toLowerCase()
        if (!words.every((word) => haystack.includes(word))) continue
        const hit = { ...node, collectionId: collection.id, collectionName: loaded.name }
        ;(words.every((word) => name.includes(word)) ? byName : byOther).push(hit)
      }
    }
    const byPath = (a: RequestNode, b: RequestNode): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    return [...byName.sort(byPath), ...byOther.sort(byPath)].slice(0, limit)
  }

  /** An open collection by id; remembered collections are reattached on first use after a restart. */
  async get(id: string): Promise<OpenCollection> {
    const existing = this.open.get(id)
    if (existing) return existing
    const root = (await this.roots()).find((candidate) => collectionIdFor(candidate) === id)
    if (root === undefined) {
      throw new ParleyError('collection_not_open', `No open collection has the id ${id}.`, 'Open the collection folder first.')
    }
    return this.attach(root)
  }

  /** Stops every watcher; the stores stay usable and reattach on the next call. */
  dispose(): void {
    for (const collection of this.open.values()) collection.close()
    this.open.clear()
  }

  private attach(root: string): OpenCollection {
    const id = collectionIdFor(root)
    let collection = this.open.get(id)
    if (!collection) {
      collection = new OpenCollection(id, root, this.options.credentials, (paths) => this.options.onExternalChange(id, paths), this.options.watchDebounceMs)
      this.open.set(id, collection)
    }
    return collection
  }

  private roots(): Promise<string[]> {
    this.openList ??= readFile(this.listPath, 'utf8')
      .then((text) => OpenListSchema.parse(JSON.parse(text)).open)
      .catch(() => [])
    return this.openList
  }

  private remember(change: (list: string[]) => string[]): Promise<void> {
    // One at a time: two collections opened at once must both be remembered.
    const run = this.listQueue.then(async () => {
      const next = change(await this.roots())
      this.openList = Promise.resolve(next)
      await mkdir(this.options.dataDir, { recursive: true })
      await writeFileAtomic(this.listPath, `${JSON.stringify({ open: next }, null, 2)}\n`)
    })
    this.listQueue = run.catch(() => undefined)
    return run
  }
}

async function readName(root: string): Promise<string | undefined> {
  try {
    const read = await readCollectionFile(root, collectionFileName)
    if (!read.ok) return read.absent ? undefined : basename(root)
    const parsed = fromYaml(collectionFileSchemaFor(read.text), read.text, collectionFileName)
    return parsed.ok ? parsed.value.name : basename(root)
  } catch {
    return undefined
  }
}
