import { z } from 'zod'
import { HttpRequestSchema } from './http'
import { GraphqlWsRequestSchema, SocketIoRequestSchema, SseRequestSchema, WebSocketRequestSchema } from './realtime'
import type { RealtimeStepType } from './realtimeSteps'

/**
 * Every kind of request Parley knows, described once: the shared part of the description, what both
 * core and the renderer need. Core's part (the engine of a live kind) is `engines` in
 * core/realtime/createSession.ts; the renderer's (menu entries, default form, URL placeholder, panes)
 * is `kindViews` in renderer/features/realtime/kindViews.ts. Both are typed over the kinds of this
 * table, so a kind added here and missing there does not compile. docs/architecture.md, "Adding a
 * request kind", lists the steps.
 */
export interface RequestKindDescription {
  /** The request as the engine receives it, `{{variables}}` resolved. */
  request: z.ZodObject
  /** A request kind of its own: saved as a file, opened in a tab of its own (`RequestKindSchema`). */
  saved: boolean
  /** Opened as a live session by a realtime engine (`SessionKindSchema`). */
  live: boolean
  /** The protocol's name as shown (not translated: a name). */
  name: string
  /** The short badge shown instead of a method in tabs, the tree, history and the palette; null: the method. */
  badge: string | null
  /** The step types its Steps tab offers and the runner accepts, in menu order; empty: no steps. */
  steps: readonly RealtimeStepType[]
}

export const requestKinds = {
  http: { request: HttpRequestSchema, saved: true, live: false, name: 'HTTP', badge: null, steps: [] },
  socketio: { request: SocketIoRequestSchema, saved: true, live: true, name: 'Socket.IO', badge: 'SIO', steps: ['connect', 'emit', 'expect', 'wait', 'close'] },
  websocket: {
    request: WebSocketRequestSchema,
    saved: true,
    live: true,
    name: 'WebSocket',
    badge: 'WS',
    steps: ['connect', 'send', 'expect', 'wait', 'close']
  },
  sse: { request: SseRequestSchema, saved: true, live: true, name: 'SSE', badge: 'SSE', steps: ['connect', 'expect', 'wait', 'close'] },
  /** A GraphQL subscription: a mode of the HTTP request (its operation decides), a session but never a file or a tab. */
  'graphql-ws': { request: GraphqlWsRequestSchema, saved: false, live: true, name: 'GraphQL over WebSocket', badge: null, steps: [] }
} as const satisfies Record<string, RequestKindDescription>

type Table = typeof requestKinds
/** Any kind of the table. */
export type Kind = keyof Table
/** Kinds saved as request files and opened in tabs: http, socketio, websocket, sse. */
export type RequestKind = { [K in Kind]: Table[K]['saved'] extends true ? K : never }[Kind]
/** Kinds with a realtime engine: socketio, websocket, sse, graphql-ws. */
export type SessionKind = { [K in Kind]: Table[K]['live'] extends true ? K : never }[Kind]
/** Saved live kinds, the realtime tabs: socketio, websocket, sse. */
export type RealtimeKind = RequestKind & SessionKind
/** The request of a kind as the engine receives it. */
export type RequestOf<K extends Kind> = z.output<Table[K]['request']>

/** The kinds in table order (the order of menus and of the enums below). */
export const kinds = Object.keys(requestKinds) as Kind[]
const kindsWhere = <K extends Kind>(test: (d: RequestKindDescription) => boolean) => kinds.filter((k) => test(requestKinds[k])) as [K, ...K[]]

export const RequestKindSchema = z.enum(kindsWhere<RequestKind>((d) => d.saved))
export const SessionKindSchema = z.enum(kindsWhere<SessionKind>((d) => d.live))
export const realtimeKinds = kindsWhere<RealtimeKind>((d) => d.saved && d.live)

export const isRealtimeKind = (kind: string): kind is RealtimeKind => (realtimeKinds as string[]).includes(kind)

/** Whether a kind's steps include this type (the runner refuses the others). */
export const supportsStep = (kind: Kind, type: RealtimeStepType): boolean => (requestKinds[kind].steps as readonly RealtimeStepType[]).includes(type)

/**
 * A compile-time check that a union written out elsewhere (a zod discriminated union, say) names
 * exactly the kinds of the table: `coversKinds<Exact<SavedRequest['kind'], RequestKind>>()`.
 */
export type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const coversKinds = <T extends true>(): T | undefined => undefined
