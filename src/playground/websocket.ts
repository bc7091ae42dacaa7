import type { IncomingMessage, Server as HttpServer } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { langOf, say, type Lang } from './i18n'

export const PROTO_SUBPROTOCOL = 'parley.v1'

/** Answers an upgrade we will not accept with a plain HTTP response, so the client sees why. */
function refuse(socket: Duplex, status: number, message: string, lang: Lang): void {
  const body = JSON.stringify({ error: message, status })
  socket.on('error', () => {})
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Language: ${lang}\r\nVary: Accept-Language\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body
  )
}

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
}

/** Same rule as the WebSocket spec: codes a server may send in a close frame. */
function isSendableCloseCode(code: number): boolean {
  return code === 1000 || (code >= 1001 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999)
}

/** `graphql`: the GraphQL-over-WebSocket server (src/playground/graphql/ws.ts), served at /graphql. */
export function attachWebSockets(http: HttpServer, more: { graphql?: WebSocketServer } = {}) {
  const echo = new WebSocketServer({ noServer: true })
  const broadcast = new WebSocketServer({ noServer: true })
  // handleProtocols picks the subprotocol; the upgrade router below has already refused clients without it.
  const proto = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(PROTO_SUBPROTOCOL) ? PROTO_SUBPROTOCOL : false)
  })
  const closer = new WebSocketServer({ noServer: true })
  const headers = new WebSocketServer({ noServer: true })
  const servers = [echo, broadcast, proto, closer, headers]
  for (const server of servers) {
    // ws reports a client's protocol violation (bad UTF-8, oversized frame) as an 'error' on that
    // connection and closes it with the right code; unheard, the 'error' would crash the server.
    server.on('connection', (ws) => ws.on('error', () => {}))
  }

  echo.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
  })

  broadcast.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      for (const client of broadcast.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary })
      }
    })
  })

  proto.on('connection', (ws) => {
    ws.send(JSON.stringify({ hello: 'parley.v1', protocol: ws.protocol }))
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
  })

  // Greets with the handshake's headers (lower-cased names), then echoes.
  headers.on('connection', (ws, req: IncomingMessage) => {
    ws.send(JSON.stringify({ headers: req.headers }))
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
  })

  closer.on('connection', (ws, req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://playground.local')
    ws.close(Number(url.searchParams.get('code') ?? 1000), url.searchParams.get('reason') ?? '')
  })

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // engine.io's own upgrade listener takes exactly the requests whose URL starts with its path.
    if ((req.url ?? '').startsWith('/socket.io/')) return
    const url = new URL(req.url ?? '/', 'http://playground.local')
    const lang = langOf(req.headers['accept-language'], url.searchParams.get('lang'))
    const accept = (server: WebSocketServer) => server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req))

    switch (url.pathname) {
      case '/ws/echo':
        return accept(echo)
      case '/graphql':
        if (!more.graphql) break
        if (!offeredProtocols(req).includes('graphql-transport-ws')) {
          return refuse(socket, 400, say('graphqlWsProtocol', {}, lang), lang)
        }
        return accept(more.graphql)
      case '/ws/broadcast':
        return accept(broadcast)
      case '/ws/headers':
        return accept(headers)
      case '/ws/proto':
        if (!offeredProtocols(req).includes(PROTO_SUBPROTOCOL)) {
          return refuse(socket, 400, say('protoRequired', { protocol: PROTO_SUBPROTOCOL }, lang), lang)
        }
        return accept(proto)
      case '/ws/close': {
        const code = Number(url.searchParams.get('code') ?? 1000)
        const reason = url.searchParams.get('reason') ?? ''
        if (!Number.isInteger(code) || !isSendableCloseCode(code)) {
          return refuse(socket, 400, say('closeCode', { raw: url.searchParams.get('code') ?? '' }, lang), lang)
        }
        if (Buffer.byteLength(reason) > 123) return refuse(socket, 400, say('closeReason', {}, lang), lang)
        return accept(closer)
      }
    }
    return refuse(socket, 404, say('noWsEndpoint', { path: url.pathname }, lang), lang)
  })

  return {
    close() {
      for (const server of servers) {
        for (const client of server.clients) client.terminate()
        server.close()
      }
    }
  }
}
