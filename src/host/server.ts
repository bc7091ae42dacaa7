import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocket, WebSocketServer } from 'ws'
import type { Services } from '../core/services'
import { answerOAuthCallback, oauthCallbackPath } from './oauthCallback'
import { ClientFrameSchema, encodeServerFrame, hostContractPath, hostMaxFrameBytes, hostTokenCookie, type ServerFrame } from '../shared/wire'

export interface HostOptions {
  services: Services
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string
  /** 0 or absent: a free port. */
  port?: number
  /** Fixed token for tests; otherwise a random one. */
  token?: string
}

export interface Host {
  readonly url: string
  readonly port: number
  /** The listening socket's own address, as the operating system reports it. */
  readonly address: AddressInfo
  readonly token: string
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8'
}

/**
 * Why the host closed a connection after a frame it could not read. ws closes with the code alone
 * and then emits 'error'; the reason tells the client what it did wrong.
 */
const closeReasons: Record<number, string> = {
  1002: 'Not a valid WebSocket frame (RFC 6455): check its masking, opcode, length and close code.',
  1007: 'A text message is not valid UTF-8.',
  1009: `A message is larger than the host accepts (${hostMaxFrameBytes} bytes); send large data in parts.`
}

/** A contract connection: closing with one of the codes above gives its reason. */
class ContractSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    super.close(code, data ?? (code === undefined ? undefined : closeReasons[code]))
  }
}

/**
 * The browser host: serves the built renderer and the contract over a WebSocket, on loopback only.
 * A request without the token, from a foreign Origin, or for a foreign Host (DNS rebinding) gets 403.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    void serveStatic(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
      response.end('Internal error')
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: hostMaxFrameBytes, WebSocket: ContractSocket })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  options.services.useOAuthRedirect(`http://127.0.0.1:${port}${oauthCallbackPath}`)

  function check(request: IncomingMessage, url: URL): 'ok' | 'token' | 'origin' | 'host' {
    if (!allowedHosts.has(request.headers.host ?? '')) return 'host'
    const origin = request.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) return 'origin'
    const given = url.searchParams.get('token') ?? readCookie(request.headers.cookie, hostTokenCookie(port))
    return given !== undefined && safeEqual(given, token) ? 'ok' : 'token'
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = parseTarget(request.url)
    if (!url) return badRequest(response)
    if (url.pathname === oauthCallbackPath) {
      if (!allowedHosts.has(request.headers.host ?? '')) return forbid(response, 'host')
      return answerOAuthCallback(request, response, url, options.services, port)
    }
    const verdict = check(request, url)
    if (verdict !== 'ok') return forbid(response, verdict)
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed')
      return
    }
    const relative = url.pathname === '/' ? 'index.html' : decodePath(url.pathname.slice(1))
    if (relative === undefined) return badRequest(response)
    const file = normalize(join(rendererDir, relative))
    if (!file.startsWith(rendererDir + sep)) return notFound(response)
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) return notFound(response)
    const headers: Record<string, string> = {
      ...securityHeaders,
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store'
    }
    if (url.searchParams.has('token')) {
      // Later requests (assets, a reload, the WebSocket) prove themselves with this cookie.
      headers['set-cookie'] = `${hostTokenCookie(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`
    }
    response.writeHead(200, headers)
    if (request.method === 'HEAD') return void response.end()
    createReadStream(file).pipe(response)
  }

  server.on('upgrade', (request, socket, head) => {
    // A client that resets the connection mid-handshake must not take the host down with it.
    socket.on('error', () => socket.destroy())
    const url = parseTarget(request.url)
    const verdict = !url ? 'bad-request' : url.pathname === hostContractPath ? check(request, url) : 'not-found'
    if (verdict !== 'ok') {
      const status = { 'bad-request': '400 Bad Request', 'not-found': '404 Not Found', token: '403 Forbidden', origin: '403 Forbidden', host: '403 Forbidden' }[
        verdict
      ]
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveContract(ws, options.services))
  })

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    address: server.address() as AddressInfo,
    token,
    async close() {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    }
  }
}

/** One window's connection: calls in, results and every core event out. */
function serveContract(ws: WebSocket, services: Services): void {
  const send = (frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(encodeServerFrame(frame))
  }
  const unsubscribe = services.events.subscribe((name, payload) => send({ type: 'event', name, payload }))
  ws.on('close', unsubscribe)
  // A frame ws cannot read (too large, unmasked, bad opcode, bad UTF-8): ws has already sent this one
  // connection a close frame with a code (and ContractSocket its reason), and ends it once answered or
  // after its close timeout. Without a listener the error would end the whole process.
  ws.on('error', () => undefined)
  ws.on('message', (data, isBinary) => {
    let raw: unknown
    try {
      raw = isBinary ? undefined : JSON.parse(data.toString())
    } catch {
      raw = undefined
    }
    const frame = ClientFrameSchema.safeParse(raw)
    if (!frame.success) {
      send({
        type: 'error',
        error: {
          code: 'invalid_frame',
          message: 'The host received a message that is not a contract call.',
          hint: 'Send JSON of the form {"type":"call","id":1,"name":"app.info","input":{}}.'
        }
      })
      return
    }
    const { id, name, input } = frame.data
    void services.invoke(name, input).then((result) => send({ type: 'result', id, result }))
  })
}

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY'
}

function forbid(response: ServerResponse, reason: 'token' | 'origin' | 'host'): void {
  const text = {
    token: 'Forbidden: open the exact address that `npm run web` printed; it carries the access token.',
    origin: 'Forbidden: requests from other sites are refused.',
    host: 'Forbidden: use http://127.0.0.1 as printed by `npm run web`.'
  }[reason]
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders }).end(text)
}

function badRequest(response: ServerResponse): void {
  response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders }).end('Bad request: the address is malformed.')
}

/** The request's address, or undefined when it cannot be parsed (answered 400, not 500). */
function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1')
  } catch {
    return undefined
  }
}

/** A path with its % escapes decoded, or undefined for a malformed escape such as `%zz`. */
function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path)
  } catch {
    return undefined
  }
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders }).end('Not found')
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
