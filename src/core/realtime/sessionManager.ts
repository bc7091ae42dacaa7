import { randomUUID } from 'node:crypto'
import { isAbsolute, join } from 'node:path'
import { ParleyError } from '../../shared/errors'
import type { Message, SessionKind, SessionStatus, SessionSummary } from '../../shared/session'
import type { SessionOpenInputSchema } from '../../shared/session'
import type { z } from 'zod'
import type { EventBus } from '../events'
import { MessageLog } from './messageLog'
import { describeArgs, describeJsonArgs } from './payload'
import type { EmitRequest, MessageDraft, SendRequest, Session, SessionRecorder } from './session'
import { createSession } from './createSession'
import { ManagerPool } from './socketioClient'

export interface SessionManagerOptions {
  dataDir: string
  events: Pick<EventBus, 'emit'>
  /** Messages per session kept in memory; the rest are on disk. */
  ringSize?: number
  /** How long messages wait to be pushed to windows as one `session.messages` event. */
  batchMs?: number
  /** A batch this big goes out at once. */
  batchSize?: number
  /** How often `session.stats` is pushed; 0 turns it off. */
  statsIntervalMs?: number
}

interface Entry {
  id: string
  kind: SessionKind
  session: Session
  log: MessageLog
  recorder: SessionRecorder
  in: number
  out: number
  countedAtLastTick: number
  /** Log lines (JSON) not yet pushed to windows: the same text the log file got. */
  pending: string[]
  /** Why the log stopped writing to disk, once it has. */
  logError?: string
}

type OpenInput = z.output<typeof SessionOpenInputSchema>

/**
 * Every live session of core: opens them by kind, records what they report into their message log,
 * pushes messages to windows in batches (so a burst of 100,000 is a few hundred events, not 100,000)
 * and the counters once a second.
 */
export class SessionManager {
  private readonly entries = new Map<string, Entry>()
  private readonly pool = new ManagerPool()
  private readonly batchMs: number
  private readonly batchSize: number
  private batchTimer: NodeJS.Timeout | undefined
  private readonly statsTimer: NodeJS.Timeout | undefined
  private lastTick = Date.now()

  constructor(private readonly options: SessionManagerOptions) {
    this.batchMs = options.batchMs ?? 50
    // Per-batch costs (an event, a frame to every window) dominate a burst: at 500 messages a
    // batch the last of 100,000 reached the window 1.7 s after core had it, at 2,000 under 1 s.
    // Bigger batches (5,000: 0.3 s) slowed the engine's own receiving past its 1.5x budget.
    this.batchSize = options.batchSize ?? 2000
    const statsMs = options.statsIntervalMs ?? 1_000
    if (statsMs > 0) {
      this.statsTimer = setInterval(() => this.pushStats(), statsMs)
      this.statsTimer.unref()
    }
  }

  /** Where a session's NDJSON log lives. */
  fileOf(sessionId: string): string {
    return join(this.options.dataDir, 'sessions', `${sessionId}.ndjson`)
  }

  async open(input: OpenInput): Promise<{ sessionId: string }> {
    const id = input.sessionId ?? randomUUID()
    const existing = this.entries.get(id)
    if (existing && existing.session.status().state !== 'closed') {
      throw new ParleyError('session_open', `Session ${id} is already open.`, 'Disconnect it first, or open a new one.')
    }
    if (existing && existing.kind !== input.kind) {
      throw new ParleyError('session_kind', `Session ${id} is a ${existing.kind} session, not ${input.kind}.`, 'Open a new session for another protocol.')
    }
    // Reconnecting an existing session continues its log: one tab, one history.
    const log = existing?.log ?? new MessageLog(this.fileOf(id), { ringSize: this.options.ringSize, onWriteError: (error) => this.logFailed(id, error) })
    const entry: Entry = existing ?? {
      id,
      kind: input.kind,
      session: undefined as unknown as Session,
      log,
      recorder: undefined as unknown as SessionRecorder,
      in: 0,
      out: 0,
      countedAtLastTick: 0,
      pending: []
    }
    entry.recorder = this.recorderFor(entry)
    entry.session = createSession(input, entry.recorder, this.pool)
    this.entries.set(id, entry)
    try {
      await entry.session.open()
    } catch (error) {
      await entry.session.close().catch(() => undefined)
      if (!existing) {
        this.entries.delete(id)
        // A write failure here was already told through onWriteError; the open error is the one to answer.
        await log.close().catch(() => undefined)
      }
      throw error
    }
    return { sessionId: id }
  }

  private recorderFor(entry: Entry): SessionRecorder {
    // Emits waiting for an ack, kept until it comes even if the ring has moved past them.
    const awaiting = new Map<number, Message>()
    return {
      record: (draft: MessageDraft) => {
        const described: { args: unknown[]; preview: string; size: number; json?: string } =
          draft.preview !== undefined && draft.size !== undefined
            ? { args: [...draft.args], preview: draft.preview, size: draft.size }
            : draft.argsJson !== undefined
              ? describeJsonArgs(draft.args, draft.argsJson)
              : describeArgs(draft.args)
        const message: Message = {
          seq: entry.log.nextSeq(),
          sessionId: entry.id,
          at: Date.now(),
          direction: draft.direction,
          kind: draft.kind,
          event: draft.event,
          args: described.args,
          preview: described.preview,
          size: described.size
        }
        // Absent, not undefined: the NDJSON line and the event stay as small as the message.
        if (draft.event === undefined) delete message.event
        if (draft.status !== undefined) message.status = draft.status
        if (draft.details !== undefined) message.details = draft.details
        if (draft.said !== undefined) message.said = draft.said
        const line = entry.log.append(message, described.json)
        if (message.direction === 'in') entry.in += 1
        else if (message.direction === 'out') entry.out += 1
        if (message.status === 'awaiting-ack') awaiting.set(message.seq, message)
        this.enqueue(entry, line)
        return message
      },
      amend: (seq, patch) => {
        const base = awaiting.get(seq) ?? entry.log.get(seq)
        awaiting.delete(seq)
        if (!base) return
        const next: Message = { ...base, ...patch, details: patch.details ? { ...base.details, ...patch.details } : base.details }
        if (next.details === undefined) delete next.details
        this.enqueue(entry, entry.log.update(next))
      },
      status: (status) => {
        const { state, detail, said, ...rest } = status
        entry.recorder.record({
          direction: 'system',
          kind: 'status',
          args: [],
          status: state,
          preview: detail,
          ...(said ? { said } : {}),
          size: 0,
          details: Object.keys(rest).length ? rest : undefined
        })
        // Messages before a change of state reach windows before it does.
        this.flushEntry(entry)
        this.options.events.emit('session.status', { sessionId: entry.id, ...status, ...(entry.logError ? { logError: entry.logError } : {}) })
      }
    }
  }

  /** The log could not write its file: say so in the log and the status, once; the session goes on. */
  private logFailed(sessionId: string, error: ParleyError): void {
    const entry = this.entries.get(sessionId)
    if (!entry) return
    entry.logError = `${error.message} Messages are no longer saved to disk; the most recent ones stay visible here. ${error.hint ?? ''}`.trim()
    entry.recorder.record({ direction: 'system', kind: 'error', args: [], preview: entry.logError, size: 0 })
    this.flushEntry(entry)
    this.options.events.emit('session.status', { sessionId, ...entry.session.status(), logError: entry.logError })
  }

  private enqueue(entry: Entry, line: string): void {
    entry.pending.push(line)
    if (entry.pending.length >= this.batchSize) this.flushEntry(entry)
    else this.batchTimer ??= setTimeout(() => this.flushAll(), this.batchMs)
  }

  private flushEntry(entry: Entry): void {
    if (entry.pending.length === 0) return
    const lines = entry.pending
    entry.pending = []
    // Each message was encoded once, for the log file; windows get the same lines as one NDJSON text.
    this.options.events.emit('session.messages', { sessionId: entry.id, lines: `${lines.join('\n')}\n` })
  }

  private flushAll(): void {
    this.batchTimer = undefined
    for (const entry of this.entries.values()) this.flushEntry(entry)
  }

  private pushStats(): void {
    const now = Date.now()
    const seconds = Math.max(0.001, (now - this.lastTick) / 1000)
    this.lastTick = now
    for (const entry of this.entries.values()) {
      const total = entry.in + entry.out
      const delta = total - entry.countedAtLastTick
      entry.countedAtLastTick = total
      if (delta === 0 && entry.session.status().state === 'closed') continue
      this.options.events.emit('session.stats', { sessionId: entry.id, in: entry.in, out: entry.out, ratePerSecond: Math.round((delta / seconds) * 10) / 10 })
    }
  }

  private entry(sessionId: string): Entry {
    const entry = this.entries.get(sessionId)
    if (!entry) throw new ParleyError('unknown_session', `There is no session ${sessionId}.`, 'It may have been closed when Parley restarted; connect again.')
    return entry
  }

  private need<K extends 'emit' | 'send' | 'ping' | 'setListener'>(entry: Entry, method: K): NonNullable<Session[K]> {
    const fn = entry.session[method]
    if (!fn)
      throw new ParleyError(
        'unsupported',
        `A ${entry.kind} session cannot ${method}.`,
        method === 'emit' ? 'Emit is for Socket.IO; a WebSocket sends.' : 'Use a call this protocol has.'
      )
    return fn.bind(entry.session) as NonNullable<Session[K]>
  }

  async close(sessionId: string, options: { code?: number; reason?: string } = {}): Promise<void> {
    const entry = this.entry(sessionId)
    await entry.session.close(options)
    this.flushEntry(entry)
    // A closed session keeps its log on disk only; a reconnect under the same id grows a ring again.
    await entry.log.dropMemory()
  }

  async emit(sessionId: string, request: EmitRequest): Promise<{ seq: number }> {
    const entry = this.entry(sessionId)
    return { seq: await this.need(entry, 'emit')(request) }
  }

  async send(sessionId: string, request: SendRequest): Promise<{ seq: number }> {
    const entry = this.entry(sessionId)
    return { seq: await this.need(entry, 'send')(request) }
  }

  async ping(sessionId: string): Promise<{ seq: number }> {
    const entry = this.entry(sessionId)
    return { seq: await this.need(entry, 'ping')() }
  }

  setListener(sessionId: string, event: string, enabled: boolean): void {
    this.need(this.entry(sessionId), 'setListener')(event, enabled)
  }

  async messages(sessionId: string, fromSeq: number, limit: number): Promise<{ messages: Message[]; lastSeq: number }> {
    const entry = this.entry(sessionId)
    return { messages: await entry.log.read(fromSeq, limit), lastSeq: entry.log.size }
  }

  async export(sessionId: string, path: string): Promise<{ path: string; count: number }> {
    if (!isAbsolute(path)) throw new ParleyError('invalid_path', `Export needs an absolute path, got "${path}".`, 'Choose where to save the file.')
    const entry = this.entry(sessionId)
    return { path, count: await entry.log.exportTo(path) }
  }

  list(): SessionSummary[] {
    return [...this.entries.values()].map((e) => ({
      sessionId: e.id,
      kind: e.kind,
      url: e.session.url,
      state: e.session.status().state,
      in: e.in,
      out: e.out,
      lastSeq: e.log.size,
      file: e.log.file,
      status: { sessionId: e.id, ...e.session.status() }
    }))
  }

  status(sessionId: string): Omit<SessionStatus, 'sessionId'> {
    return this.entry(sessionId).session.status()
  }

  /** Test and bench access to one session's log. */
  logOf(sessionId: string): MessageLog {
    return this.entry(sessionId).log
  }

  async dispose(): Promise<void> {
    if (this.statsTimer) clearInterval(this.statsTimer)
    for (const entry of this.entries.values()) await entry.session.close().catch(() => undefined)
    this.flushAll()
    clearTimeout(this.batchTimer)
    // Each log's failures were reported through onWriteError as they happened; every log still gets closed.
    for (const entry of this.entries.values()) await entry.log.close().catch(() => undefined)
  }
}
