import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createServices, type Services } from '../../../src/core/services'
import { startHost, type Host } from '../../../src/host/server'
import { hostMaxFrameBytes } from '../../../src/shared/wire'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const running: { host: Host; services: Services }[] = []
afterEach(async () => {
  for (const { host, services } of running.splice(0)) {
    await host.close()
    await services.dispose()
  }
})

async function start(): Promise<Host> {
  const dataDir = await tempDir()
  const rendererDir = join(dataDir, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Parley</title>')
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '1.2.3', statusIntervalMs: 0 })
  const host = await startHost({ services, rendererDir, token: 'test-token' })
  running.push({ host, services })
  return host
}

/** A WebSocket client written by hand, so that it can send what no well-behaved client would. */
async function rawSocket(port: number): Promise<{ socket: Socket; received: () => Buffer }> {
  const socket = connect(port, '127.0.0.1')
  let data = Buffer.alloc(0)
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])))
  // The host may reset the connection once it has closed it; that is an end, not a failure.
  socket.on('error', () => undefined)
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  socket.write(
    'GET /contract?token=test-token HTTP/1.1\r\n' +
      `Host: 127.0.0.1:${port}\r\n` +
      'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  )
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      const end = data.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', check)
      const head = data.subarray(0, end).toString()
      data = data.subarray(end + 4)
      if (head.startsWith('HTTP/1.1 101')) resolve()
      else reject(new Error(head))
    }
    socket.on('data', check)
  })
  return { socket, received: () => data }
}

/** A client frame: FIN set, the given opcode, masked unless told otherwise. */
function frame(opcode: number, payload: Buffer, masked = true): Buffer {
  const mask = randomBytes(4)
  const body = masked ? Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!)) : payload
  return Buffer.concat([Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | payload.length]), masked ? mask : Buffer.alloc(0), body])
}

/** The code and reason of the close frame the host sent (the first frame it sends this client). */
async function closeFrameOf(client: Awaited<ReturnType<typeof rawSocket>>): Promise<{ code: number; reason: string }> {
  const complete = (): boolean => client.received().length >= 2 && client.received().length >= 2 + (client.received()[1]! & 0x7f)
  if (!complete()) {
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (!complete()) return
        client.socket.off('data', check)
        client.socket.off('close', check)
        resolve()
      }
      client.socket.on('data', check)
      client.socket.on('close', resolve)
    })
  }
  const data = client.received()
  expect(data[0]! & 0x0f).toBe(0x8)
  const length = data[1]! & 0x7f
  client.socket.destroy()
  return { code: data.readUInt16BE(2), reason: data.subarray(4, 2 + length).toString() }
}

async function appInfoWorks(port: number): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/contract?token=test-token`)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  const reply = new Promise<unknown>((resolve) => ws.on('message', (data) => resolve(JSON.parse(data.toString()))))
  ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', input: {} }))
  expect(await reply).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { name: 'Parley' } } })
  ws.close()
}

describe('the browser host, sent a frame it cannot read', () => {
  const cases: Array<[string, () => Buffer, number, RegExp]> = [
    ['an unmasked frame', () => frame(0x1, Buffer.from('{}'), false), 1002, /not a valid WebSocket frame/i],
    ['a reserved opcode', () => frame(0x3, Buffer.from('{}')), 1002, /not a valid WebSocket frame/i],
    ['text that is not UTF-8', () => frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007, /UTF-8/],
    [
      'a frame over the size limit',
      () => {
        // Only the header: the host refuses on reading the length, before any of the payload arrives.
        const header = Buffer.alloc(14)
        header[0] = 0x81
        header[1] = 0x80 | 127
        header.writeBigUInt64BE(BigInt(hostMaxFrameBytes + 1), 2)
        randomBytes(4).copy(header, 10)
        return header
      },
      1009,
      /larger than the host accepts/
    ]
  ]

  for (const [what, bytes, code, reason] of cases) {
    it(`closes that one connection with a reason (${what}); the others and the host keep working`, async () => {
      const host = await start()
      const bystander = new WebSocket(`ws://127.0.0.1:${host.port}/contract?token=test-token`)
      await new Promise((resolve) => bystander.once('open', resolve))
      const client = await rawSocket(host.port)
      client.socket.write(bytes())
      const closed = await closeFrameOf(client)
      expect(closed.code).toBe(code)
      expect(closed.reason).toMatch(reason)
      expect(bystander.readyState).toBe(WebSocket.OPEN)
      await appInfoWorks(host.port)
      bystander.close()
    })
  }

  it('survives a client that resets its connection during the handshake', async () => {
    const host = await start()
    const socket = connect(host.port, '127.0.0.1')
    socket.on('error', () => undefined)
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    // A refused upgrade (no token), then a reset before the host's answer is read.
    socket.write(
      `GET /contract HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
    )
    socket.resetAndDestroy()
    await new Promise((resolve) => socket.once('close', resolve))
    await appInfoWorks(host.port)
  })
})
