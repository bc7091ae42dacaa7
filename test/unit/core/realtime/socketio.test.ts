import { createServer, type Server as HttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest'
import { Server } from 'socket.io'
import { io as ioClient } from 'socket.io-client'
import { generate } from 'selfsigned'
import { SocketIoRequestSchema } from '../../../../src/shared/realtime'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useSessions, waitFor } from './harness'

const require = createRequire(import.meta.url)
const sessions = useSessions()
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const request = (over: Record<string, unknown> = {}) => SocketIoRequestSchema.parse({ url: playground.url, ...over })

describe('a Socket.IO session against the playground', () => {
  it("is refused on /private without a valid auth payload, with the server's own message", async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'anon', kind: 'socketio', request: request({ namespace: '/private', auth: '{"token":"wrong"}' }) })
    const error = await s.waitForState('anon', 'error')
    expect(error.detail).toBe('connect_error: invalid token')
    // The server's own words stay as they are; only Parley's words around them are translated.
    expect(error.said).toEqual({ key: 'connectError', values: { message: 'invalid token' } })
    expect(s.messages('anon').some((m) => m.direction === 'system' && m.preview === 'connect_error: invalid token')).toBe(true)
  })

  it('connects on /private with a valid auth payload, and the server sees it', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'ok', kind: 'socketio', request: request({ namespace: '/private', auth: '{ "token": "parley" }' }) })
    const connected = await s.waitForState('ok', 'connected')
    expect(connected.socketId).toBeTruthy()
    expect(connected.transport).toBe('websocket')
    expect(connected.clientVersion).toBe('v4')
    const { seq } = await s.manager.emit('ok', { event: 'whoami', args: [], ack: true, ackTimeoutMs: 2_000 })
    const emit = await waitFor(() => s.messages('ok').find((m) => m.seq === seq && m.status === 'acked'))
    expect(emit.ack?.args).toEqual([{ id: connected.socketId, auth: { token: 'parley' } }])
  })

  it('takes a corrected auth payload on the next connect, while another session shares the connection', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'root', kind: 'socketio', request: request() })
    await s.waitForState('root', 'connected')
    // Same origin and options as "root": this one rides root's manager.
    await s.manager.open({ sessionId: 'priv', kind: 'socketio', request: request({ namespace: '/private' }) })
    expect((await s.waitForState('priv', 'error')).detail).toBe('connect_error: invalid token')
    await s.manager.close('priv')
    await s.manager.open({ sessionId: 'priv', kind: 'socketio', request: request({ namespace: '/private', auth: '{"token":"parley"}' }) })
    await waitFor(() => s.statuses('priv').find((st) => st.state === 'connected'), 5_000, 'priv to connect with the new auth')
    const { seq } = await s.manager.emit('priv', { event: 'whoami', args: [], ack: true, ackTimeoutMs: 2_000 })
    const emit = await waitFor(() => s.messages('priv').find((m) => m.seq === seq && m.status === 'acked'))
    expect(emit.ack?.args).toEqual([expect.objectContaining({ auth: { token: 'parley' } })])
    // And back: removing the auth is refused again, rather than reusing the good socket.
    await s.manager.close('priv')
    await s.manager.open({ sessionId: 'priv2', kind: 'socketio', request: request({ namespace: '/private' }) })
    expect((await s.waitForState('priv2', 'error')).detail).toBe('connect_error: invalid token')
    expect(s.manager.status('root').state).toBe('connected')
  })

  it('names the position of a syntax error in the auth JSON, and opens nothing', async () => {
    const s = await sessions()
    await expect(s.manager.open({ sessionId: 'bad', kind: 'socketio', request: request({ auth: '{"token": parley}' }) })).rejects.toMatchObject({
      code: 'invalid_auth_json',
      message: expect.stringMatching(/position 10 \(line 1, column 11\)/)
    })
    expect(s.manager.list()).toEqual([])
  })

  it('emits several typed args and attaches the ack (every arg, binary included) to the emit, with its RTT', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'e', kind: 'socketio', request: request() })
    await s.waitForState('e', 'connected')
    const args = [
      { type: 'json' as const, value: '{"a":[1,2]}' },
      { type: 'text' as const, value: 'hi' },
      { type: 'number' as const, value: '3.5' },
      { type: 'boolean' as const, value: 'true' },
      { type: 'null' as const, value: '' },
      { type: 'binary-base64' as const, value: 'AAEC/w==' }
    ]
    const { seq } = await s.manager.emit('e', { event: 'echo', args, ack: true, ackTimeoutMs: 2_000 })
    const emit = await waitFor(() => s.messages('e').find((m) => m.seq === seq && m.status === 'acked'))
    const expected = [{ a: [1, 2] }, 'hi', 3.5, true, null, { $binary: 'AAEC/w==', size: 4 }]
    expect(emit.args).toEqual(expected)
    expect(emit.ack?.args).toEqual(expected)
    expect(emit.ack?.rttMs).toBeGreaterThanOrEqual(0)
    expect(emit.preview).toContain('"hi"')
    expect(emit.preview).toContain('<binary 4 B>')
    // Only one row per emit: the ack amends it rather than adding a line.
    expect(s.messages('e').filter((m) => m.direction === 'out')).toHaveLength(1)

    const multi = await s.manager.emit('e', { event: 'multi', args: [], ack: true, ackTimeoutMs: 2_000 })
    const acked = await waitFor(() => s.messages('e').find((m) => m.seq === multi.seq && m.status === 'acked'))
    expect(acked.ack?.args).toEqual(['one', 2, { three: 3 }])
  })

  it('reports an ack that never comes as timed out, on the emit that asked', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 't', kind: 'socketio', request: request() })
    await s.waitForState('t', 'connected')
    const { seq } = await s.manager.emit('t', { event: 'nobody-listens', args: [{ type: 'text', value: 'x' }], ack: true, ackTimeoutMs: 150 })
    const emit = await waitFor(() => s.messages('t').find((m) => m.seq === seq && m.status === 'ack-timeout'))
    expect(emit.ack).toBeUndefined()
    expect(emit.details).toMatchObject({ ackTimeoutMs: 150 })
  })

  it('refuses a bad argument by its index', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'b', kind: 'socketio', request: request() })
    await expect(
      s.manager.emit('b', {
        event: 'echo',
        args: [
          { type: 'text', value: 'ok' },
          { type: 'number', value: 'twelve' }
        ],
        ack: false,
        ackTimeoutMs: 1000
      })
    ).rejects.toMatchObject({
      code: 'invalid_emit_arg',
      message: expect.stringContaining('Argument 2 (number)')
    })
  })

  it('receives a broadcast that a second, plain socket.io-client sends', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'c', kind: 'socketio', request: request() })
    await s.waitForState('c', 'connected')
    const other = ioClient(playground.url, { transports: ['websocket'] })
    closers.push(() => other.close())
    await new Promise<void>((resolve) => other.on('connect', () => resolve()))
    other.emit('chat:send', 'hello from another client')
    const message = await waitFor(() => s.incoming('c', 'chat:message')[0])
    expect(message.args[0]).toMatchObject({ text: 'hello from another client', from: other.id })
  })

  it('sends and receives binary', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'bin', kind: 'socketio', request: request() })
    await s.waitForState('bin', 'connected')
    const bytes = Buffer.from([0, 1, 2, 250, 255])
    await s.manager.emit('bin', { event: 'binary', args: [{ type: 'binary-base64', value: bytes.toString('base64') }], ack: false, ackTimeoutMs: 1000 })
    const reply = await waitFor(() => s.incoming('bin', 'binary:reply')[0])
    expect(reply.args).toEqual([{ $binary: bytes.toString('base64'), size: 5 }])
    expect(reply.size).toBe(5)
  })

  it('stops logging an event whose listener is switched off, and resumes when it is on again', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'l', kind: 'socketio', request: request({ listeners: [{ event: 'chat:message', enabled: false }] }) })
    await s.waitForState('l', 'connected')
    await s.manager.emit('l', { event: 'chat:send', args: [{ type: 'text', value: 'one' }], ack: true, ackTimeoutMs: 2000 })
    await s.manager.emit('l', { event: 'binary', args: [], ack: false, ackTimeoutMs: 1000 })
    await waitFor(() => s.incoming('l', 'binary:reply')[0])
    expect(s.incoming('l', 'chat:message')).toHaveLength(0)
    s.manager.setListener('l', 'chat:message', true)
    s.manager.setListener('l', '*', false)
    await s.manager.emit('l', { event: 'chat:send', args: [{ type: 'text', value: 'two' }], ack: false, ackTimeoutMs: 1000 })
    await s.manager.emit('l', { event: 'binary', args: [], ack: false, ackTimeoutMs: 1000 })
    const chat = await waitFor(() => s.incoming('l', 'chat:message')[0])
    expect(chat.args[0]).toMatchObject({ text: 'two' })
    await new Promise((r) => setTimeout(r, 100))
    // The catch-all is off, so binary:reply (no listener of its own) is no longer logged.
    expect(s.incoming('l', 'binary:reply')).toHaveLength(1)
  })

  it('reports the upgrade from polling to websocket', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'u', kind: 'socketio', request: request({ transports: 'polling-then-upgrade' }) })
    await s.waitForState('u', 'connected')
    const upgrade = await waitFor(() => s.messages('u').find((m) => m.status === 'upgrade'))
    expect(upgrade.details).toEqual({ transport: 'websocket' })
    expect(s.manager.status('u').transport).toBe('websocket')
  })

  it('reports reconnect attempts and gives up as configured when nothing listens', async () => {
    const s = await sessions()
    const dead = createServer()
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()))
    const port = (dead.address() as AddressInfo).port
    await new Promise<void>((r) => dead.close(() => r()))
    await s.manager.open({
      sessionId: 'r',
      kind: 'socketio',
      request: request({ url: `http://127.0.0.1:${port}`, clientVersion: 'v4', reconnection: { enabled: true, attempts: 2, delayMs: 50 } })
    })
    await s.waitForState('r', 'error')
    await waitFor(() => s.statuses('r').find((st) => st.state === 'reconnecting' && st.attempt === 2), 5_000, 'attempt 2')
    const gaveUp = await waitFor(() => s.statuses('r').find((st) => st.detail.startsWith('gave up')), 5_000, 'give up')
    expect(gaveUp.state).toBe('error')
  })

  it('keeps every one of a 10,000 burst: counted, on disk, a bounded ring in memory, few batches', async () => {
    const s = await sessions({ ringSize: 1_000 })
    await s.manager.open({ sessionId: 'burst', kind: 'socketio', request: request() })
    await s.waitForState('burst', 'connected')
    await s.manager.emit('burst', { event: 'burst', args: [{ type: 'json', value: '{"count":10000}' }], ack: false, ackTimeoutMs: 1000 })
    await waitFor(() => s.incoming('burst', 'burst:done')[0], 15_000, 'burst:done')
    const items = s.incoming('burst', 'burst:item')
    expect(items).toHaveLength(10_000)
    expect(new Set(items.map((m) => (m.args[0] as { i: number }).i)).size).toBe(10_000)
    expect(s.batches()).toBeLessThan(200)
    const log = s.manager.logOf('burst')
    expect(log.inMemory).toBe(1_000)
    await s.manager.close('burst')
    // Closed: the ring is freed and everything is read back from the file.
    expect(log.inMemory).toBe(0)
    const { readFile } = await import('node:fs/promises')
    const lines = (await readFile(log.file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; direction: string; event?: string })
    expect(new Set(lines.map((l) => l.seq)).size).toBe(log.size)
    expect(lines.filter((l) => l.event === 'burst:item')).toHaveLength(10_000)
    const [summary] = s.manager.list()
    expect(summary?.in).toBe(lines.filter((l) => l.direction === 'in').length)
    // Old messages come back from the file, newest ones from memory, identical to what was pushed.
    const early = await s.manager.messages('burst', 5, 20)
    expect(early.messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 5 + i))
    expect(early.messages).toEqual(s.messages('burst').slice(4, 24))
    const late = await s.manager.messages('burst', log.size - 9, 50)
    expect(late.messages).toHaveLength(10)
  }, 30_000)
})

async function listen(server: HttpServer): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return `127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('a Socket.IO session against servers of its own', () => {
  it('opens two namespaces of one server over ONE engine.io connection', async () => {
    const http = createServer()
    const io = new Server(http)
    io.of('/a').on('connection', (socket) => socket.emit('hello', 'a'))
    io.of('/b').on('connection', (socket) => socket.emit('hello', 'b'))
    const host = await listen(http)
    closers.push(() => new Promise<void>((r) => io.close(() => r())))
    const s = await sessions()
    await s.manager.open({ sessionId: 'na', kind: 'socketio', request: SocketIoRequestSchema.parse({ url: `http://${host}`, namespace: '/a' }) })
    await s.manager.open({ sessionId: 'nb', kind: 'socketio', request: SocketIoRequestSchema.parse({ url: `http://${host}`, namespace: '/b' }) })
    await s.waitForState('na', 'connected')
    await s.waitForState('nb', 'connected')
    expect((await waitFor(() => s.incoming('na', 'hello')[0])).args).toEqual(['a'])
    expect((await waitFor(() => s.incoming('nb', 'hello')[0])).args).toEqual(['b'])
    expect(io.engine.clientsCount).toBe(1)
    expect(s.messages('nb').some((m) => m.preview.startsWith('sharing the connection'))).toBe(true)
    // Closing one namespace leaves the other connected.
    await s.manager.close('na')
    await new Promise((r) => setTimeout(r, 100))
    expect(s.manager.status('nb').state).toBe('connected')
    expect(io.engine.clientsCount).toBe(1)
  })

  it('talks to a Socket.IO v2 server, detected automatically: events, acks, binary and a refused namespace', async () => {
    const ioV2 = require('socket.io-v2') as (http: HttpServer) => {
      on(e: string, h: (socket: V2Socket) => void): void
      of(nsp: string): { use(fn: (socket: V2Socket, next: (e?: Error) => void) => void): void }
      close(cb?: () => void): void
    }
    type V2Socket = { emit(e: string, ...a: unknown[]): void; on(e: string, h: (...a: unknown[]) => void): void; handshake: { query: Record<string, string> } }
    const http = createServer()
    const io = ioV2(http)
    io.on('connection', (socket) => {
      socket.emit('welcome', 'v2', 2)
      socket.on('echo', (...args: unknown[]) => {
        const ack = args.pop() as (...a: unknown[]) => void
        ack(...args)
      })
    })
    io.of('/locked').use((_socket, next) => next(new Error('invalid token')))
    const host = await listen(http)
    closers.push(
      () =>
        new Promise<void>((r) => {
          io.close()
          http.close(() => r())
        })
    )
    const s = await sessions()
    await s.manager.open({ sessionId: 'v2', kind: 'socketio', request: SocketIoRequestSchema.parse({ url: `http://${host}` }) })
    const connected = await s.waitForState('v2', 'connected')
    expect(connected.clientVersion).toBe('v2')
    expect(s.messages('v2').some((m) => m.preview.includes('Socket.IO v2 (EIO 3)'))).toBe(true)
    expect((await waitFor(() => s.incoming('v2', 'welcome')[0])).args).toEqual(['v2', 2])
    const { seq } = await s.manager.emit('v2', {
      event: 'echo',
      args: [
        { type: 'text', value: 'x' },
        { type: 'binary-base64', value: 'AQID' }
      ],
      ack: true,
      ackTimeoutMs: 2000
    })
    const emit = await waitFor(() => s.messages('v2').find((m) => m.seq === seq && m.status === 'acked'))
    expect(emit.ack?.args).toEqual(['x', { $binary: 'AQID', size: 3 }])

    await s.manager.open({
      sessionId: 'v2locked',
      kind: 'socketio',
      request: SocketIoRequestSchema.parse({ url: `http://${host}`, namespace: '/locked', clientVersion: 'v2' })
    })
    const refused = await s.waitForState('v2locked', 'error')
    expect(refused).toMatchObject({ detail: 'connect_error: invalid token', said: { key: 'connectError', values: { message: 'invalid token' } } })
  })

  it('falls back to the v2 client when the version cannot be detected and v4 cannot connect', async () => {
    const ioV2 = require('socket.io-v2') as (
      http: HttpServer,
      options: object
    ) => { on(e: string, h: (socket: { emit(e: string, ...a: unknown[]): void }) => void): void; close(): void }
    const http = createServer()
    // WebSocket only: the polling probe is refused, so auto mode has to find out by trying.
    const io = ioV2(http, { transports: ['websocket'] })
    io.on('connection', (socket) => socket.emit('hello', 'from v2'))
    const host = await listen(http)
    closers.push(
      () =>
        new Promise<void>((r) => {
          io.close()
          http.close(() => r())
        })
    )
    const s = await sessions()
    await s.manager.open({ sessionId: 'fb', kind: 'socketio', request: SocketIoRequestSchema.parse({ url: `ws://${host}` }) })
    const connected = await s.waitForState('fb', 'connected')
    expect(connected.clientVersion).toBe('v2')
    expect(s.messages('fb').some((m) => m.preview.startsWith('the v4 client could not connect'))).toBe(true)
    expect((await waitFor(() => s.incoming('fb', 'hello')[0])).args).toEqual(['from v2'])
  })

  it('connects over https to a self-signed server when TLS verification is off, and fails when it is on', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 })
    const https = createHttpsServer({ key: pems.private, cert: pems.cert })
    const io = new Server(https)
    io.on('connection', (socket) => socket.emit('secure', true))
    const host = await listen(https as unknown as HttpServer)
    closers.push(() => new Promise<void>((r) => io.close(() => r())))
    const s = await sessions()
    await s.manager.open({ sessionId: 'tls', kind: 'socketio', request: SocketIoRequestSchema.parse({ url: `https://${host}`, verifyTls: false }) })
    await s.waitForState('tls', 'connected')
    expect((await waitFor(() => s.incoming('tls', 'secure')[0])).args).toEqual([true])
    await s.manager.open({
      sessionId: 'strict',
      kind: 'socketio',
      request: SocketIoRequestSchema.parse({ url: `wss://${host}`, reconnection: { enabled: false } })
    })
    await s.waitForState('strict', 'error')
  })
})
