import type { RealtimeStep } from '../../../shared/realtimeSteps'
import type { Ack, Message, SessionKind } from '../../../shared/session'

/**
 * What predicates and step scripts see of a message (`msg`, `pm.message`), and the words a test
 * name or a failure uses for steps and messages.
 */

export interface StepMessage {
  /** event (Socket.IO), text | binary (WebSocket), sse, ack. */
  kind: string
  /** Socket.IO event, SSE event type, or the emitted event an ack answers. */
  event?: string
  args: unknown[]
  /** The first argument; WebSocket and SSE text parsed as JSON when it is JSON. */
  data: unknown
  /** WebSocket text frame or SSE data, as received. */
  text?: string
  /** SSE event id. */
  id?: string
  seq: number
  at: number
  /** Ack only: the round trip in ms. */
  rttMs?: number
}

function parsed(text: string): unknown {
  const trimmed = text.trim()
  if (!/^[[{"\d-]|^(true|false|null)$/.test(trimmed)) return text
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return text
  }
}

export function toStepMessage(message: Message): StepMessage {
  const first = message.args[0]
  const textual = (message.kind === 'text' || message.kind === 'sse') && typeof first === 'string'
  const id = message.details?.['id']
  return {
    kind: message.kind,
    ...(message.event !== undefined ? { event: message.event } : {}),
    args: message.args,
    data: textual ? parsed(first) : (first ?? null),
    ...(textual ? { text: first } : {}),
    ...(typeof id === 'string' ? { id } : {}),
    seq: message.seq,
    at: message.at
  }
}

export function ackMessage(event: string, seq: number, ack: Ack): StepMessage {
  return { kind: 'ack', event, args: ack.args, data: ack.args[0] ?? null, seq, at: Date.now(), rttMs: ack.rttMs }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** One received message in a failure: `chat:message {"text":"hi"}`. */
export function describeMessage(message: Message): string {
  return clip(`${message.event !== undefined ? `${message.event} ` : ''}${message.preview}`.trim(), 120)
}

/** What a protocol calls its messages. */
export function noun(kind: SessionKind, count: number): string {
  const word = kind === 'websocket' ? 'message' : 'event'
  return count === 1 ? word : `${word}s`
}

/** The test name of a step: its own name, or what it expects in words. */
export function stepTitle(step: RealtimeStep, kind: SessionKind, url: string): string {
  if (step.name.trim()) return step.name.trim()
  switch (step.type) {
    case 'connect':
      return `connect to ${url}`
    case 'emit':
      return step.ack ? `ack of ${step.event}${step.ack.predicate.trim() ? ` matching ${step.ack.predicate.trim()}` : ''}` : `emit ${step.event}`
    case 'send':
      return `send ${step.frame === 'binary-base64' ? 'binary' : step.frame} frame`
    case 'expect': {
      const what = `${step.count === 1 ? '' : `${step.count} `}${noun(kind, step.count)}${step.event ? ` ${step.event}` : ''}`
      return `${what}${step.predicate.trim() ? ` matching ${step.predicate.trim()}` : ''} within ${step.timeoutMs} ms`
    }
    case 'wait':
      return `wait ${step.ms} ms`
    case 'close':
      return 'close'
  }
}

/** "received 3 other events: a; b; c (and 2 earlier)", for a failed expectation; `count` includes those not kept. */
export function receivedSummary(kind: SessionKind, others: readonly Message[], count: number): string {
  if (count === 0) return `received no other ${noun(kind, 2)}`
  const shown = others.slice(-5).map(describeMessage)
  const earlier = count - shown.length
  return `received ${count} other ${noun(kind, count)}: ${shown.join('; ')}${earlier > 0 ? ` (and ${earlier} earlier)` : ''}`
}
