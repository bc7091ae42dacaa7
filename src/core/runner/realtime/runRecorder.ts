import type { Ack, Message, SessionState } from '../../../shared/session'
import { ParleyError } from '../../../shared/errors'
import { describeArgs, describeJsonArgs } from '../../realtime/payload'
import type { MessageDraft, SessionRecorder } from '../../realtime/session'

/** Received messages kept for expect steps past the cursor; older unexamined ones are dropped (and counted). */
const maxWaiting = 10_000

export type AckOutcome = { status: 'acked'; ack: Ack } | { status: 'ack-timeout' }

/**
 * What a step run records from its session: the received messages expect steps read (in order,
 * from a cursor), the acks emit steps wait for, and the state. Nothing is logged to disk or pushed
 * to windows: a run is a test, not a session the user watches. Waits are woken by what the session
 * reports (no polling), bounded by the step's time limit and the run's abort signal.
 */
export class RunRecorder implements SessionRecorder {
  state: SessionState | 'idle' = 'idle'
  detail = ''
  /** Received messages not yet passed by an expect step. */
  private inbox: Message[] = []
  /** How many received messages were dropped unexamined because too many waited. */
  dropped = 0
  private seq = 0
  private readonly acks = new Map<number, AckOutcome>()
  private readonly wakers = new Set<() => void>()
  /** Bumped by everything the session reports; a wait that saw an older one returns at once. */
  version = 0

  constructor(private readonly sessionId: string) {}

  record(draft: MessageDraft): Message {
    const described =
      draft.preview !== undefined && draft.size !== undefined
        ? { args: [...draft.args], preview: draft.preview, size: draft.size }
        : draft.argsJson !== undefined
          ? describeJsonArgs(draft.args, draft.argsJson)
          : describeArgs(draft.args)
    const message: Message = {
      seq: ++this.seq,
      sessionId: this.sessionId,
      at: Date.now(),
      direction: draft.direction,
      kind: draft.kind,
      ...(draft.event !== undefined ? { event: draft.event } : {}),
      args: described.args,
      preview: described.preview,
      size: described.size,
      ...(draft.status !== undefined ? { status: draft.status } : {}),
      ...(draft.details !== undefined ? { details: draft.details } : {})
    }
    if (message.direction === 'in' && message.kind !== 'ping' && message.kind !== 'pong') {
      this.inbox.push(message)
      if (this.inbox.length > maxWaiting) {
        this.inbox.shift()
        this.dropped += 1
      }
      this.wake()
    }
    return message
  }

  amend(seq: number, patch: Partial<Pick<Message, 'ack' | 'status' | 'details'>>): void {
    if (patch.status === 'acked' && patch.ack) this.acks.set(seq, { status: 'acked', ack: patch.ack })
    else if (patch.status === 'ack-timeout') this.acks.set(seq, { status: 'ack-timeout' })
    else return
    this.wake()
  }

  status(status: { state: SessionState; detail: string }): void {
    this.state = status.state
    this.detail = status.detail
    this.wake()
  }

  /** Whether the session can still deliver: connecting, connected or reconnecting. */
  get live(): boolean {
    return this.state === 'connecting' || this.state === 'connected' || this.state === 'reconnecting'
  }

  /** Received messages not yet passed, oldest first. */
  waiting(): readonly Message[] {
    return this.inbox
  }

  /** Expect steps after this one start after the given message. */
  consumeThrough(seq: number): void {
    const index = this.inbox.findIndex((m) => m.seq === seq)
    if (index >= 0) this.inbox = this.inbox.slice(index + 1)
  }

  ackOf(seq: number): AckOutcome | undefined {
    return this.acks.get(seq)
  }

  /**
   * Resolves once the session reported something after `seen` (a `version`), `false` once `deadline`
   * (ms since the epoch) has passed; rejects with `cancelled` when the run is aborted.
   */
  next(seen: number, deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(cancelled())
    if (this.version !== seen) return Promise.resolve(true)
    const left = deadline - Date.now()
    if (left <= 0) return Promise.resolve(false)
    return new Promise<boolean>((resolve, reject) => {
      const done = (value: boolean | Error) => {
        clearTimeout(timer)
        this.wakers.delete(wake)
        signal?.removeEventListener('abort', abort)
        if (value instanceof Error) reject(value)
        else resolve(value)
      }
      const wake = () => done(true)
      const abort = () => done(cancelled())
      const timer = setTimeout(() => done(false), left)
      this.wakers.add(wake)
      signal?.addEventListener('abort', abort, { once: true })
    })
  }

  private wake(): void {
    this.version += 1
    const wakers = [...this.wakers]
    this.wakers.clear()
    for (const wake of wakers) wake()
  }
}

export function cancelled(): ParleyError {
  return new ParleyError('cancelled', 'The run was cancelled.', 'Run it again when you are ready.')
}

/** A wait step: the time, or the abort, whichever comes first. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelled())
  return new Promise<void>((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer)
      reject(cancelled())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', abort, { once: true })
  })
}
