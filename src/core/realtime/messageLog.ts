import { createReadStream } from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import type { Message } from '../../shared/session'
import { writeFileAtomic } from '../store/atomicWrite'

export interface MessageLogOptions {
  /** Messages kept in memory; older ones are read back from the file. */
  ringSize?: number
  /** Longest a message waits in the write buffer. */
  flushMs?: number
}

/** One line is indexed per this many seqs, so a read back starts near its range instead of at byte 0. */
const INDEX_EVERY = 512
// Small enough that buffered lines die young (a megabyte of them would be promoted and cost a full GC).
const FLUSH_CHARS = 1 << 16
/** Updated messages (an emit that got its ack) remembered for reads from the file, up to this many. */
const MAX_UPDATES = 20_000

/**
 * A session's messages: appended to `<file>` as NDJSON as they happen (buffered, flushed at least
 * every `flushMs`), with only the last `ringSize` held in memory. A message re-appended with the
 * same seq (an emit that got its ack) supersedes the earlier line.
 */
export class MessageLog {
  /**
   * The last `ringSize` messages as their JSON lines, not objects: one flat string per message is far
   * cheaper for the garbage collector to keep than a tree of objects (a 100k burst feels it).
   */
  private readonly ring: (string | undefined)[]
  private readonly ringSeq: Float64Array
  private readonly ringSize: number
  private readonly flushMs: number
  private lastSeq = 0
  private buffer: string[] = []
  /** Characters (not bytes) buffered: counting bytes per line is the costliest part of a burst. */
  private bufferChars = 0
  /** Index entries whose byte offset is known only once their chunk is encoded: [seq, char offset in chunk]. */
  private pendingIndex: [number, number][] = []
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private handle: Promise<FileHandle> | undefined
  private fileBytes = 0
  private readonly index = new Map<number, number>()
  private readonly updates = new Map<number, Message>()
  private writeError: Error | undefined

  constructor(
    readonly file: string,
    options: MessageLogOptions = {}
  ) {
    this.ringSize = options.ringSize ?? 5_000
    this.flushMs = options.flushMs ?? 250
    this.ring = new Array<string | undefined>(this.ringSize)
    this.ringSeq = new Float64Array(this.ringSize)
  }

  get size(): number {
    return this.lastSeq
  }

  /** Messages currently held in memory (never more than the ring size). */
  get inMemory(): number {
    return Math.min(this.lastSeq, this.ringSize)
  }

  nextSeq(): number {
    return this.lastSeq + 1
  }

  /** Appends a message whose seq is `nextSeq()`; `argsJson`, when the caller has it, saves encoding the args twice. */
  append(message: Message, argsJson?: string): void {
    if (message.seq !== this.lastSeq + 1) throw new Error(`message log out of order: ${message.seq} after ${this.lastSeq}`)
    this.lastSeq = message.seq
    if (message.seq % INDEX_EVERY === 1) this.pendingIndex.push([message.seq, this.bufferChars])
    const line = argsJson === undefined ? JSON.stringify(message) : lineOf(message, argsJson)
    const slot = message.seq % this.ringSize
    this.ring[slot] = line
    this.ringSeq[slot] = message.seq
    this.write(line)
  }

  /** Replaces an earlier message (same seq), in memory and, by a superseding line, on disk. */
  update(message: Message): void {
    const line = JSON.stringify(message)
    const slot = message.seq % this.ringSize
    if (this.ringSeq[slot] === message.seq) this.ring[slot] = line
    this.updates.delete(message.seq)
    this.updates.set(message.seq, message)
    if (this.updates.size > MAX_UPDATES) this.updates.delete(this.updates.keys().next().value as number)
    this.write(line)
  }

  get(seq: number): Message | undefined {
    const slot = seq % this.ringSize
    const line = this.ringSeq[slot] === seq ? this.ring[slot] : undefined
    return line === undefined ? undefined : (JSON.parse(line) as Message)
  }

  private write(text: string): void {
    const line = `${text}\n`
    this.buffer.push(line)
    this.bufferChars += line.length
    if (this.bufferChars >= FLUSH_CHARS) void this.flush()
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs)
  }

  /** Writes everything buffered; resolves once it is in the file. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.buffer.length > 0) {
      const chunk = Buffer.from(this.buffer.join(''), 'utf8')
      const text = chunk.length === this.bufferChars ? undefined : chunk.toString('utf8')
      for (const [seq, chars] of this.pendingIndex) {
        // All-ASCII chunks (the usual case) have chars === bytes; otherwise measure the prefix.
        this.index.set(seq, this.fileBytes + (text === undefined ? chars : Buffer.byteLength(text.slice(0, chars))))
      }
      this.fileBytes += chunk.length
      this.pendingIndex = []
      this.buffer = []
      this.bufferChars = 0
      this.writing = this.writing.then(async () => {
        try {
          const handle = await this.fileHandle()
          await handle.write(chunk)
        } catch (error) {
          this.writeError ??= error as Error
        }
      })
    }
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
    const oldestInRing = Math.max(1, this.lastSeq - this.ringSize + 1)
    if (fromSeq >= oldestInRing) {
      const out: Message[] = []
      for (let seq = fromSeq; seq <= last; seq++) {
        const m = this.get(seq)
        if (m) out.push(m)
      }
      return out
    }
    await this.flush()
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
    // Anything still in the ring is newer than its line on disk may be.
    for (const seq of found.keys()) {
      const m = this.get(seq)
      if (m) found.set(seq, m)
    }
    return [...found.values()].sort((a, b) => a.seq - b.seq)
  }

  /** Writes a clean copy (one line per seq, newest version) to `path`, atomically. */
  async exportTo(path: string): Promise<number> {
    await this.flush()
    const all = await this.read(1, Math.max(1, this.lastSeq))
    await writeFileAtomic(path, all.map((m) => JSON.stringify(m)).join('\n') + (all.length ? '\n' : ''))
    return all.length
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined)
    const handle = this.handle
    this.handle = undefined
    if (handle) await (await handle).close().catch(() => undefined)
  }
}

/** JSON.stringify(message) for the common plain message, reusing the args' JSON (same keys, same order). */
function lineOf(m: Message, argsJson: string): string {
  if (m.status !== undefined || m.details !== undefined || m.ack !== undefined || m.ackOf !== undefined) return JSON.stringify(m)
  const event = m.event === undefined ? '' : `,"event":${JSON.stringify(m.event)}`
  return `{"seq":${m.seq},"sessionId":${JSON.stringify(m.sessionId)},"at":${m.at},"direction":"${m.direction}","kind":${JSON.stringify(m.kind)}${event},"args":${argsJson},"preview":${JSON.stringify(m.preview)},"size":${m.size}}`
}
