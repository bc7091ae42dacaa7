import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { HistoryEntrySchema, historyDefaultLimit, type HistoryEntry, type SavedRequestInput } from '../../shared/collection'
import { writeFileAtomic } from './atomicWrite'
import { writeFailure } from './writeFailure'

const LimitFileSchema = z.object({ limit: z.number().int().min(1) })

export interface HistoryAdd {
  request: SavedRequestInput
  collectionId?: string | undefined
  path?: string | undefined
  response?: HistoryEntry['response']
}

/**
 * Every request sent and session opened, one JSON file per entry in `<dataDir>/history/`
 * (atomic, and pruning is deleting files). The request is stored unresolved: `{{token}}`, never
 * the secret behind it. Entries past the limit are pruned, oldest first.
 */
export class HistoryStore {
  private readonly dir: string
  private entries: Promise<HistoryEntry[]> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date()
  ) {
    this.dir = join(dataDir, 'history')
  }

  /** Records one entry and prunes past the limit; returns the entry. */
  add(input: HistoryAdd): Promise<HistoryEntry> {
    return this.serialised(async () => {
      const at = this.now()
      // The id sorts by time: file listing order is history order.
      const id = `${at.getTime().toString(36).padStart(10, '0')}-${randomBytes(4).toString('hex')}`
      const entry = HistoryEntrySchema.parse({ id, at: at.toISOString(), ...stripUndefined(input) })
      // Loaded before writing, so a first load does not see the new file and add it twice.
      const entries = await this.load()
      const file = join(this.dir, `${id}.json`)
      try {
        await mkdir(this.dir, { recursive: true, mode: 0o700 })
        // A folder made by an older version was world-readable; entries hold credentials.
        await chmod(this.dir, 0o700)
        await writeFileAtomic(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 })
      } catch (error) {
        throw writeFailure(error, 'The history entry', file)
      }
      entries.push(entry)
      await this.prune(entries, await this.limit())
      return entry
    })
  }

  /** Entries newest first, grouped by UTC day, filtered by words found in method, name or URL. */
  async list(query?: string, limit?: number): Promise<{ days: Array<{ day: string; entries: HistoryEntry[] }>; total: number; limit: number }> {
    const all = await this.load()
    const words = (query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== '')
    const matching = all
      .filter((entry) => {
        const r = entry.request
        const haystack = `${'method' in r ? r.method : r.kind} ${r.name} ${r.url}`.toLowerCase()
        return words.every((word) => haystack.includes(word))
      })
      .reverse()
      .slice(0, limit ?? all.length)
    const days: Array<{ day: string; entries: HistoryEntry[] }> = []
    for (const entry of matching) {
      const day = entry.at.slice(0, 10)
      const last = days.at(-1)
      if (last?.day === day) last.entries.push(entry)
      else days.push({ day, entries: [entry] })
    }
    return { days, total: all.length, limit: await this.limit() }
  }

  /** Removes every entry. */
  clear(): Promise<void> {
    return this.serialised(async () => {
      const entries = await this.load()
      // Damaged entries too: clearing means nothing of the history is left behind.
      const names = await readdir(this.dir).catch(() => [] as string[])
      for (const name of names) if (name.endsWith('.json') && name !== 'limit.json') await rm(join(this.dir, name), { force: true })
      entries.length = 0
    })
  }

  /** Sets how many entries are kept and prunes at once. */
  setLimit(limit: number): Promise<number> {
    return this.serialised(async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 })
      await writeFileAtomic(join(this.dir, 'limit.json'), `${JSON.stringify({ limit })}\n`, { mode: 0o600 })
      await this.prune(await this.load(), limit)
      return limit
    })
  }

  /** How many entries are kept now. */
  async count(): Promise<number> {
    return (await this.load()).length
  }

  /** How many entries are kept at most (default 1,000). */
  async limit(): Promise<number> {
    const text = await readFile(join(this.dir, 'limit.json'), 'utf8').catch(() => undefined)
    if (text === undefined) return historyDefaultLimit
    try {
      return LimitFileSchema.parse(JSON.parse(text)).limit
    } catch {
      return historyDefaultLimit
    }
  }

  private async prune(entries: HistoryEntry[], limit: number): Promise<void> {
    const excess = entries.length - limit
    if (excess <= 0) return
    for (const entry of entries.splice(0, excess)) await rm(join(this.dir, `${entry.id}.json`), { force: true })
  }

  private load(): Promise<HistoryEntry[]> {
    this.entries ??= this.read().catch((error: unknown) => {
      this.entries = undefined
      throw error
    })
    return this.entries
  }

  private async read(): Promise<HistoryEntry[]> {
    let names: string[]
    try {
      names = (await readdir(this.dir)).filter((name) => name.endsWith('.json') && name !== 'limit.json' && !name.startsWith('.'))
    } catch {
      return []
    }
    const entries = await Promise.all(
      names.sort().map(async (name) => {
        try {
          return HistoryEntrySchema.parse(JSON.parse(await readFile(join(this.dir, name), 'utf8')))
        } catch {
          // One damaged entry must not hide the others; it stays on disk until pruned or cleared.
          return undefined
        }
      })
    )
    return entries.filter((entry): entry is HistoryEntry => entry !== undefined)
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
