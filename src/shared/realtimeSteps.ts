import { z } from 'zod'
import { AppErrorSchema } from './errors'
import { EmitArgSchema, SocketIoRequestSchema, SseRequestSchema, WebSocketRequestSchema } from './realtime'
import { coversKinds, type Exact, type RealtimeKind } from './requestKinds'
import { ConsoleEntrySchema, TestResultSchema } from './scripts'
import { SendContextSchema } from './sendContext'

/**
 * Steps of a saved Socket.IO, WebSocket or SSE request: what the collection runner (and "Run steps"
 * in the app) does with a live session, in order. Expectations become tests.
 *
 * Predicates are JavaScript expressions over `msg`, run in core's QuickJS sandbox (no Node APIs):
 * `msg.event` (Socket.IO event or SSE event type), `msg.args` (every argument; a WebSocket frame's
 * or an SSE event's text as the one argument), `msg.data` (the first argument, JSON-parsed when it
 * is JSON text), `msg.text` (WebSocket/SSE raw text), `msg.id` (SSE id). Empty means "any message".
 */

const label = z.string().max(200).default('')
const timeout = (fallback: number) =>
  z.number().int().min(1, 'a timeout is at least 1 ms').max(600_000, 'a timeout is at most 600,000 ms (10 minutes)').default(fallback)
export const PredicateSchema = z.string().max(10_000, 'a predicate is at most 10,000 characters').default('')
/** Runs after the step with `pm.message` (the matched message or the ack) and `pm.messages` (all matched). */
const stepScript = z.string().max(100_000, 'a step script is at most 100,000 characters').optional()

export const ConnectStepSchema = z.object({
  type: z.literal('connect'),
  name: label,
  /** Fails at the first connection error, or when not connected within this time. */
  timeoutMs: timeout(10_000)
})

export const EmitStepSchema = z.object({
  type: z.literal('emit'),
  name: label,
  event: z.string().min(1, 'an emit step needs an event name').max(500),
  args: z.array(EmitArgSchema).max(100).default([]),
  /** Ask for an ack and expect it within timeoutMs, matching the predicate (over `msg`, the ack). */
  ack: z.object({ timeoutMs: timeout(5_000), predicate: PredicateSchema }).optional(),
  script: stepScript
})

export const SendStepSchema = z.object({
  type: z.literal('send'),
  name: label,
  frame: z.enum(['text', 'json', 'binary-base64']).default('text'),
  value: z.string().max(1_000_000).default('')
})

export const ExpectStepSchema = z.object({
  type: z.literal('expect'),
  name: label,
  /** Socket.IO event name or SSE event type; empty: any. WebSocket frames have none. */
  event: z.string().max(500).default(''),
  predicate: PredicateSchema,
  /** How many matching messages must arrive. */
  count: z.number().int().min(1).max(10_000).default(1),
  timeoutMs: timeout(5_000),
  script: stepScript
})

export const WaitStepSchema = z.object({
  type: z.literal('wait'),
  name: label,
  ms: z.number().int().min(0).max(600_000, 'a wait is at most 600,000 ms (10 minutes)').default(1_000)
})

export const CloseStepSchema = z.object({
  type: z.literal('close'),
  name: label,
  /** WebSocket: 1000, or 3000-4999. */
  code: z.number().int().min(1000).max(4999).optional(),
  reason: z.string().max(123).optional()
})

export const RealtimeStepSchema = z.discriminatedUnion('type', [
  ConnectStepSchema,
  EmitStepSchema,
  SendStepSchema,
  ExpectStepSchema,
  WaitStepSchema,
  CloseStepSchema
])
export type RealtimeStep = z.infer<typeof RealtimeStepSchema>
export type RealtimeStepInput = z.input<typeof RealtimeStepSchema>
export type RealtimeStepType = RealtimeStep['type']
export const realtimeStepTypes = ['connect', 'emit', 'send', 'expect', 'wait', 'close'] as const satisfies readonly RealtimeStepType[]

export const RealtimeStepsSchema = z.array(RealtimeStepSchema).max(500, 'a request has at most 500 steps')

/** What a run of one request's steps gives back: each expectation as a test, the step scripts' console. */
export const RealtimeRunOutputSchema = z.object({
  tests: z.array(TestResultSchema),
  console: z.array(ConsoleEntrySchema),
  /** Why the run stopped early (could not connect, an emit failed, cancelled); null when it ran through. */
  error: AppErrorSchema.nullable(),
  durationMs: z.number().nonnegative()
})
export type RealtimeRunOutput = z.infer<typeof RealtimeRunOutputSchema>

const runFields = {
  /** Identifies the run (for cancel); the tab's id in the app. */
  requestId: z.string().min(1).max(200).default('steps'),
  steps: RealtimeStepsSchema,
  context: SendContextSchema.optional(),
  /** The request's name, for `pm.info.requestName`. */
  name: z.string().max(500).optional()
}
export const RealtimeRunInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('socketio'), request: SocketIoRequestSchema, ...runFields }),
  z.object({ kind: z.literal('websocket'), request: WebSocketRequestSchema, ...runFields }),
  z.object({ kind: z.literal('sse'), request: SseRequestSchema, ...runFields })
])
export type RealtimeRunInput = z.input<typeof RealtimeRunInputSchema>
coversKinds<Exact<RealtimeRunInput['kind'], RealtimeKind>>()
