import type { Route } from '../http/router'
import { oauthRoutes } from '../oauth/routes'
import { sendJson } from '../http/reply'
import { authRoutes } from './auth'
import { cookieRoutes } from './cookies'
import { createDigestAuth } from './digest'
import { documentRoutes } from './documents'
import { echoRoutes } from './echo'
import { encodingRoutes } from './encodings'
import { generatedRoutes } from './generated'
import { createNotesStore, type NotesStore } from './notes-store'
import { notesRoutes } from './notes'
import { statusRoutes } from './status'

/** The whole REST surface of one playground instance; state (notes, digest nonces) is per instance. */
export function restRoutes(store: NotesStore = createNotesStore()): Route[] {
  return [
    {
      methods: ['GET'],
      path: '/',
      handler: ({ res }) =>
        sendJson(res, 200, {
          name: 'Parley playground',
          docs: 'src/playground/README.md',
          realtime: {
            socketio: 'path /socket.io, namespaces /, /ticker, /private',
            websocket: ['/ws/echo', '/ws/broadcast', '/ws/proto', '/ws/close?code=4001&reason=bye'],
            sse: '/sse/clock',
            graphql: '/graphql (HTTP GET/POST: queries, mutations; WebSocket graphql-transport-ws: subscriptions)'
          }
        })
    },
    ...notesRoutes(store),
    ...authRoutes(),
    ...oauthRoutes(),
    createDigestAuth(),
    ...echoRoutes(),
    ...statusRoutes(),
    ...cookieRoutes(),
    ...encodingRoutes(),
    ...generatedRoutes(),
    ...documentRoutes()
  ]
}
