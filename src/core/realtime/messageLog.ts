import { createReadStream } from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import type { ParleyError } from '../../shared/errors'
import type { Message } from '../../shared/session'
import { writeFileAtomic } from '../store/atomicWrite'
import { writeFailure } from '../store/writeFailure'

export interface MessageLogOptions {
  /** Messages kept in memory; older ones are read back from the file. */
  ringSize?: number
  /** Longest a message waits in the write buffer. */
  flushMs?: number
  /**
   * Told once, on the first failed write (a full disk): the log stops writing to its file from then
   * on, keeping only the in-memory ring, so the session can say so and carry on.
   */
  onWriteError?: (error: ParleyError) => void
}

/**
 * Buffer's own UTF-8 encoder, without `write()`'s argument juggling, which cost 1 µs a line, as much as
 * building the line (Node has had it since 0.x; it is what `write(text, at, 'utf8')` ends up calling).
 */
const utf8Write = (ring: Buffer, text: string, at: number, room: number): number =>
  (ring as Buffer & { utf8Write(text: string, offset: number, length: number): number }).utf8Write(text, at, room)

/** One line is indexed per this many seqs, so a read back starts near its range instead of at byte 0. */
const INDEX_EVERY = 512
/** Bytes waiting for the file past this go out at once (else at the latest after `flushMs`). */
const FLUSH_BYTES = 1 << 16
/** Updated messages (an emit that got its ack) remembered for reads from the file, up to this many. */
const MAX_UPDATES = 20_000

/**
 * A session's messages: appended to `<file>` as NDJSON as they happen (buffered, flushed at least
 * every `flushMs`), with only the last `ringSize` held in memory. A message re-appended with the
 * same seq (an emit that got its ack) supersedes the earlier line.
 *
 * Memory is one byte ring of encoded NDJSON lines: each line is encoded once, the file gets copies of
 * ring slices, and no JS object or string per message outlives its moment, so a 100k burst costs the
 * garbage collector next to nothing. Positions are "virtual" (they only grow); a line at virtual
 * position v lives at byte v % capacity and is intact while the writer is less than `capacity` ahead.
 */
export class MessageLog {
  /** Allocated on the first write and dropped when the session closes: a closed log reads from its file. */
  private ring: Buffer | undefined
  private readonly capacity: number
  /** Per seq slot: the seq held, its line's virtual start and byte length (newline included). */
  private readonly slotSeq: Float64Array
  private readonly slotStart: Float64Array
  private readonly slotLength: Float64Array
  private readonly ringSize: number
  private readonly flushMs: number
  private lastSeq = 0
  /** Virtual position where the next line goes, and the first byte not yet handed to the file. */
  private pos = 0
  private pendingFrom = 0
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private handle: Promise<FileHandle> | undefined
  /** Bytes handed to the file so far (written or queued). */
  private fileBytes = 0
  private readonly index = new Map<number, number>()
  private readonly updates = new Map<number, Message>()
  private writeError: ParleyError | undefined
  private readonly onWriteError: (error: ParleyError) => void
  private readonly quotes = new Map<string, string>()

  constructor(
    readonly file: string,
    options: MessageLogOptions = {}
  ) {
    this.onWriteError = options.onWriteError ?? (() => undefined)
    this.ringSize = options.ringSize ?? 5_000
    this.flushMs = options.flushMs ?? 250
    this.capacity = Math.max(1 << 20, this.ringSize * 512)
    this.slotSeq = new Float64Array(this.ringSize)
    this.slotStart = new Float64Array(this.ringSize)
    this.slotLength = new Float64Array(this.ringSize)
  }

  get size(): number {
    return this.lastSeq
  }

  /** Messages currently held in memory (never more than the ring size). */
  get inMemory(): number {
    let n = 0
    for (let seq = Math.max(1, this.lastSeq - this.ringSize + 1); seq <= this.lastSeq; seq++) if (this.slotOf(seq) >= 0) n++
    return n
  }

  nextSeq(): number {
    return this.lastSeq + 1
  }

  /**
   * Appends a message whose seq is `nextSeq()`; `argsJson`, when the caller has it, saves encoding the
   * args twice. Returns the line written (JSON, no newline), so windows get the same encoding as the file.
   */
  append(message: Message, argsJson?: string): string {
    if (message.seq !== this.lastSeq + 1) throw new Error(`message log out of order: ${message.seq} after ${this.lastSeq}`)
    this.lastSeq = message.seq
    const line = argsJson === undefined ? JSON.stringify(message) : this.lineOf(message, argsJson)
    this.write(message.seq, line, true)
    return line
  }

  /** Replaces an earlier message (same seq), in memory and, by a superseding line, on disk. Returns that line. */
  update(message: Message): string {
    this.updates.delete(message.seq)
    this.updates.set(message.seq, message)
    if (this.updates.size > MAX_UPDATES) this.updates.delete(this.updates.keys().next().value as number)
    const line = JSON.stringify(message)
    this.write(message.seq, line, false)
    return line
  }

  get(seq: number): Message | undefined {
    const slot = this.slotOf(seq)
    if (slot < 0) return undefined
    const at = this.slotStart[slot]! % this.capacity
    return JSON.parse(this.ring!.toString('utf8', at, at + this.slotLength[slot]! - 1)) as Message
  }

  /** JSON.stringify(message) for the common plain message, reusing the args' JSON (same keys, same order). */
  private lineOf(m: Message, argsJson: string): string {
    if (m.status !== undefined || m.details !== undefined || m.ack !== undefined || m.ackOf !== undefined) return JSON.stringify(m)
    const event = m.event === undefined ? '' : `,"event":${this.quoted(m.event)}`
    return `{"seq":${m.seq},"sessionId":${this.quoted(m.sessionId)},"at":${m.at},"direction":"${m.direction}","kind":${this.quoted(m.kind)}${event},"args":${argsJson},"preview":${JSON.stringify(m.preview)},"size":${m.size}}`
  }

  /** Session ids, kinds and event names repeat on every line: quote each once. */
  private quoted(text: string): string {
    let json = this.quotes.get(text)
    if (json === undefined) {
      if (this.quotes.size > 1_000) this.quotes.clear()
      this.quotes.set(text, (json = JSON.stringify(text)))
    }
    return json
  }

  /** The ring slot holding `seq` intact, or -1. */
  private slotOf(seq: number): number {
    if (seq < 1) return -1
    const slot = seq % this.ringSize
    if (this.slotSeq[slot] !== seq || !this.ring) return -1
    return this.pos - this.slotStart[slot]! <= this.capacity ? slot : -1
  }

  private write(seq: number, text: string, original: boolean): void {
    this.ring ??= Buffer.allocUnsafe(this.capacity)
    // Short ASCII-ish lines that surely fit are encoded straight into the ring: one pass, not two.
    const at0 = this.pos % this.capacity
    if (text.length * 3 + 1 <= this.capacity - at0 && text.length * 3 + 1 <= this.capacity / 4) {
      const written = utf8Write(this.ring, text, at0, this.capacity - at0)
      this.ring[at0 + written] = 0x0a
      this.place(seq, written + 1, original)
      return
    }
    const length = Buffer.byteLength(text) + 1
    const slot = seq % this.ringSize
    if (length > this.capacity / 4) {
      // Too big for the ring (a large binary payload): straight to the file, read back from there.
      this.handOver()
      if (original && seq % INDEX_EVERY === 1) this.index.set(seq, this.fileBytes)
      if (this.slotSeq[slot] === seq || original) this.slotSeq[slot] = 0
      this.queue(Buffer.from(`${text}\n`, 'utf8'))
      return
    }
    let at = this.pos % this.capacity
    if (at + length > this.capacity) {
      // Lines never wrap: hand what is pending to the file, then skip to the ring's start.
      this.handOver()
      this.pos += this.capacity - at
      this.pendingFrom = this.pos
      at = 0
    }
    utf8Write(this.ring, text, at, length)
    this.ring[at + length - 1] = 0x0a
    this.place(seq, length, original)
  }

  /** Records the line just encoded at `pos` (index, slot) and moves on. */
  private place(seq: number, length: number, original: boolean): void {
    if (original && seq % INDEX_EVERY === 1) this.index.set(seq, this.fileBytes + (this.pos - this.pendingFrom))
    const slot = seq % this.ringSize
    if (original || this.slotSeq[slot] === seq) {
      this.slotSeq[slot] = seq
      this.slotStart[slot] = this.pos
      this.slotLength[slot] = length
    }
    this.pos += length
    if (this.pos - this.pendingFrom >= FLUSH_BYTES) this.handOver()
    else this.timer ??= setTimeout(this.flushSoon, this.flushMs)
  }

  /** Copies the pending bytes out of the ring (it will be overwritten) and queues them for the file. */
  private handOver(): void {
    if (this.pos === this.pendingFrom) return
    const from = this.pendingFrom % this.capacity
    const chunk = Buffer.from(this.ring!.subarray(from, from + (this.pos - this.pendingFrom)))
    this.pendingFrom = this.pos
    this.queue(chunk)
  }

  /** The timer's flush: hands bytes over and returns nothing, so a failed write is never an unhandled rejection. */
  private readonly flushSoon = (): void => {
    this.timer = undefined
    this.handOver()
  }

  private queue(chunk: Buffer): void {
    // Stopped on the first error: bytes for a file that cannot take them must not pile up.
    if (this.writeError) return
    this.fileBytes += chunk.length
    this.writing = this.writing.then(async () => {
      if (this.writeError) return
      try {
        const handle = await this.fileHandle()
        await handle.write(chunk)
      } catch (error) {
        this.failed(error)
      }
    })
  }

  private failed(error: unknown): void {
    if (this.writeError) return
    this.writeError = writeFailure(error, "The session's message log", this.file)
    this.onWriteError(this.writeError)
  }

  /** The write error that stopped logging to the file, if any. */
  get failure(): ParleyError | undefined {
    return this.writeError
  }

  /** Hands everything over and waits for the file, without raising a failure already reported. */
  private async settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.handOver()
    await this.writing
  }

  /** Hands everything to the file and frees the ring: for a closed session, reads come from the file. */
  async dropMemory(): Promise<void> {
    await this.settle()
    this.slotSeq.fill(0)
    this.ring = undefined
  }

  /** Writes everything buffered; resolves once it is in the file. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.handOver()
    return this.writing.then(() => {
      if (this.writeError) throw this.writeError
    })
  }

  private fileHandle(): Promise<FileHandle> {
    // A new log starts its file afresh (seqs restart at 1); a reconnect reuses this object and appends.
    this.handle ??= mkdir(dirname(this.file), { recursive: true }).then(() => open(this.file, 'w'))
    return this.handle
  }

  /** Messages from `fromSeq` on, at most `limit`, from memory when they are still there, else from the file. */
  async read(fromSeq: number, limit: number): Promise<Message[]> {
    const last = Math.min(this.lastSeq, fromSeq + limit - 1)
    if (fromSeq > last) return []
    let inRing = true
    for (let seq = fromSeq; seq <= last && inRing; seq++) inRing = this.slotOf(seq) >= 0
    if (inRing) {
      const out: Message[] = []
      for (let seq = fromSeq; seq <= last; seq++) out.push(this.get(seq)!)
      return out
    }
    // After a write error the file holds what was written before it; that much still reads back.
    await this.settle()
    const found = new Map<number, Message>()
    const start = Math.floor((fromSeq - 1) / INDEX_EVERY) * INDEX_EVERY + 1
    const stream = createReadStream(this.file, { encoding: 'utf8', start: this.index.get(start) ?? 0 })
    const lines = createInterface({ input: stream, crlfDelay: Infinity })
    for await (const line of lines) {
      if (!line) continue
      const message = JSON.parse(line) as Message
      // Original lines are in seq order and a superseding line always follows its original, so the
      // first line past the range ends it; superseding lines written later are also in `updates`.
      if (message.seq > last) break
      if (message.seq >= fromSeq) found.set(message.seq, message)
    }
    lines.close()
    stream.destroy()
    for (const [seq, message] of this.updates) if (found.has(seq)) found.set(seq, message)
    // Anything still in the ring is as new as its newest line.
    for (const seq of found.keys()) {
      if (this.slotOf(seq) >= 0) found.set(seq, this.get(seq)!)
    }
    return [...found.values()].sort((a, b) => a.seq - b.seq)
  }

  /** Writes a clean copy (one line per seq, newest version) to `path`, atomically. */
  async exportTo(path: string): Promise<number> {
    await this.flush()
    const all = await this.read(1, Math.max(1, this.lastSeq))
    try {
      await writeFileAtomic(path, all.map((m) => JSON.stringify(m)).join('\n') + (all.length ? '\n' : ''))
    } catch (error) {
      throw writeFailure(error, 'The exported log', path)
    }
    return all.length
  }

  /** Writes what is buffered and closes the file; rejects with the write error if any write failed. */
  async close(): Promise<void> {
    await this.settle()
    const handle = this.handle
    this.handle = undefined
    if (handle) {
      try {
        await (await handle).close()
      } catch (error) {
        // Opening may have failed already (reported), or closing flushes and fails now.
        this.failed(error)
      }
    }
    if (this.writeError) throw this.writeError
  }
}
