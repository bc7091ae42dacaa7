import type { SavedRequest } from '../../../shared/collection'
import { isRealtimeKind, type Kind, type RealtimeKind, type SessionKind } from '../../../shared/requestKinds'
import { baseForm, sseForm, socketioForm, websocketForm, type FormCodec } from './savedForm'
import type { ConnectionForm, TabSession } from './sessionStore'

/** The sections beside a realtime tab's log. */
export type Side = 'compose' | 'listeners' | 'steps' | 'settings'

/** What a realtime tab (RealtimePane) shows for its kind. */
export interface RealtimeTabView<K extends RealtimeKind> {
  /** The URL field's placeholder. */
  placeholder: string
  /** The sections beside the log, the first one shown at first. */
  sides: readonly Side[]
  /** The compose section's label, an i18n key (Emit for Socket.IO, Send otherwise). */
  composeLabel: string
  /** The connection form from a saved request and back. */
  form: FormCodec<K>
}

/**
 * The renderer's part of a request kind's description (the shared part, with the schema, badge and
 * step types, is `requestKinds` in shared/requestKinds.ts). Labels are i18n keys with their
 * namespace (`realtime:…`); the texts themselves live in the catalogs.
 */
export interface KindView<K extends Kind> {
  /** The entry in the "New realtime session" menu (NewSessionMenu); null: not offered there. */
  newMenuLabel: string | null
  /** The command palette's "New …" command; null: none. Commands follow the table's order. */
  paletteLabel: string | null
  /** A new session's connection form; null for HTTP, whose tab starts from the HTTP draft (request/draft.ts). */
  defaultForm: K extends SessionKind ? () => ConnectionForm : null
  /** Its realtime tab; null for HTTP (the request composer) and GraphQL subscriptions (shown in the GraphQL request). */
  tab: K extends RealtimeKind ? RealtimeTabView<K> : null
}

/** Every kind's renderer part, in menu order; typed over every kind of the shared table. */
export const kindViews: { [K in Kind]: KindView<K> } = {
  http: {
    newMenuLabel: null,
    paletteLabel: 'commands:paletteCommands.newRequest',
    defaultForm: null,
    tab: null
  },
  socketio: {
    newMenuLabel: 'realtime:newSessionMenu.socketio',
    paletteLabel: 'commands:paletteCommands.newSocketIoSession',
    defaultForm: () => ({ ...baseForm }),
    tab: {
      placeholder: 'http://localhost:3000  (http, https, ws or wss)',
      sides: ['compose', 'listeners', 'steps', 'settings'],
      composeLabel: 'realtime:realtimePane.emit',
      form: socketioForm
    }
  },
  websocket: {
    newMenuLabel: 'realtime:newSessionMenu.websocket',
    paletteLabel: 'commands:paletteCommands.newWebsocketSession',
    defaultForm: () => ({ ...baseForm }),
    tab: { placeholder: 'ws://localhost:8080/socket', sides: ['compose', 'steps', 'settings'], composeLabel: 'realtime:realtimePane.send', form: websocketForm }
  },
  sse: {
    newMenuLabel: 'realtime:newSessionMenu.sse',
    paletteLabel: 'commands:paletteCommands.newSseStream',
    defaultForm: () => ({ ...baseForm }),
    tab: { placeholder: 'http://localhost:3000/events', sides: ['settings', 'steps'], composeLabel: 'realtime:realtimePane.send', form: sseForm }
  },
  // A GraphQL subscription's session: opened by the GraphQL request's Send, never from a menu or in a tab of its own.
  'graphql-ws': {
    newMenuLabel: null,
    paletteLabel: null,
    defaultForm: () => ({ ...baseForm }),
    tab: null
  }
}

/** A new session's connection form for a live kind. */
export const emptyForm = (kind: SessionKind): ConnectionForm => kindViews[kind].defaultForm()

/** A tab's session state with its connection form, listeners, saved emits and steps taken from a saved request. */
export function fromSaved(base: TabSession, saved: SavedRequest | undefined): TabSession {
  if (!saved || !isRealtimeKind(saved.kind)) return base
  const live = saved as Extract<SavedRequest, { kind: RealtimeKind }>
  return viewOf(live.kind).form.fromSaved({ ...base, steps: live.steps ?? [] }, live)
}

/** The session's form as its kind's request (what `session.open` and `session.runSteps` take). */
export function requestOf(s: TabSession & { kind: RealtimeKind }): ReturnType<FormCodec<RealtimeKind>['toRequest']> {
  return viewOf(s.kind).form.toRequest(s)
}

/** A realtime kind's tab view. The table is typed kind by kind; read for any realtime kind, its request type is the union of theirs. */
export const viewOf = (kind: RealtimeKind): RealtimeTabView<RealtimeKind> => kindViews[kind].tab as RealtimeTabView<RealtimeKind>
