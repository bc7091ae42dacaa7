import { createHash, randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { defaultResponseLimits, ResponseEntrySchema, ResponseLimitsSchema, type ResponseEntry, type ResponseLimits } from '../../shared/compare'
import { ParleyError } from '../../shared/errors'
import { HttpResponseSchema, type HttpResponse } from '../../shared/http'
import { INLINE_LIMIT } from '../http/bodyStore'
import { writeFileAtomic } from '../store/atomicWrite'
import { writeFailure } from '../store/writeFailure'

const StoredSchema = z.object({ key: z.string(), entry: ResponseEntrySchema, response: HttpResponseSchema, textual: z.boolean() })
type Stored = z.infer<typeof StoredSchema>

interface Indexed {
  dir: string
  /** The request's key (as `record` got it), so a renamed request's history can follow it. */
  key: string
  entry: ResponseEntry
  bodyBytes: number
}

/**
 * The last responses of each request, in `<dataDir>/responses/<hash of the request's key>/`: one JSON
 * file per response (status, headers, timing) and its body beside it as `<id>.body`. A large body from
 * the body store is hard-linked (copied where links fail), never read into memory. Bounded twice:
 * `perRequest` responses per request, and all bodies together under `maxTotalBytes`, oldest out first.
 */
export class ResponseHistory {
  private readonly root: string
  private index: Promise<Indexed[]> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    dataDir: string,
    /** Where the HTTP engine keeps large bodies (`<id>.body`). */
    private readonly bodiesDir: string,
    private readonly now: () => Date = () => new Date()
  ) {
    this.root = join(dataDir, 'responses')
  }

  /** Keeps one response of the request named by `key`; evicts what the limits no longer allow. */
  record(key: string, response: HttpResponse, textual: boolean): Promise<ResponseEntry> {
    return this.serialised(async () => {
      const index = await this.load()
      const limits = await this.limits()
      const id = /^[A-Za-z0-9-]{8,80}$/.test(response.requestId) ? response.requestId : randomBytes(8).toString('hex')
      const dir = this.dirOf(key)
      const size = response.body.size
      const bodyKept = size <= limits.maxTotalBytes
      const entry: ResponseEntry = {
        id,
        at: this.now().toISOString(),
        method: response.method,
        url: response.url,
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        timeMs: response.timings.total,
        size,
        contentType: response.contentType,
        bodyKept
      }
      const bodyPath = join(dir, `${id}.body`)
      try {
        await mkdir(dir, { recursive: true })
        if (bodyKept) {
          if (response.body.kind === 'inline') await writeFileAtomic(bodyPath, Buffer.from(response.body.base64, 'base64'))
          else await linkOrCopy(join(this.bodiesDir, `${response.body.bodyId}.body`), bodyPath)
        }
        // The body itself is in the file beside: the JSON stays small.
        const stored: Stored = { key, entry, response: { ...response, body: emptyBody(response) }, textual }
        await writeFileAtomic(join(dir, `${id}.json`), `${JSON.stringify(stored)}\n`)
      } catch (error) {
        throw writeFailure(error, 'The response history', dir)
      }
      const existing = index.findIndex((item) => item.entry.id === id && item.dir === dir)
      if (existing >= 0) index.splice(existing, 1)
      index.push({ dir, key, entry, bodyBytes: bodyKept ? size : 0 })
      await this.evict(index, limits)
      return entry
    })
  }

  /** The request's kept responses, newest first. */
  async list(key: string): Promise<ResponseEntry[]> {
    const dir = this.dirOf(key)
    return (await this.load())
      .filter((item) => item.dir === dir)
      .map((item) => item.entry)
      .reverse()
  }

  /** Bytes of all kept bodies. */
  async totalBytes(): Promise<number> {
    return (await this.load()).reduce((sum, item) => sum + item.bodyBytes, 0)
  }

  /** A kept response with its body bytes (null when it was too large to keep). */
  async read(key: string, id: string): Promise<{ stored: Stored; body: Buffer | null; bodyPath: string | null }> {
    const dir = this.dirOf(key)
    let stored: Stored
    try {
      stored = StoredSchema.parse(JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')))
    } catch {
      throw new ParleyError(
        'response_not_found',
        'That response is no longer in the history.',
        'It was evicted to keep the history within its limits; send the request again.'
      )
    }
    if (!stored.entry.bodyKept) return { stored, body: null, bodyPath: null }
    const bodyPath = join(dir, `${id}.body`)
    return { stored, body: await readFile(bodyPath).catch(() => null), bodyPath }
  }

  /**
   * A kept response as the response viewer takes it: small bodies inline, large ones linked back into
   * the body store under a new id, so the viewer reads them in slices as it does any large body.
   */
  async reopen(key: string, id: string): Promise<HttpResponse> {
    const { stored, bodyPath } = await this.read(key, id)
    const response = stored.response
    if (!bodyPath)
      return {
        ...response,
        warnings: [...response.warnings, "This response's body was too large for the response history; only status and headers were kept."]
      }
    const size = (await stat(bodyPath)).size
    if (size <= INLINE_LIMIT) {
      const bytes = await readFile(bodyPath)
      const text = stored.textual ? bytes.toString('utf8') : null
      return {
        ...response,
        body: { kind: 'inline', size, base64: bytes.toString('base64'), text, charset: response.body.charset, rawBase64: null, rawBodyId: null }
      }
    }
    const bodyId = randomBytes(16).toString('hex')
    await mkdir(this.bodiesDir, { recursive: true })
    await linkOrCopy(bodyPath, join(this.bodiesDir, `${bodyId}.body`))
    return { ...response, body: { kind: 'file', size, bodyId, charset: response.body.charset, rawBase64: null, rawBodyId: null } }
  }

  /** The limits in force (defaults until set). */
  async limits(): Promise<ResponseLimits> {
    const text = await readFile(join(this.root, 'limits.json'), 'utf8').catch(() => undefined)
    if (text === undefined) return defaultResponseLimits
    try {
      return ResponseLimitsSchema.parse(JSON.parse(text))
    } catch {
      return defaultResponseLimits
    }
  }

  /** Changes the limits and evicts at once. */
  setLimits(limits: ResponseLimits): Promise<ResponseLimits> {
    return this.serialised(async () => {
      await mkdir(this.root, { recursive: true })
      await writeFileAtomic(join(this.root, 'limits.json'), `${JSON.stringify(limits)}\n`)
      await this.evict(await this.load(), limits)
      return limits
    })
  }

  /**
   * Moves the responses of every request whose key `renamed` maps to a new one (a request file renamed or
   * moved, or a folder holding it), so its history follows it. Entries that cannot move stay where they were.
   */
  rekey(renamed: (key: string) => string | undefined): Promise<void> {
    return this.serialised(async () => {
      for (const item of await this.load()) {
        const key = renamed(item.key)
        if (key === undefined || key === item.key) continue
        const dir = this.dirOf(key)
        const from = join(item.dir, `${item.entry.id}.json`)
        try {
          const stored = StoredSchema.parse(JSON.parse(await readFile(from, 'utf8')))
          await mkdir(dir, { recursive: true })
          if (item.entry.bodyKept) await rename(join(item.dir, `${item.entry.id}.body`), join(dir, `${item.entry.id}.body`))
          await writeFileAtomic(join(dir, `${item.entry.id}.json`), `${JSON.stringify({ ...stored, key })}\n`)
          await rm(from, { force: true })
          item.dir = dir
          item.key = key
        } catch {
          // A damaged or vanished entry stays behind; the rest still moves.
        }
      }
    })
  }

  private dirOf(key: string): string {
    return join(this.root, createHash('sha256').update(key).digest('hex').slice(0, 24))
  }

  /** Oldest first: past `perRequest` for one request, then past `maxTotalBytes` for all of them. */
  private async evict(index: Indexed[], limits: ResponseLimits): Promise<void> {
    const perDir = new Map<string, number>()
    for (const item of index) perDir.set(item.dir, (perDir.get(item.dir) ?? 0) + 1)
    const drop = new Set<Indexed>()
    for (const item of index) {
      const count = perDir.get(item.dir)!
      if (count > limits.perRequest) {
        drop.add(item)
        perDir.set(item.dir, count - 1)
      }
    }
    let total = index.reduce((sum, item) => sum + (drop.has(item) ? 0 : item.bodyBytes), 0)
    for (const item of index) {
      if (total <= limits.maxTotalBytes) break
      if (drop.has(item)) continue
      drop.add(item)
      total -= item.bodyBytes
    }
    for (const item of drop) {
      await rm(join(item.dir, `${item.entry.id}.json`), { force: true })
      await rm(join(item.dir, `${item.entry.id}.body`), { force: true })
    }
    const kept = index.filter((item) => !drop.has(item))
    index.splice(0, index.length, ...kept)
  }

  private load(): Promise<Indexed[]> {
    this.index ??= this.readAll().catch((error: unknown) => {
      this.index = undefined
      throw error
    })
    return this.index
  }

  private async readAll(): Promise<Indexed[]> {
    const dirs = await readdir(this.root, { withFileTypes: true }).catch(() => [])
    const items: Indexed[] = []
    for (const d of dirs) {
      if (!d.isDirectory()) continue
      const dir = join(this.root, d.name)
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue
        try {
          const { key, entry } = StoredSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8')))
          items.push({ dir, key, entry, bodyBytes: entry.bodyKept ? entry.size : 0 })
        } catch {
          // A damaged entry is skipped; it is not worth failing the whole history for.
        }
      }
    }
    return items.sort((a, b) => a.entry.at.localeCompare(b.entry.at))
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }
}

function emptyBody(response: HttpResponse): HttpResponse['body'] {
  return { kind: 'inline', size: response.body.size, base64: '', text: null, charset: response.body.charset, rawBase64: null, rawBodyId: null }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await rm(to, { force: true })
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}
