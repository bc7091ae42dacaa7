import { z } from 'zod'
import { HttpAuthSchema, KeyValueSchema } from './http'

/**
 * Saved realtime requests (Socket.IO, WebSocket, SSE) as a collection stores them and as the
 * realtime engines receive them once `{{variables}}` are resolved. Every field has a default so a
 * file only holds what the user changed.
 */

/** How a Socket.IO emit argument is typed; `value` is always the text the user typed. */
export const EmitArgTypeSchema = z.enum(['json', 'text', 'number', 'boolean', 'null', 'binary-base64', 'binary-file'])
export type EmitArgType = z.infer<typeof EmitArgTypeSchema>

export const EmitArgSchema = z.object({
  type: EmitArgTypeSchema.default('text'),
  /** JSON text, plain text, a number, `true`/`false`, base64, or a file path, per `type`. */
  value: z.string().default('')
})
export type EmitArg = z.infer<typeof EmitArgSchema>

export const SocketIoListenerSchema = z.object({
  event: z.string().min(1, 'a listener needs an event name'),
  enabled: z.boolean().default(true)
})
export type SocketIoListener = z.infer<typeof SocketIoListenerSchema>

/** An emit the user saved to send again: a label, the event, typed arguments, and whether to wait for an ack. */
export const SocketIoEmitSchema = z.object({
  name: z.string().default(''),
  event: z.string().min(1, 'an emit needs an event name'),
  args: z.array(EmitArgSchema).default([]),
  ack: z.boolean().default(false),
  ackTimeoutMs: z.number().int().min(0).default(5_000)
})
export type SocketIoEmit = z.infer<typeof SocketIoEmitSchema>

export const ReconnectionSchema = z.object({
  enabled: z.boolean().default(true),
  attempts: z.number().int().min(0).default(5),
  delayMs: z.number().int().min(0).default(1_000)
})
export type Reconnection = z.infer<typeof ReconnectionSchema>

export const SocketIoRequestSchema = z.object({
  url: z.string(),
  path: z.string().default('/socket.io'),
  namespace: z.string().default('/'),
  query: z.array(KeyValueSchema).default([]),
  headers: z.array(KeyValueSchema).default([]),
  /** The handshake `auth` payload as JSON text; may hold `{{variables}}`; empty means none. */
  auth: z.string().default(''),
  transports: z.enum(['websocket', 'polling-then-upgrade']).default('websocket'),
  clientVersion: z.enum(['auto', 'v4', 'v2']).default('auto'),
  reconnection: ReconnectionSchema.default(ReconnectionSchema.parse({})),
  connectTimeoutMs: z.number().int().min(0).default(20_000),
  verifyTls: z.boolean().default(true),
  listeners: z.array(SocketIoListenerSchema).default([]),
  emits: z.array(SocketIoEmitSchema).default([])
})
export type SocketIoRequest = z.infer<typeof SocketIoRequestSchema>

export const WebSocketMessageSchema = z.object({
  name: z.string().default(''),
  type: z.enum(['text', 'json', 'binary-base64']).default('text'),
  value: z.string().default('')
})
export type WebSocketMessage = z.infer<typeof WebSocketMessageSchema>

export const WebSocketRequestSchema = z.object({
  url: z.string(),
  headers: z.array(KeyValueSchema).default([]),
  /** Offered in `Sec-WebSocket-Protocol`, in order of preference. */
  protocols: z.array(z.string()).default([]),
  savedMessages: z.array(WebSocketMessageSchema).default([])
})
export type WebSocketRequest = z.infer<typeof WebSocketRequestSchema>

export const SseRequestSchema = z.object({
  url: z.string(),
  method: z.string().min(1).default('GET'),
  headers: z.array(KeyValueSchema).default([]),
  body: z.string().default(''),
  /** Send `Last-Event-ID` with the last id seen when reconnecting. */
  withLastEventId: z.boolean().default(true)
})
export type SseRequest = z.infer<typeof SseRequestSchema>

/**
 * A GraphQL subscription over WebSocket (the graphql-ws library's `graphql-transport-ws`
 * protocol). Not a saved request kind of its own: the GraphQL request (an HTTP request with a
 * GraphQL body) opens one when its operation is a subscription, with its URL, headers and auth.
 */
export const GraphqlWsRequestSchema = z.object({
  /** ws(s):// as is; http(s):// is dialled as ws(s):// on the same host and path. */
  url: z.string().max(8_192),
  headers: z.array(KeyValueSchema).max(500).default([]),
  /** The request's auth, applied to the handshake by core as to a send (Basic, Bearer, API key, OAuth 2.0, AWS; not Digest); inherit takes the folder's. */
  auth: HttpAuthSchema.default({ type: 'none' }),
  /** The `connection_init` payload as JSON text; empty means none. */
  connectionParams: z.string().max(1_000_000).default(''),
  query: z.string().min(1, 'a subscription needs a GraphQL document').max(1_000_000),
  /** JSON text; empty means no variables. */
  variables: z.string().max(1_000_000).default(''),
  operationName: z.string().max(1_000).optional()
})
export type GraphqlWsRequest = z.infer<typeof GraphqlWsRequestSchema>
