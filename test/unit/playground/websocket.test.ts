import type { IncomingMessage } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RawData } from 'ws'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
let wsBase: string
const open: WebSocket[] = []
beforeAll(async () => {
  pg = await startPlayground()
  wsBase = pg.url.replace(/^http/, 'ws')
})
afterEach(() => {
  for (const ws of open.splice(0)) ws.terminate()
})
afterAll(() => pg.close())

function socket(path: string, protocols?: string | string[]): WebSocket {
  const ws = new WebSocket(wsBase + path, protocols)
  open.push(ws)
  return ws
}

const opened = (ws: WebSocket) =>
  new Promise<WebSocket>((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })

const nextMessage = (ws: WebSocket) =>
  new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
    ws.once('message', (data: RawData, isBinary: boolean) => resolve({ data: data as Buffer, isBinary }))
  )

/** Resolves with the HTTP response of a refused handshake. */
const refused = (ws: WebSocket) =>
  new Promise<{ status: number; body: { error: string } }>((resolve, reject) => {
    ws.once('open', () => reject(new Error('handshake unexpectedly accepted')))
    ws.once('error', () => {})
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    })
  })

describe('/ws/echo', () => {
  it('echoes text frames as text and binary frames as binary, byte for byte', async () => {
    const ws = await opened(socket('/ws/echo'))
    const text = nextMessage(ws)
    ws.send('héllo ✓')
    expect(await text).toMatchObject({ isBinary: false })
    expect((await text).data.toString('utf8')).toBe('héllo ✓')

    const bytes = Buffer.from([0, 255, 128, 10, 13])
    const binary = nextMessage(ws)
    ws.send(bytes)
    const reply = await binary
    expect(reply.isBinary).toBe(true)
    expect(reply.data).toEqual(bytes)

    // A text frame whose content looks binary-ish stays a text frame.
    const digits = nextMessage(ws)
    ws.send('0123', { binary: false })
    expect((await digits).isBinary).toBe(false)
  })

  it('echoes a 1 MB binary frame intact', async () => {
    const ws = await opened(socket('/ws/echo'))
    const big = Buffer.alloc(1024 * 1024).map((_, i) => i % 251)
    const reply = nextMessage(ws)
    ws.send(big)
    expect((await reply).data.equals(big)).toBe(true)
  })
})

describe('protocol violations', () => {
  it('closes a connection that sends invalid UTF-8 with 1007, and keeps serving', async () => {
    const bad = await opened(socket('/ws/echo'))
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)))
    bad.send(Buffer.from([0xff, 0xfe]), { binary: false })
    expect(await closed).toBe(1007)
    const good = await opened(socket('/ws/echo'))
    const reply = nextMessage(good)
    good.send('fine')
    expect((await reply).data.toString()).toBe('fine')
  })
})

describe('/ws/broadcast', () => {
  it('sends every message to every client on the path, sender included', async () => {
    const clients = await Promise.all([0, 1, 2].map(() => opened(socket('/ws/broadcast'))))
    const echoOnly = await opened(socket('/ws/echo'))
    let leaked = false
    echoOnly.on('message', () => (leaked = true))
    const received = clients.map(nextMessage)
    clients[1]!.send('news')
    for (const msg of await Promise.all(received)) expect(msg.data.toString()).toBe('news')
    const binary = clients.map(nextMessage)
    clients[0]!.send(Buffer.from([1, 2, 3]))
    for (const msg of await Promise.all(binary)) expect(msg).toEqual({ data: Buffer.from([1, 2, 3]), isBinary: true })
    expect(leaked).toBe(false)
  })
})

describe('/ws/proto', () => {
  it('accepts the parley.v1 subprotocol and says hello', async () => {
    const ws = socket('/ws/proto', ['other', 'parley.v1'])
    const hello = nextMessage(ws)
    await opened(ws)
    expect(ws.protocol).toBe('parley.v1')
    expect(JSON.parse((await hello).data.toString())).toEqual({ hello: 'parley.v1', protocol: 'parley.v1' })
  })

  it('refuses a handshake without parley.v1 with 400 and the reason', async () => {
    for (const protocols of [undefined, ['parley.v2']]) {
      const { status, body } = await refused(socket('/ws/proto', protocols))
      expect(status).toBe(400)
      expect(body.error).toContain('parley.v1')
    }
  })
})

describe('/ws/close', () => {
  it('closes right after open with the given code and reason', async () => {
    const ws = socket('/ws/close?code=4001&reason=bye')
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    await opened(ws)
    expect(await closed).toEqual({ code: 4001, reason: 'bye' })
  })

  it('refuses a code a server may not send', async () => {
    for (const code of ['1005', '2000', 'abc']) {
      const { status, body } = await refused(socket(`/ws/close?code=${code}`))
      expect(status).toBe(400)
      expect(body.error).toMatch(/code/)
    }
  })
})

describe('upgrade routing', () => {
  it('refuses unknown /ws paths and non-WebSocket routes with 404', async () => {
    for (const path of ['/ws/nope', '/api/notes', '/socket.io']) {
      const { status, body } = await refused(socket(path))
      expect(status).toBe(404)
      expect(body.error).toContain('/ws/echo')
    }
  })

  it('leaves /socket.io upgrades to Socket.IO while ws works on the same port', async () => {
    const [ws, eio] = await Promise.all([
      opened(socket('/ws/echo')),
      // A raw Engine.IO v4 WebSocket: the server's first frame is the "0{...}" open packet.
      (async () => {
        const raw = socket('/socket.io/?EIO=4&transport=websocket')
        const first = nextMessage(raw)
        await opened(raw)
        return (await first).data.toString()
      })()
    ])
    expect(eio).toMatch(/^0\{"sid"/)
    const reply = nextMessage(ws)
    ws.send('still here')
    expect((await reply).data.toString()).toBe('still here')
  })
})
