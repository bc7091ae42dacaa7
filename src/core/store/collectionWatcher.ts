import { watch, type FSWatcher } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { DiskState } from './collectionLoader'
import { hashText, resolveInside } from './collectionPaths'

/**
 * Notices files changed in a collection folder by someone else (a git pull, an editor) and
 * reports them after a quiet period. Parley's own writes are recognised by content hash: the
 * store records what it wrote in `known`, and a path whose state matches is not news.
 */
export class CollectionWatcher {
  private watcher: FSWatcher | undefined
  private pending = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(
    private readonly root: string,
    private readonly known: () => Map<string, DiskState>,
    private readonly onChange: (paths: string[]) => void,
    private readonly debounceMs = 150
  ) {}

  /** Starts watching; recursive watching works on Linux from Node 20, macOS and Windows. */
  start(): void {
    try {
      this.watcher = watch(this.root, { recursive: true }, (_event, filename) => {
        this.note(filename === null ? '' : String(filename).split('\\').join('/'))
      })
      this.watcher.on('error', () => this.close())
    } catch {
      // A folder on a file system without watch support: the collection still works, unwatched.
      this.watcher = undefined
    }
  }

  close(): void {
    this.closed = true
    this.watcher?.close()
    this.watcher = undefined
    if (this.timer) clearTimeout(this.timer)
  }

  private note(rel: string): void {
    const parts = rel.split('/')
    if (parts.some((part) => part.startsWith('.'))) return
    this.pending.add(rel)
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.debounceMs)
  }

  private async flush(): Promise<void> {
    const paths = [...this.pending]
    this.pending.clear()
    const known = this.known()
    const changed: string[] = []
    for (const rel of paths) {
      const state = await this.stateOf(rel)
      const before = known.get(rel) ?? 'absent'
      if (state === before) continue
      known.set(rel, state)
      changed.push(rel)
    }
    if (changed.length > 0 && !this.closed) this.onChange(changed.sort())
  }

  private async stateOf(rel: string): Promise<DiskState> {
    try {
      const path = resolveInside(this.root, rel)
      const info = await stat(path)
      if (info.isDirectory()) return 'dir'
      return hashText(await readFile(path))
    } catch {
      return 'absent'
    }
  }
}
