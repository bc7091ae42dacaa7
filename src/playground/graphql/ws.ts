import { handleProtocols } from 'graphql-ws'
import { useServer } from 'graphql-ws/use/ws'
import { WebSocketServer } from 'ws'
import type { NotesStore } from '../rest/notes-store'
import { playgroundRoots, playgroundSchema } from './schema'

/**
 * GraphQL over WebSocket (the graphql-ws library's `graphql-transport-ws` protocol) for the
 * playground: subscriptions, and queries and mutations too, as that protocol allows.
 */
export function createGraphqlWs(store: NotesStore) {
  const server = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => handleProtocols(protocols) })
  server.on('connection', (ws) => ws.on('error', () => {}))
  const disposable = useServer({ schema: playgroundSchema, roots: playgroundRoots(store) }, server)
  return {
    server,
    close() {
      for (const client of server.clients) client.terminate()
      void disposable.dispose()
      server.close()
    }
  }
}
