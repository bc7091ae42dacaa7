import { z } from 'zod'
import { SendContextSchema } from './sendContext'
import { coversKinds, SessionKindSchema, type Exact, type SessionKind } from './requestKinds'
import { EmitArgSchema, GraphqlWsRequestSchema, SocketIoRequestSchema, SseRequestSchema, WebSocketRequestSchema } from './realtime'

/**
 * Live realtime sessions (Socket.IO, WebSocket, SSE) as they cross the contract: what opens one,
 * what is sent on it, and the message log it produces. The saved requests themselves live in
 * ./realtime.ts; this file only describes a session in progress.
 *
 * Several Socket.IO namespaces of one server: open one session per namespace. Sessions with the
 * same URL origin, path and connection options share one engine.io connection (one Manager), as
 * socket.io-client itself does; there is no separate `session.addNamespace` call.
 */

// The kinds, their schemas and what each can do are one table: ./requestKinds.ts.
export { SessionKindSchema, type SessionKind } from './requestKinds'

export const SessionIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')

export const DirectionSchema = z.enum(['in', 'out', 'system'])
export type Direction = z.infer<typeof DirectionSchema>

/** The reply an emit asked for: every argument the server passed to its ack, and the round trip. */
export const AckSchema = z.object({
  args: z.array(z.unknown()),
  rttMs: z.number().nonnegative()
})
export type Ack = z.infer<typeof AckSchema>

/**
 * What core says to people about a session, as a key of the renderer's `realtime` catalog (`said.<key>`)
 * and its values, so the window says it in the user's language; the English text (`detail`, `preview`) stays
 * for logs, files and the CLI.
 */
export const SaidSchema = z.object({
  key: z.string().max(64),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional()
})
export type Said = z.infer<typeof SaidSchema>

/**
 * One line of the log. `args` are JSON-safe: binary travels as `{ $binary: base64, size }`.
 * An emit that asked for an ack is re-sent with the same `seq` once the ack arrives (`ack` set,
 * `status: 'acked'`) or the wait ends (`status: 'ack-timeout'`): the newest copy of a seq wins.
 */
export const MessageSchema = z.object({
  seq: z.number().int().positive(),
  sessionId: z.string(),
  /** Milliseconds since the epoch. */
  at: z.number(),
  direction: DirectionSchema,
  /** event (Socket.IO), text | binary (WebSocket), ping | pong, sse, subscribe | next | complete (GraphQL), status, error. */
  kind: z.string(),
  event: z.string().optional(),
  args: z.array(z.unknown()),
  /** A short text of all arguments, for one row of the log. */
  preview: z.string(),
  /** For a system row: the preview as a catalog key (see SaidSchema). */
  said: SaidSchema.optional(),
  /** Bytes of the payload as it travelled (JSON text for structured args, raw length for binary). */
  size: z.number().int().nonnegative(),
  ackOf: z.number().int().positive().optional(),
  ack: AckSchema.optional(),
  /** sent | awaiting-ack | acked | ack-timeout | failed for outgoing messages; a state for status lines. */
  status: z.string().optional(),
  /** Protocol details worth showing: SSE id/retry, WebSocket close code, socket id, transport. */
  details: z.record(z.string(), z.unknown()).optional()
})
export type Message = z.infer<typeof MessageSchema>

export const BinaryValueSchema = z.object({ $binary: z.string(), size: z.number().int().nonnegative() })
export type BinaryValue = z.infer<typeof BinaryValueSchema>

export const SessionStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'disconnected', 'error', 'closed'])
export type SessionState = z.infer<typeof SessionStateSchema>

export const SessionStatusSchema = z.object({
  sessionId: z.string(),
  state: SessionStateSchema,
  /** A sentence for people: "connected as abc (websocket)", "connect_error: invalid token", "closed 4001 bye". */
  detail: z.string(),
  /** `detail` as a catalog key and values (see SaidSchema). */
  said: SaidSchema.optional(),
  socketId: z.string().optional(),
  transport: z.string().optional(),
  attempt: z.number().int().optional(),
  closeCode: z.number().int().optional(),
  closeReason: z.string().optional(),
  httpStatus: z.number().int().optional(),
  /** Which Socket.IO client the session uses (v4 or v2), once known. */
  clientVersion: z.string().optional(),
  /** Set once writing the message log to disk failed (a full disk): the session goes on, unsaved. */
  logError: z.string().optional()
})
export type SessionStatus = z.infer<typeof SessionStatusSchema>

/** With a context, core resolves `{{variables}}` in the request (and later in emits) from that collection. */
const openContext = { sessionId: SessionIdSchema.optional(), context: SendContextSchema.optional() }
export const SessionOpenInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...openContext, kind: z.literal('socketio'), request: SocketIoRequestSchema }),
  z.object({ ...openContext, kind: z.literal('websocket'), request: WebSocketRequestSchema }),
  z.object({ ...openContext, kind: z.literal('sse'), request: SseRequestSchema }),
  z.object({ ...openContext, kind: z.literal('graphql-ws'), request: GraphqlWsRequestSchema })
])
export type SessionOpenInput = z.input<typeof SessionOpenInputSchema>
coversKinds<Exact<SessionOpenInput['kind'], SessionKind>>()

export const SessionRefSchema = z.object({ sessionId: SessionIdSchema })

export const SessionEmitInputSchema = z.object({
  sessionId: SessionIdSchema,
  event: z.string().min(1, 'an emit needs an event name'),
  args: z.array(EmitArgSchema).default([]),
  ack: z.boolean().default(false),
  ackTimeoutMs: z.number().int().min(1).max(600_000).default(5_000)
})

export const SessionSendInputSchema = z.object({
  sessionId: SessionIdSchema,
  type: z.enum(['text', 'json', 'binary-base64']),
  value: z.string()
})

export const SessionCloseInputSchema = z.object({
  sessionId: SessionIdSchema,
  /** WebSocket only: the close code (1000, or 3000-4999) and reason to send. */
  code: z.number().int().min(1000).max(4999).optional(),
  reason: z.string().max(123).optional()
})

export const SessionSetListenerInputSchema = z.object({
  sessionId: SessionIdSchema,
  /** An event name, or `*` for the catch-all. */
  event: z.string().min(1),
  enabled: z.boolean()
})

export const SessionMessagesInputSchema = z.object({
  sessionId: SessionIdSchema,
  fromSeq: z.number().int().min(1).default(1),
  limit: z.number().int().min(1).max(10_000).default(1_000)
})

export const SessionMessagesOutputSchema = z.object({
  messages: z.array(MessageSchema),
  /** The highest seq written so far. */
  lastSeq: z.number().int().nonnegative()
})

export const SessionExportInputSchema = z.object({ sessionId: SessionIdSchema, path: z.string().min(1) })

export const SessionSummarySchema = z.object({
  sessionId: z.string(),
  kind: SessionKindSchema,
  url: z.string(),
  state: SessionStateSchema,
  in: z.number().int().nonnegative(),
  out: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  file: z.string(),
  /** The session's current status, so a window that reloads can show it again. */
  status: SessionStatusSchema.optional()
})
export type SessionSummary = z.infer<typeof SessionSummarySchema>

/**
 * The messages of an NDJSON batch (one JSON message a line, each ending in a newline), in one parse.
 * Throws on text that is not such lines.
 */
export function messagesOfLines(lines: string): Message[] {
  const body = lines.endsWith('\n') ? lines.slice(0, -1) : lines
  // A JSON string holds no raw newline, so every newline separates two messages.
  return body === '' ? [] : (JSON.parse(`[${body.replaceAll('\n', ',')}]`) as Message[])
}

/**
 * New or amended messages of a session, as the NDJSON lines core wrote to its log: each message is
 * encoded once, for the file and the windows alike, and a window parses a batch in one go
 * (messagesOfLines). Where the schema is checked (tests, PARLEY_VALIDATE_EVENTS=1), every line must be
 * a Message.
 */
export const SessionMessagesEventSchema = z.object({
  sessionId: z.string(),
  lines: z.string().superRefine((lines, ctx) => {
    let messages: unknown[]
    try {
      messages = messagesOfLines(lines)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not NDJSON: ${(error as Error).message}` })
      return
    }
    messages.forEach((message, index) => {
      const checked = MessageSchema.safeParse(message)
      if (!checked.success) ctx.addIssue({ code: 'custom', message: `line ${index + 1} is not a message: ${checked.error.message}` })
    })
  })
})

export const SessionStatsSchema = z.object({
  sessionId: z.string(),
  in: z.number().int().nonnegative(),
  out: z.number().int().nonnegative(),
  ratePerSecond: z.number().nonnegative()
})
export type SessionStats = z.infer<typeof SessionStatsSchema>
