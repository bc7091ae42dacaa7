import { randomUUID } from 'node:crypto'
import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { Socket } from 'socket.io'
import { langOf, say, type Lang } from './i18n'

export const PRIVATE_TOKEN = 'parley'
const MAX_BURST = 1_000_000
const BURST_BATCH = 500
// Engine.io queues packets in writeBuffer while the transport is busy; past this many we wait for it
// to flush ('drain') instead of queueing the whole burst in memory at once.
const BURST_HIGH_WATER = 2_000

type Ack = (...args: unknown[]) => void

/** Socket.IO passes the ack callback as the last argument, if the client asked for one. */
function splitAck(args: unknown[]): { args: unknown[]; ack: Ack | undefined } {
  const last = args.at(-1)
  return typeof last === 'function' ? { args: args.slice(0, -1), ack: last as Ack } : { args, ack: undefined }
}

function queuedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0
}

function burst(socket: Socket, count: number): void {
  let i = 0
  const pump = () => {
    if (!socket.connected) return
    const end = Math.min(count, i + BURST_BATCH)
    for (; i < end; i++) socket.emit('burst:item', { i })
    if (i >= count) {
      socket.emit('burst:done', { count })
      return
    }
    // setImmediate between batches keeps the event loop (timers, other clients, close) responsive.
    if (queuedPackets(socket) > BURST_HIGH_WATER) socket.conn.once('drain', () => setImmediate(pump))
    else setImmediate(pump)
  }
  pump()
}

/** A session's language: its handshake's `lang` query (or auth field), else its Accept-Language header. */
function handshakeLang(socket: Socket): Lang {
  const { query, auth, headers } = socket.handshake
  const asked =
    typeof query['lang'] === 'string'
      ? query['lang']
      : typeof (auth as { lang?: unknown } | undefined)?.lang === 'string'
        ? (auth as { lang: string }).lang
        : null
  return langOf(headers['accept-language'], asked)
}

function mainNamespace(io: Server): void {
  io.on('connection', (socket) => {
    const lang = handshakeLang(socket)
    socket.on('chat:send', (...raw: unknown[]) => {
      const { args, ack } = splitAck(raw)
      const text = args[0]
      if (typeof text !== 'string') {
        ack?.({ ok: false, error: say('chatSendText', {}, lang) })
        return
      }
      const id = randomUUID()
      // The text first: a client's one-line preview of the message then shows what was said.
      io.emit('chat:message', { text, from: socket.id, id, at: new Date().toISOString() })
      ack?.({ ok: true, id })
    })

    socket.on('echo', (...raw: unknown[]) => {
      const { args, ack } = splitAck(raw)
      ack?.(...args)
    })

    socket.on('burst', (...raw: unknown[]) => {
      const { args, ack } = splitAck(raw)
      const count = (args[0] as { count?: unknown } | undefined)?.count
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_BURST) {
        const error = say('burstCount', { max: MAX_BURST }, lang)
        if (ack) ack({ ok: false, error })
        else socket.emit('burst:error', { error })
        return
      }
      ack?.({ ok: true, count })
      burst(socket, count)
    })

    // The handshake's headers as the server got them (lower-cased names), e.g. to see inherited auth arrive.
    socket.on('handshake', (...raw: unknown[]) => {
      splitAck(raw).ack?.({ headers: socket.handshake.headers, query: socket.handshake.query })
    })

    socket.on('multi', (...raw: unknown[]) => {
      splitAck(raw).ack?.('one', 2, { three: 3 })
    })

    socket.on('binary', (...raw: unknown[]) => {
      const { args, ack } = splitAck(raw)
      // Send back the caller's bytes when it sent some, so round-trips can be checked; else a known pattern.
      const sent = args[0]
      const bytes = Buffer.isBuffer(sent) ? sent : sent instanceof ArrayBuffer ? Buffer.from(sent) : Buffer.from(Array.from({ length: 256 }, (_, i) => i))
      socket.emit('binary:reply', bytes)
      ack?.({ ok: true, bytes: bytes.length })
    })
  })
}

function tickerNamespace(io: Server): () => void {
  const ticker = io.of('/ticker')
  let n = 0
  const timer = setInterval(() => {
    n += 1
    ticker.emit('tick', { n, at: new Date().toISOString() })
  }, 1000)
  timer.unref()
  return () => clearInterval(timer)
}

function privateNamespace(io: Server): void {
  const nsp = io.of('/private')
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token
    if (token === PRIVATE_TOKEN) next()
    else next(new Error(say('invalidToken', {}, handshakeLang(socket))))
  })
  nsp.on('connection', (socket) => {
    socket.on('whoami', (...raw: unknown[]) => {
      splitAck(raw).ack?.({ id: socket.id, auth: socket.handshake.auth })
    })
  })
}

/** Attaches Socket.IO at /socket.io; the returned close() ends every client but leaves the HTTP server to its owner. */
export function attachSocketIo(http: HttpServer) {
  const io = new Server(http, {
    path: '/socket.io',
    allowEIO3: true,
    cors: { origin: true, credentials: true },
    maxHttpBufferSize: 10 * 1024 * 1024,
    // Without this, engine.io ends every non-/socket.io upgrade after 1 s; websocket.ts answers those.
    destroyUpgrade: false
  })
  mainNamespace(io)
  const stopTicker = tickerNamespace(io)
  privateNamespace(io)
  return {
    io,
    close() {
      stopTicker()
      io.disconnectSockets(true)
      io.engine.close()
    }
  }
}
