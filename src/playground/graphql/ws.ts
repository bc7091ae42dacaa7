import { handleProtocols } from 'graphql-ws'
import { useServer } from 'graphql-ws/use/ws'
import { execute, subscribe, type ExecutionArgs } from 'graphql'
import type { IncomingMessage } from 'node:http'
import { WebSocketServer } from 'ws'
import { langOf, withLang, type Lang } from '../i18n'
import type { NotesStore } from '../rest/notes-store'
import { playgroundRoots, playgroundSchema } from './schema'

/**
 * GraphQL over WebSocket (the graphql-ws library's `graphql-transport-ws` protocol) for the
 * playground: subscriptions, and queries and mutations too, as that protocol allows.
 */
export function createGraphqlWs(store: NotesStore) {
  const server = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => handleProtocols(protocols) })
  server.on('connection', (ws) => ws.on('error', () => {}))
  // The resolvers' errors speak the language of the upgrade request (Accept-Language or ?lang=), as HTTP's do.
  const langOfArgs = (args: ExecutionArgs): Lang => (args.contextValue as { lang?: Lang } | undefined)?.lang ?? 'en'
  const disposable = useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      schema: playgroundSchema,
      roots: playgroundRoots(store),
      context: (ctx) => {
        const request = ctx.extra.request
        return { lang: langOf(request.headers['accept-language'], new URL(request.url ?? '/', 'http://playground.local').searchParams.get('lang')) }
      },
      execute: (args) => withLang(langOfArgs(args), () => execute(args)),
      subscribe: (args) => withLang(langOfArgs(args), () => subscribe(args))
    },
    server
  )
  return {
    server,
    close() {
      for (const client of server.clients) client.terminate()
      void disposable.dispose()
      server.close()
    }
  }
}
