import type { EmitArg } from '../../shared/realtime'
import type { Direction, Message, Said, SessionKind, SessionStatus } from '../../shared/session'

/** What an engine says about a message it saw; the recorder adds seq, session id and the time. */
export interface MessageDraft {
  direction: Direction
  kind: string
  event?: string
  /** Raw values as the socket gave them; the recorder makes them JSON-safe and measures them. */
  args: readonly unknown[]
  status?: string
  details?: Record<string, unknown>
  /** The args' JSON text as it came over the wire, when the engine has it: saves encoding them again. */
  argsJson?: string
  /** Set when args are already JSON-safe and measured (status lines, say). */
  preview?: string
  /** A system line's preview as a catalog key, so a window can say it in its language. */
  said?: Said
  size?: number
}

/** Where a session reports what happens: every message, every change of state. */
export interface SessionRecorder {
  /** Records a message and returns its seq. */
  record(draft: MessageDraft): Message
  /** Re-records an earlier message (same seq) with changes, e.g. the ack an emit was waiting for. */
  amend(seq: number, patch: Partial<Pick<Message, 'ack' | 'status' | 'details'>>): void
  /** A change of state; also written to the log as a system line. */
  status(status: Omit<SessionStatus, 'sessionId'>): void
}

export interface EmitRequest {
  event: string
  args: EmitArg[]
  ack: boolean
  ackTimeoutMs: number
}

export interface SendRequest {
  type: 'text' | 'json' | 'binary-base64'
  value: string
}

/**
 * One live connection of one protocol. `open` starts connecting and returns; what follows arrives
 * through the recorder. Methods a protocol has no use for throw `unsupported`.
 */
export interface Session {
  readonly kind: SessionKind
  readonly url: string
  open(): Promise<void>
  close(options?: { code?: number; reason?: string }): Promise<void>
  status(): Omit<SessionStatus, 'sessionId'>
  /** Socket.IO: emit an event; resolves with the seq of the emit in the log. */
  emit?(request: EmitRequest): Promise<number>
  /** WebSocket: send a frame; resolves with its seq. */
  send?(request: SendRequest): Promise<number>
  /** WebSocket: send a ping; the pong is logged when it comes. */
  ping?(): Promise<number>
  /** Socket.IO: switch logging of one event (or `*`, the catch-all) on or off. */
  setListener?(event: string, enabled: boolean): void
}

export const CATCH_ALL = '*'

/**
 * Which incoming events get logged: a named listener decides for its event; events without one
 * follow the catch-all.
 */
export class ListenerSwitches {
  private catchAll = true
  private readonly named = new Map<string, boolean>()

  constructor(listeners: readonly { event: string; enabled: boolean }[] = []) {
    for (const l of listeners) this.set(l.event, l.enabled)
  }

  set(event: string, enabled: boolean): void {
    if (event === CATCH_ALL) this.catchAll = enabled
    else this.named.set(event, enabled)
  }

  logs(event: string): boolean {
    return this.named.get(event) ?? this.catchAll
  }
}
