import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { HttpBodySlice } from '../../shared/http'
import { MAX_BODY_SLICE } from '../../shared/http'
import { ParleyError } from '../../shared/errors'
import { writeFailure } from '../store/writeFailure'

/** Bodies larger than this (decoded) go to a file instead of travelling inline. */
export const INLINE_LIMIT = 5 * 1024 * 1024

/** Where a finished spill ended up. */
export type SpillResult = { kind: 'memory'; buffer: Buffer } | { kind: 'file'; bodyId: string; size: number }

/**
 * Response bodies past the inline limit, as files under `<dataDir>/bodies/`. A file is `<id>.part`
 * while it is written and `<id>.body` once complete, so a crash leaves only `.part` files to sweep.
 */
export class BodyStore {
  constructor(readonly dir: string) {}

  /**
   * Creates the folder and sweeps what earlier runs left: half-written bodies, and bodies older than a
   * day (nothing keeps a bodyId across sessions, so an old body file is only taking disk space).
   */
  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const dayAgo = Date.now() - 24 * 3600_000
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name)
      if (name.endsWith('.part')) await rm(path, { force: true })
      else if (name.endsWith('.body') && ((await stat(path).catch(() => null))?.mtimeMs ?? 0) < dayAgo) await rm(path, { force: true })
    }
  }

  /**
   * A buffer that keeps bytes in memory up to `limit`, then moves them to a body file. `onFailure` hears
   * of the first write error at once, so the download stops instead of piling bytes up in memory.
   */
  createSpill(onFailure: (error: ParleyError) => void = () => undefined, limit = INLINE_LIMIT): SpillBuffer {
    return new SpillBuffer(this.dir, limit, onFailure)
  }

  private pathOf(bodyId: string): string {
    if (!/^[a-f0-9]{8,64}$/.test(bodyId)) throw bodyNotFound(bodyId)
    return join(this.dir, `${bodyId}.body`)
  }

  /** Reads `length` bytes from `offset` of a stored body. */
  async read(bodyId: string, offset: number, length: number): Promise<HttpBodySlice> {
    const path = this.pathOf(bodyId)
    let handle
    try {
      handle = await open(path, 'r')
    } catch {
      throw bodyNotFound(bodyId)
    }
    try {
      const total = (await handle.stat()).size
      const start = Math.min(offset, total)
      const want = Math.min(length, MAX_BODY_SLICE, total - start)
      const buffer = Buffer.alloc(want)
      let got = 0
      while (got < want) {
        const { bytesRead } = await handle.read(buffer, got, want - got, start + got)
        if (bytesRead === 0) break
        got += bytesRead
      }
      return { bodyId, offset: start, length: got, total, base64: buffer.subarray(0, got).toString('base64'), eof: start + got >= total }
    } finally {
      await handle.close()
    }
  }

  /** The size of a stored body, or throws body_not_found. */
  async size(bodyId: string): Promise<number> {
    try {
      return (await stat(this.pathOf(bodyId))).size
    } catch {
      throw bodyNotFound(bodyId)
    }
  }

  /** Deletes a stored body; discarding one that is already gone is not an error. */
  async discard(bodyId: string): Promise<void> {
    await rm(this.pathOf(bodyId), { force: true })
  }
}

function bodyNotFound(bodyId: string): ParleyError {
  return new ParleyError(
    'body_not_found',
    `There is no stored response body with id ${bodyId}.`,
    'It was discarded or belongs to an earlier session: send the request again.'
  )
}

/**
 * Collects one stream of bytes: in memory while small, in a body file once past the limit. The first
 * write error stops it for good: later bytes are dropped, `onFailure` is told, `finish` throws it.
 */
export class SpillBuffer {
  private chunks: Buffer[] = []
  private file: WriteStream | null = null
  private bodyId = ''
  private aborted = false
  private error: ParleyError | null = null
  size = 0

  constructor(
    private readonly dir: string,
    private readonly limit: number,
    private readonly onFailure: (error: ParleyError) => void
  ) {}

  /** The write error that stopped this buffer, if any. */
  get failure(): ParleyError | null {
    return this.error
  }

  /** Adds bytes; false means the file is backed up and the caller should wait for `drained()`. */
  write(chunk: Buffer): boolean {
    if (this.aborted || this.error) return true
    this.size += chunk.length
    if (this.file) return this.file.write(chunk)
    this.chunks.push(chunk)
    if (this.size <= this.limit) return true
    this.bodyId = randomBytes(16).toString('hex')
    const path = join(this.dir, `${this.bodyId}.part`)
    this.file = createWriteStream(path)
    this.file.on('error', (error) => this.fail(error, path))
    let ok = true
    for (const c of this.chunks) ok = this.file.write(c)
    this.chunks = []
    return ok
  }

  private fail(error: unknown, path: string): void {
    if (this.error || this.aborted) return
    this.error = writeFailure(error, 'The response body', path)
    this.chunks = []
    this.onFailure(this.error)
  }

  /** Resolves once the file can take more bytes (or has failed: then nothing more is written). */
  drained(): Promise<void> {
    const file = this.file
    if (!file || this.error || file.destroyed || !file.writableNeedDrain) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        file.off('drain', done)
        file.off('close', done)
        file.off('error', done)
        resolve()
      }
      file.once('drain', done)
      file.once('close', done)
      file.once('error', done)
    })
  }

  /** Ends the stream: memory bytes, or the completed body file. */
  async finish(): Promise<SpillResult> {
    const file = this.file
    if (this.error) throw this.error
    if (!file) return { kind: 'memory', buffer: this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks) }
    const path = join(this.dir, `${this.bodyId}.part`)
    try {
      await new Promise<void>((resolve, reject) => {
        file.once('error', reject)
        file.end(() => resolve())
      })
      if (this.error) throw this.error
      await rename(path, join(this.dir, `${this.bodyId}.body`))
    } catch (error) {
      this.fail(error, path)
      throw this.error ?? writeFailure(error, 'The response body', path)
    }
    return { kind: 'file', bodyId: this.bodyId, size: this.size }
  }

  /** Drops everything, deleting the partial file. */
  async abort(): Promise<void> {
    this.aborted = true
    this.chunks = []
    const file = this.file
    if (!file) return
    this.file = null
    await new Promise<void>((resolve) => {
      if (file.closed) return resolve()
      file.once('close', () => resolve())
      file.destroy()
    })
    await rm(join(this.dir, `${this.bodyId}.part`), { force: true })
  }
}
