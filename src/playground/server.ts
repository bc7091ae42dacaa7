import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createRouter } from './http/router'
import { createGraphqlWs } from './graphql/ws'
import { graphqlRoutes } from './graphql/http'
import { createNotesStore } from './rest/notes-store'
import { restRoutes } from './rest/routes'
import { attachSocketIo } from './socketio'
import { createSseHub } from './sse'
import { attachWebSockets } from './websocket'
import { say } from './i18n'

export interface PlaygroundOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Defaults to 127.0.0.1: the playground has no auth worth the name and must stay off the network. */
  host?: string
}

export interface Playground {
  url: string
  port: number
  /** Ends every connection (HTTP keep-alive, SSE, WebSocket, Socket.IO) and stops listening. */
  close(): Promise<void>
}

/** Starts one playground instance: REST, SSE, WebSocket and Socket.IO on a single port, with fresh state. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const host = options.host ?? '127.0.0.1'
  const sse = createSseHub()
  // One notes store for REST and GraphQL: a note created by either is seen, and announced, by both.
  const notes = createNotesStore()
  const handle = createRouter([...restRoutes(notes), ...graphqlRoutes(notes), ...sse.routes])
  const graphqlWs = createGraphqlWs(notes)

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  // Tracked ourselves because upgraded sockets (ws, Socket.IO) leave the HTTP server's own bookkeeping.
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'
    // No parsed request to read Accept-Language from: this one answer is in English.
    const message = tooLarge ? say('headersTooLarge', {}, 'en') : say('malformedRequest', {}, 'en')
    const body = JSON.stringify({ error: message, status: tooLarge ? 431 : 400, detail: error.message })
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    )
  })

  const websockets = attachWebSockets(server, { graphql: graphqlWs.server })
  // Socket.IO must attach after the request handler exists: it wraps the listeners already registered.
  const socketio = attachSocketIo(server)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  }).catch((error: unknown) => {
    socketio.close()
    graphqlWs.close()
    throw error
  })

  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      sse.close()
      websockets.close()
      graphqlWs.close()
      socketio.close()
      server.close(() => resolve())
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
    }))

  return { url, port, close }
}
