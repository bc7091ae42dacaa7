import { createRequire } from 'node:module'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
const open: Socket[] = []
beforeAll(async () => {
  pg = await startPlayground()
})
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect()
})
afterAll(() => pg.close())

function client(nsp = '/', options: Partial<ManagerOptions & SocketOptions> = {}): Socket {
  const socket = connect(pg.url + nsp, { transports: ['websocket'], forceNew: true, reconnection: false, ...options })
  open.push(socket)
  return socket
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

const once = <T = unknown>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve))

describe('Socket.IO namespace /', () => {
  it('broadcasts chat:send to every client, sender included, and acks the sender', async () => {
    const [a, b] = await Promise.all([connected(client()), connected(client())])
    const gotA = once<Record<string, unknown>>(a, 'chat:message')
    const gotB = once<Record<string, unknown>>(b, 'chat:message')
    const ack = await a.emitWithAck('chat:send', 'hello everyone')
    const [msgA, msgB] = await Promise.all([gotA, gotB])
    expect(ack).toEqual({ ok: true, id: expect.any(String) })
    for (const msg of [msgA, msgB]) {
      expect(msg).toMatchObject({ id: ack.id, from: a.id, text: 'hello everyone' })
      expect(new Date(msg.at as string).toISOString()).toBe(msg.at)
    }
  })

  it('acks a chat:send that is not text with an error', async () => {
    const a = await connected(client())
    expect(await a.emitWithAck('chat:send', { not: 'text' })).toMatchObject({ ok: false })
  })

  it('echo acks with exactly the arguments it received, binary included', async () => {
    const a = await connected(client())
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255])
    const reply = await new Promise<unknown[]>((resolve) =>
      a.emit('echo', 'text', 42, null, { nested: { list: [1, 'two'], bin: bytes } }, bytes, (...args: unknown[]) => resolve(args))
    )
    expect(reply).toHaveLength(5)
    expect(reply.slice(0, 3)).toEqual(['text', 42, null])
    const nested = reply[3] as { nested: { list: unknown[]; bin: Buffer } }
    expect(nested.nested.list).toEqual([1, 'two'])
    expect(Buffer.from(nested.nested.bin)).toEqual(bytes)
    expect(Buffer.from(reply[4] as Buffer)).toEqual(bytes)
    expect(await new Promise((resolve) => a.emit('echo', (...args: unknown[]) => resolve(args)))).toEqual([])
  })

  it('multi acks with several arguments', async () => {
    const a = await connected(client())
    const args = await new Promise<unknown[]>((resolve) => a.emit('multi', (...r: unknown[]) => resolve(r)))
    expect(args).toEqual(['one', 2, { three: 3 }])
  })

  it('binary replies with a binary:reply event carrying a Buffer', async () => {
    const a = await connected(client())
    const pattern = once<Buffer>(a, 'binary:reply')
    a.emit('binary')
    const bytes = Buffer.from(await pattern)
    expect(bytes.length).toBe(256)
    expect(bytes[255]).toBe(255)
    const mine = Buffer.from('round trip')
    const back = once<Buffer>(a, 'binary:reply')
    a.emit('binary', mine)
    expect(Buffer.from(await back)).toEqual(mine)
  })

  it('burst delivers every one of 10,000 items in order, then burst:done', async () => {
    const a = await connected(client())
    let next = 0
    let outOfOrder = 0
    a.on('burst:item', ({ i }: { i: number }) => {
      if (i !== next) outOfOrder++
      next = i + 1
    })
    const done = once<{ count: number }>(a, 'burst:done')
    a.emit('burst', { count: 10_000 })
    expect(await done).toEqual({ count: 10_000 })
    expect(next).toBe(10_000)
    expect(outOfOrder).toBe(0)
  })

  it('burst delivers all 100,000 items it promises', async () => {
    const a = await connected(client())
    let received = 0
    a.on('burst:item', () => received++)
    const done = once(a, 'burst:done')
    a.emit('burst', { count: 100_000 })
    await done
    expect(received).toBe(100_000)
  })

  it('burst over long-polling delivers every item too', async () => {
    const a = await connected(client('/', { transports: ['polling'] }))
    let received = 0
    a.on('burst:item', () => received++)
    const done = once(a, 'burst:done')
    a.emit('burst', { count: 5_000 })
    await done
    expect(received).toBe(5_000)
  })

  it('burst refuses a bad count', async () => {
    const a = await connected(client())
    expect(await a.emitWithAck('burst', { count: -1 })).toMatchObject({ ok: false })
    const error = once<{ error: string }>(a, 'burst:error')
    a.emit('burst', { count: 'many' })
    expect((await error).error).toMatch(/count/)
  })

  it('100 concurrent clients all receive a broadcast', async () => {
    const clients = await Promise.all(Array.from({ length: 100 }, () => connected(client())))
    const received = clients.map((c) => once<{ text: string }>(c, 'chat:message'))
    clients[17]!.emit('chat:send', 'to all 100')
    const messages = await Promise.all(received)
    expect(messages.every((m) => m.text === 'to all 100')).toBe(true)
  })
})

describe('Socket.IO namespace /ticker', () => {
  it('sends tick { n, at } every second', async () => {
    const t = await connected(client('/ticker'))
    const first = await once<{ n: number; at: string }>(t, 'tick')
    const second = await once<{ n: number; at: string }>(t, 'tick')
    expect(second.n).toBe(first.n + 1)
    const gap = Date.parse(second.at) - Date.parse(first.at)
    // A busy machine can only make the ticker late, never early.
    expect(gap).toBeGreaterThanOrEqual(900)
  })
})

describe('Socket.IO namespace /private', () => {
  it('refuses a missing or wrong token with connect_error "invalid token"', async () => {
    for (const auth of [undefined, { token: 'nope' }]) {
      const error = await connected(client('/private', auth ? { auth } : {})).then(
        () => undefined,
        (e: Error) => e
      )
      expect(error?.message).toBe('invalid token')
    }
  })

  it('lets the token parley in, and whoami acks { id, auth }', async () => {
    const p = await connected(client('/private', { auth: { token: 'parley', extra: 1 } }))
    expect(await p.emitWithAck('whoami')).toEqual({ id: p.id, auth: { token: 'parley', extra: 1 } })
  })
})

/** The slice of the untyped socket.io-client 2.x API these tests use. */
interface V2Socket {
  id: string
  on(event: string, listener: (...args: unknown[]) => void): void
  once(event: string, listener: (...args: unknown[]) => void): void
  emit(event: string, ...args: unknown[]): void
  close(): void
}
const connectV2 = createRequire(import.meta.url)('socket.io-client-v2') as (url: string, options: Record<string, unknown>) => V2Socket

describe('Socket.IO protocol versions', () => {
  it('answers an Engine.IO v3 handshake at the wire as well as v4', async () => {
    const v3 = await (await fetch(`${pg.url}/socket.io/?EIO=3&transport=polling`)).text()
    expect(v3).toMatch(/^\d+:0\{"sid":"[^"]+"/)
    const v4 = await (await fetch(`${pg.url}/socket.io/?EIO=4&transport=polling`)).text()
    expect(v4).toMatch(/^0\{"sid":"[^"]+"/)
  })

  for (const transport of ['websocket', 'polling']) {
    it(`lets a socket.io-client 2.x connect over ${transport}, chat and get multi-argument acks`, async () => {
      const v2 = connectV2(pg.url, { transports: [transport], forceNew: true, reconnection: false })
      try {
        await new Promise<void>((resolve, reject) => {
          v2.once('connect', () => resolve())
          v2.once('connect_error', (e) => reject(e as Error))
        })
        const message = new Promise<unknown>((resolve) => v2.once('chat:message', resolve))
        const ack = await new Promise<unknown>((resolve) => v2.emit('chat:send', 'from v2', resolve))
        expect(ack).toMatchObject({ ok: true })
        expect(await message).toMatchObject({ text: 'from v2' })
        const multi = await new Promise<unknown[]>((resolve) => v2.emit('multi', (...args: unknown[]) => resolve(args)))
        expect(multi).toEqual(['one', 2, { three: 3 }])
      } finally {
        v2.close()
      }
    })
  }
})
