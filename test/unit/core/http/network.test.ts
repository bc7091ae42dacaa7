import { once } from 'node:events'
import { readdir, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let engine: HttpEngine
let server: TestServer
let tmp: Awaited<ReturnType<typeof tempDir>>
let silent: Server
let silentPort: number
const silentSockets = new Set<Socket>()

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: tmp.dir, env: {} })
  server = await startHttpServer(async (req, res) => {
    if (req.url === '/slow') {
      await new Promise((r) => setTimeout(r, 2000))
      return void res.end('late')
    }
    if (req.url === '/reset') return void req.socket.destroy()
    if (req.url === '/endless') {
      // A body that never ends: 64 KiB every 5 ms, 200 MB announced.
      res.setHeader('Content-Length', String(200 * 1024 * 1024))
      const chunk = Buffer.alloc(64 * 1024, 7)
      const timer = setInterval(() => res.write(chunk), 5)
      res.on('close', () => clearInterval(timer))
      return
    }
    res.end('ok')
  })
  // Accepts TCP and never says a word: a TLS handshake to it never completes.
  silent = createServer((s) => {
    // Reading is what lets the server notice the client hanging up.
    s.resume()
    silentSockets.add(s)
    s.on('close', () => silentSockets.delete(s))
  })
  silent.listen(0, '127.0.0.1')
  await once(silent, 'listening')
  silentPort = (silent.address() as AddressInfo).port
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  for (const s of silentSockets) s.destroy()
  silent.close()
  await tmp.remove()
})

/** A TCP server that accepts a request and never reads its body, so an upload stalls. */
async function startRawSink(): Promise<{ port: number; sockets: Set<Socket>; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const sink = createServer((s) => {
    sockets.add(s)
    s.once('data', () => s.pause())
    s.on('close', () => sockets.delete(s))
    s.on('error', () => undefined)
  })
  sink.listen(0, '127.0.0.1')
  await once(sink, 'listening')
  return {
    port: (sink.address() as AddressInfo).port,
    sockets,
    close: () => new Promise<void>((r) => sink.close(() => r()))
  }
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('network failures, timeouts and cancel', () => {
  it('reports a refused connection', async () => {
    const closed = await startHttpServer(() => undefined)
    const url = closed.url
    await closed.close()
    await expect(engine.send('n1', req({ method: 'GET', url }))).rejects.toMatchObject({
      code: 'connection_refused',
      message: expect.stringContaining('127.0.0.1'),
      hint: expect.any(String)
    })
  })

  it('reports a host that does not resolve', async () => {
    await expect(engine.send('n2', req({ method: 'GET', url: 'http://no-such-host.invalid/' }))).rejects.toMatchObject({
      code: 'dns_failed',
      message: expect.stringContaining('no-such-host.invalid')
    })
  })

  it('reports invalid URLs', async () => {
    await expect(engine.send('n3', req({ method: 'GET', url: 'http://exa mple.com:99999/' }))).rejects.toMatchObject({ code: 'invalid_url' })
    await expect(engine.send('n3b', req({ method: 'GET', url: 'ftp://example.com/' }))).rejects.toMatchObject({ code: 'invalid_url' })
  })

  it('reports a connection the server resets', async () => {
    await expect(engine.send('n4', req({ method: 'GET', url: `${server.url}/reset` }))).rejects.toMatchObject({ code: 'connection_reset' })
  })

  it('times out connecting when the TLS handshake never completes, leaving no socket open', async () => {
    await expect(engine.send('n5', req({ method: 'GET', url: `https://127.0.0.1:${silentPort}/`, settings: { connectTimeoutMs: 300 } }))).rejects.toMatchObject(
      {
        code: 'connect_timeout',
        message: expect.stringContaining('TLS handshake')
      }
    )
    await until(() => silentSockets.size === 0)
  })

  it('stops a request past its total timeout', async () => {
    await expect(engine.send('n6', req({ method: 'GET', url: `${server.url}/slow`, settings: { timeoutMs: 200 } }))).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('200 ms')
    })
  })

  it('cancels mid-download: rejects with cancelled, deletes the partial file and closes the socket', async () => {
    const progress: Array<{ phase: string; bytesReceived: number; totalBytes: number | null }> = []
    const sending = engine.send('n7', req({ method: 'GET', url: `${server.url}/endless` }), (p) => progress.push(p))
    const outcome = sending.catch((e: unknown) => e)
    // Wait until past the inline limit, so a body file exists.
    await until(() => (progress.at(-1)?.bytesReceived ?? 0) > 8 * 1024 * 1024, 10_000)
    expect((await readdir(join(tmp.dir, 'bodies'))).length).toBe(1)
    expect(engine.cancel('n7')).toBe(true)
    expect(await outcome).toMatchObject({ code: 'cancelled' })
    expect(await readdir(join(tmp.dir, 'bodies'))).toEqual([])
    await until(() => server.sockets.size === 0, 1000)
    expect(progress.at(-1)).toMatchObject({ phase: 'receiving', totalBytes: 200 * 1024 * 1024 })
    expect(engine.cancel('n7')).toBe(false)
  })

  it('cancels while connecting, stopping the connection attempt', async () => {
    const sending = engine
      .send('n8', req({ method: 'GET', url: `https://127.0.0.1:${silentPort}/`, settings: { connectTimeoutMs: 10_000 } }))
      .catch((e: unknown) => e)
    await until(() => silentSockets.size === 1)
    engine.cancel('n8')
    expect(await sending).toMatchObject({ code: 'cancelled' })
    await until(() => silentSockets.size === 0)
  })

  it('cancels while uploading, closing the socket', async () => {
    const upload = await startRawSink()
    const path = join(tmp.dir, 'upload.bin')
    await writeFile(path, Buffer.alloc(32 * 1024 * 1024, 3))
    let sent = 0
    const sending = engine
      .send('n10', req({ method: 'PUT', url: `http://127.0.0.1:${upload.port}/up`, body: { type: 'binary', path } }), (p) => (sent = p.bytesSent))
      .catch((e: unknown) => e)
    await until(() => sent > 0 && upload.sockets.size === 1, 5000)
    engine.cancel('n10')
    expect(await sending).toMatchObject({ code: 'cancelled' })
    // Reading again lets the server see whether the client hung up; if it had not, the socket stays.
    for (const socket of upload.sockets) socket.resume()
    await until(() => upload.sockets.size === 0)
    await upload.close()
  })

  it('cancels a request that is waiting for its response', async () => {
    const seenBefore = server.seen.length
    const sending = engine.send('n9', req({ method: 'GET', url: `${server.url}/slow` })).catch((e: unknown) => e)
    await until(() => server.seen.length > seenBefore)
    const before = server.sockets.size
    expect(before).toBeGreaterThan(0)
    engine.cancel('n9')
    expect(await sending).toMatchObject({ code: 'cancelled' })
    await until(() => server.sockets.size === 0)
  })
})
