import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../store/atomicWrite'

const GrantsFileSchema = z.object({ version: z.literal(1), grants: z.record(z.string(), z.array(z.string())) })

/** The owner of grants made for requests that belong to no collection (unsaved tabs). */
export const unsavedOwner = ''

/**
 * The owner of files the user chose in the desktop app's OS file dialog: picked by hand on this
 * machine, so any request of theirs may read them (a collection cannot make that dialog choose).
 */
export const pickedOwner = '*picked'

/**
 * Files outside a collection that the user chose on this machine, per collection, in
 * `<dataDir>/file-grants.json`. Kept in the data dir, never in the collection: a collection
 * someone else wrote cannot grant itself access to your files.
 */
export class FileGrants {
  private readonly path: string
  private grants: Promise<Map<string, Set<string>>> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, 'file-grants.json')
  }

  /** Whether the user chose this real path for this owner (a collection id, or `unsavedOwner`). */
  async has(owner: string, realPath: string): Promise<boolean> {
    return (await this.load()).get(owner)?.has(realPath) ?? false
  }

  /** Remembers real paths the user chose for an owner. */
  async add(owner: string, realPaths: string[]): Promise<void> {
    const run = this.queue.then(async () => {
      const grants = await this.load()
      const set = grants.get(owner) ?? new Set<string>()
      const before = set.size
      for (const path of realPaths) set.add(path)
      if (set.size === before) return
      grants.set(owner, set)
      const file = { version: 1, grants: Object.fromEntries([...grants].map(([key, paths]) => [key, [...paths].sort()])) }
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 })
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private load(): Promise<Map<string, Set<string>>> {
    // A damaged file grants nothing: the worst outcome is being asked again.
    this.grants ??= readFile(this.path, 'utf8')
      .then((text) => GrantsFileSchema.parse(JSON.parse(text)).grants)
      .then((grants) => new Map(Object.entries(grants).map(([owner, paths]) => [owner, new Set(paths)])))
      .catch(() => new Map<string, Set<string>>())
    return this.grants
  }
}
