import { lstat, readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { z } from 'zod'
import {
  CollectionFileSchema,
  FolderFileSchema,
  collectionFormatVersion,
  type CollectionFile,
  type CredentialsMode,
  type FolderFile,
  type SavedRequest
} from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from './atomicWrite'
import type { AuthCredentials } from './authCredentials'
import { readCollectionFile, readCollectionText } from './collectionFileRead'
import { loadCollection, stateOfRead, type DiskState, type LoadedCollection } from './collectionLoader'
import { collectionFileName, folderFileName, hashText, joinRel, resolveInside, resolveInsideReal } from './collectionPaths'
import { CollectionWatcher } from './collectionWatcher'
import { cleanCollectionLeftovers } from './leftovers'
import { collectionFileSchemaFor, readSchema, statedFormatVersion } from './formatMigrations'
import { fromYaml, toYaml } from './yamlFormat'

/**
 * One open collection: its folder, a cached load, the record of what Parley itself wrote (so
 * the watcher can tell a git pull from a save), and a queue so two edits never interleave.
 */
export class OpenCollection {
  private cache: Promise<LoadedCollection> | undefined
  private readonly known = new Map<string, DiskState>()
  /** When Parley last wrote each path, to keep a load that raced a write from undoing the record. */
  private readonly ownWriteSeq = new Map<string, number>()
  private seq = 0
  /**
   * The states Parley gave each path in the last seconds. A path written twice in a row may be
   * seen by the watcher between the two writes, holding the first: that is still Parley's own.
   */
  private readonly recent = new Map<string, Array<{ state: DiskState; at: number }>>()
  private watcher: CollectionWatcher | undefined
  private queue: Promise<unknown> = Promise.resolve()
  /** Temp files of saves a crash interrupted, removed before the first load. */
  private cleaned: Promise<void> | undefined

  constructor(
    readonly id: string,
    readonly root: string,
    /** Keeps literal auth credentials out of this collection's files. */
    readonly credentials: AuthCredentials,
    private readonly onExternalChange: (paths: string[]) => void,
    private readonly debounceMs?: number
  ) {}

  /** Where this collection keeps auth credentials (`credentials:` in parley.yaml). */
  async credentialsMode(): Promise<CredentialsMode> {
    // An unreadable parley.yaml cannot have asked for credentials in files: keep them out.
    const { file } = await this.readFolderFile('').catch(() => ({ file: null }))
    return file && 'credentials' in file ? file.credentials : 'secret-store'
  }

  /** The format version parley.yaml states, which every other file of the collection is read at. */
  async formatVersion(): Promise<number> {
    const text = await readCollectionText(this.root, collectionFileName).catch(() => undefined)
    return (text === undefined ? undefined : statedFormatVersion(text)) ?? collectionFormatVersion
  }

  /** The collection as on disk, read once and then kept until something changes. */
  load(): Promise<LoadedCollection> {
    if (!this.cache) {
      const startedAt = this.seq
      this.cleaned ??= cleanCollectionLeftovers(this.root).catch(() => undefined)
      const loading = this.cleaned
        .then(() => loadCollection(this.root))
        .then((loaded) => {
          for (const [rel, state] of loaded.known) {
            if ((this.ownWriteSeq.get(rel) ?? -1) <= startedAt) this.known.set(rel, state)
          }
          return loaded
        })
      loading.catch(() => {
        if (this.cache === loading) this.cache = undefined
      })
      this.cache = loading
      this.startWatching()
    }
    return this.cache
  }

  /** Forgets the cached load; the next `load()` reads the folder again. */
  invalidate(): void {
    this.cache = undefined
  }

  /** Stops watching and drops the cache. */
  close(): void {
    this.watcher?.close()
    this.watcher = undefined
    this.cache = undefined
  }

  /**
   * Runs edits one at a time: order lists and renames read-modify-write shared files. The cached
   * load is dropped afterwards, unless `keepCache` (the edit patched it itself).
   */
  exclusive<T>(work: () => Promise<T>, keepCache = false): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return keepCache ? run : run.finally(() => this.invalidate())
  }

  /**
   * Updates the cached tree after a request file was saved in place, so saving one request in a
   * collection of thousands does not make the next tree call read them all again.
   */
  patchRequest(rel: string, request: SavedRequest): void {
    if (!this.cache) return
    this.cache = this.cache.then((loaded) => {
      const node = loaded.requests.get(rel)
      if (!node || node.kind !== request.kind) {
        this.cache = undefined
        return loaded
      }
      node.name = request.name
      node.url = request.url
      if ('method' in request) node.method = request.method
      loaded.problems = loaded.problems.filter((problem) => problem.path !== rel)
      return loaded
    })
  }

  /** Writes a collection file atomically and remembers it as Parley's own; returns its hash. */
  async write(rel: string, text: string): Promise<string> {
    const hash = hashText(text)
    this.mark(rel, hash)
    await writeFileAtomic(await resolveInsideReal(this.root, rel), text)
    return hash
  }

  /** Records that Parley removed a path (and everything under it). */
  noteRemoved(rel: string): void {
    for (const key of this.known.keys()) {
      if (key === rel || key.startsWith(`${rel}/`)) this.mark(key, 'absent')
    }
  }

  /** Records that a folder exists because Parley made it (and only that, not its contents). */
  noteFolder(rel: string): void {
    this.mark(rel, 'dir')
  }

  /**
   * Records the state a path (and everything under it) is about to have, read from `source`, the
   * content's current place. Called before Parley moves or copies it there, so the watcher can
   * never see the new files before they are known as Parley's own.
   */
  async noteCreated(rel: string, source: string = resolveInside(this.root, rel)): Promise<void> {
    // lstat: a link to a folder is not followed (as the loader and watcher do not).
    const info = await lstat(source)
    if (!info.isDirectory()) {
      this.mark(rel, stateOfRead(await readCollectionFile(dirname(source), basename(source))))
      return
    }
    this.mark(rel, 'dir')
    for (const entry of await readdir(source)) {
      if (!entry.startsWith('.')) await this.noteCreated(joinRel(rel, entry), join(source, entry))
    }
  }

  /** The settings file of a folder (`''` is the collection's parley.yaml), read fresh from disk. */
  async readFolderFile(folder: string): Promise<{ rel: string; file: CollectionFile | FolderFile | null }> {
    const rel = folder === '' ? collectionFileName : joinRel(folder, folderFileName)
    const text = await readCollectionText(this.root, rel)
    if (text === undefined) {
      if (folder !== '') return { rel, file: null }
      throw notFound('collection file', rel)
    }
    const schema: z.ZodType = folder === '' ? collectionFileSchemaFor(text) : readSchema('folder', await this.formatVersion())
    const parsed = fromYaml(schema, text, rel)
    if (!parsed.ok) throw unreadable(parsed.problem.path, parsed.problem.line, parsed.problem.message)
    return { rel, file: parsed.value as CollectionFile | FolderFile }
  }

  /** Writes a folder's settings file (or parley.yaml for `''`) in canonical form. */
  async writeFolderFile(folder: string, file: CollectionFile | FolderFile): Promise<void> {
    const rel = folder === '' ? collectionFileName : joinRel(folder, folderFileName)
    await this.write(rel, toYaml(folder === '' ? CollectionFileSchema : FolderFileSchema, file))
  }

  /** Applies a change to a folder's `order:` list, writing only when it actually changes. */
  async updateOrder(folder: string, change: (order: string[]) => string[]): Promise<void> {
    const { file } = await this.readFolderFile(folder)
    const before = file?.order ?? []
    const after = change(before)
    if (after.length === before.length && after.every((entry, i) => entry === before[i])) return
    await this.writeFolderFile(folder, { ...(file ?? FolderFileSchema.parse({})), order: after })
  }

  private mark(rel: string, state: DiskState): void {
    this.known.set(rel, state)
    this.ownWriteSeq.set(rel, ++this.seq)
    const now = Date.now()
    const states = (this.recent.get(rel) ?? []).filter((entry) => now - entry.at < recentOwnMs).slice(-15)
    states.push({ state, at: now })
    this.recent.set(rel, states)
  }

  private isOwn(rel: string, state: DiskState): boolean {
    const now = Date.now()
    return (this.recent.get(rel) ?? []).some((entry) => entry.state === state && now - entry.at < recentOwnMs)
  }

  private startWatching(): void {
    if (this.watcher) return
    this.watcher = new CollectionWatcher(
      this.root,
      () => this.known,
      (rel, state) => this.isOwn(rel, state),
      (paths) => {
        this.invalidate()
        this.onExternalChange(paths)
      },
      this.debounceMs
    )
    this.watcher.start()
  }
}

/** How long a state Parley wrote still counts as its own when the watcher sees it. */
const recentOwnMs = 10_000

/** The error for a file Parley cannot parse and therefore will not touch. */
export function unreadable(path: string, line: number, message: string): ParleyError {
  return new ParleyError('file_unreadable', `${path}, line ${line}: ${message}`, 'Fix the file in an editor (Parley left it untouched), then try again.', {
    path,
    line,
    detail: message,
    variant: 'parse'
  })
}

/** The error for a request or folder that is not (or no longer) on disk. */
export function notFound(what: string, rel: string): ParleyError {
  return new ParleyError(
    'not_found',
    `There is no ${what} at "${rel}" in this collection.`,
    'It may have been moved or deleted on disk; reload the collection.'
  )
}
