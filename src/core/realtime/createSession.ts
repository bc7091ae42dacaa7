import type { SocketIoRequest, SseRequest, WebSocketRequest } from '../../shared/realtime'
import type { Session, SessionRecorder } from './session'
import { SocketIoSession } from './socketio'
import type { ManagerPool } from './socketioClient'
import { SseSession } from './sse'
import { WebSocketSession } from './websocket'

export type SessionTarget =
  | { kind: 'socketio'; request: SocketIoRequest }
  | { kind: 'websocket'; request: WebSocketRequest }
  | { kind: 'sse'; request: SseRequest }

/** The engine for a request's protocol, reporting to `recorder`; not opened yet. */
export function createSession(target: SessionTarget, recorder: SessionRecorder, pool: ManagerPool): Session {
  if (target.kind === 'socketio') return new SocketIoSession(target.request, recorder, pool)
  if (target.kind === 'websocket') return new WebSocketSession(target.request, recorder)
  return new SseSession(target.request, recorder)
}
