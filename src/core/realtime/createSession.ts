import type { RequestOf, SessionKind } from '../../shared/requestKinds'
import { GraphqlWsSession } from './graphqlWs'
import type { Session, SessionRecorder } from './session'
import { SocketIoSession } from './socketio'
import type { ManagerPool } from './socketioClient'
import { SseSession } from './sse'
import { WebSocketSession } from './websocket'

/** Makes the engine of one live kind for a request (`{{variables}}` resolved), reporting to `recorder`; not opened yet. */
export type EngineFactory<K extends SessionKind> = (request: RequestOf<K>, recorder: SessionRecorder, pool: ManagerPool) => Session

/**
 * Core's part of the request kinds' descriptions (shared/requestKinds.ts): the engine of every live
 * kind. Typed over SessionKind, so a live kind added to the table without an engine does not compile.
 */
export const engines: { [K in SessionKind]: EngineFactory<K> } = {
  socketio: (request, recorder, pool) => new SocketIoSession(request, recorder, pool),
  websocket: (request, recorder) => new WebSocketSession(request, recorder),
  sse: (request, recorder) => new SseSession(request, recorder),
  'graphql-ws': (request, recorder) => new GraphqlWsSession(request, recorder)
}

export type SessionTarget<K extends SessionKind = SessionKind> = { [P in K]: { kind: P; request: RequestOf<P> } }[K]

/** The engine for a request's protocol, reporting to `recorder`; not opened yet. */
export function createSession<K extends SessionKind>(target: SessionTarget<K>, recorder: SessionRecorder, pool: ManagerPool): Session {
  const make: EngineFactory<K> = engines[target.kind]
  return make(target.request, recorder, pool)
}
