import { watch, type FSWatcher } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import { maxFolderDepth, readCollectionFile } from './collectionFileRead'
import { stateOfRead, type DiskState } from './collectionLoader'
import { joinRel, resolveInside } from './collectionPaths'

/**
 * Notices files changed in a collection folder by someone else (a git pull, an editor) and
 * reports them after a quiet period. Parley's own writes are recognised by content hash: the
 * store records what it wrote in `known`, and a path whose state matches is not news.
 *
 * On Linux, Node 20's recursive fs.watch watches files by inode and goes deaf to a file once it
 * is replaced by rename (which is how every atomic save works, ours and git's), so there we
 * watch each folder instead and add watchers as folders appear. Elsewhere the native recursive
 * watch (FSEvents, ReadDirectoryChangesW) is used.
 */
export class CollectionWatcher {
  private readonly folders = new Map<string, FSWatcher>()
  private recursive: FSWatcher | undefined
  private pending = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private flushing: Promise<void> = Promise.resolve()

  constructor(
    private readonly root: string,
    private readonly known: () => Map<string, DiskState>,
    /** Whether a state is one Parley itself gave the path moments ago (its writes land in order). */
    private readonly isOwn: (rel: string, state: DiskState) => boolean,
    private readonly onChange: (paths: string[]) => void,
    private readonly debounceMs = 150,
    private readonly perFolder = process.platform === 'linux'
  ) {}

  /** Starts watching; a folder that cannot be watched still works, only unwatched. */
  start(): void {
    if (!this.perFolder) {
      try {
        this.recursive = watch(this.root, { recursive: true }, (_event, filename) => {
          this.note(filename === null ? '' : String(filename).split('\\').join('/'))
        })
        this.recursive.on('error', () => this.close())
      } catch {
        this.recursive = undefined
      }
      return
    }
    void this.watchTree('')
  }

  /** Stops every watcher and forgets pending events. */
  close(): void {
    this.closed = true
    this.recursive?.close()
    for (const watcher of this.folders.values()) watcher.close()
    this.folders.clear()
    if (this.timer) clearTimeout(this.timer)
  }

  /** Watches a folder and every folder below it; returns the files found, for a new folder. */
  private async watchTree(rel: string): Promise<string[]> {
    if (this.closed || this.folders.has(rel)) return []
    // Deeper folders are not loaded either (the loader lists them as problems).
    if (rel !== '' && rel.split('/').length > maxFolderDepth) return []
    let watcher: FSWatcher
    try {
      watcher = watch(resolveInside(this.root, rel), (_event, filename) => {
        this.note(filename === null ? rel : joinRel(rel, String(filename)))
      })
    } catch {
      return []
    }
    watcher.on('error', () => this.unwatchTree(rel))
    this.folders.set(rel, watcher)
    const files: string[] = []
    const entries = await readdir(resolveInside(this.root, rel), { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const child = joinRel(rel, entry.name)
      if (entry.isDirectory()) files.push(child, ...(await this.watchTree(child)))
      else files.push(child)
    }
    return files
  }

  private unwatchTree(rel: string): void {
    for (const [folder, watcher] of this.folders) {
      if (folder === rel || folder.startsWith(`${rel}/`)) {
        watcher.close()
        this.folders.delete(folder)
      }
    }
  }

  private note(rel: string): void {
    if (this.closed) return
    if (rel.split('/').some((part) => part.startsWith('.'))) return
    this.pending.add(rel)
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.flushing = this.flushing.then(() => this.flush())
    }, this.debounceMs)
  }

  private async flush(): Promise<void> {
    const queue = [...this.pending]
    this.pending.clear()
    const known = this.known()
    const changed = new Set<string>()
    while (queue.length > 0) {
      const rel = queue.shift()!
      const state = await this.stateOf(rel)
      if (this.perFolder && state === 'dir' && !this.folders.has(rel)) {
        // A folder that appeared (git checkout, a copy): its files may predate our watcher.
        queue.push(...(await this.watchTree(rel)))
      } else if (this.perFolder && state === 'absent') {
        this.unwatchTree(rel)
        for (const [path, before] of known) {
          if (path.startsWith(`${rel}/`) && before !== 'absent') queue.push(path)
        }
      }
      if (state === (known.get(rel) ?? 'absent') || this.isOwn(rel, state)) continue
      known.set(rel, state)
      changed.add(rel)
    }
    if (changed.size > 0 && !this.closed) this.onChange([...changed].sort())
  }

  /** Read the way the loader reads: never through a FIFO, a link outside, or past the size cap. */
  private async stateOf(rel: string): Promise<DiskState> {
    try {
      const info = await lstat(resolveInside(this.root, rel))
      if (info.isDirectory()) return 'dir'
      return stateOfRead(await readCollectionFile(this.root, rel))
    } catch {
      return 'absent'
    }
  }
}
