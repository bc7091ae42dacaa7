import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import type { ParleyError } from '../../../../src/shared/errors'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let server: TestServer
let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>
const chunk = Buffer.alloc(64 * 1024, 'abcdefgh')
// 20 MB of zeros squeeze into ~20 KB: a small bomb, enough to pass any sane ratio.
const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024))

/** Writes `chunk` for as long as the client reads, honouring backpressure: a body without end. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' })
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump)
  }
  pump()
}

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: join(tmp.dir, 'data'), env: {} })
  server = await startHttpServer((req, res) => {
    if (req.url === '/endless') return endless(res)
    if (req.url === '/silent-body') {
      // Headers and a first line, then nothing: the connection stays open.
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('first line\n')
      return
    }
    if (req.url === '/bomb') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': bomb.length })
      return res.end(bomb)
    }
    if (req.url === '/json-gzip') {
      const json = Buffer.from(JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `item ${i}` }))))
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      return res.end(gzipSync(json))
    }
    res.end('ok')
  })
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  await tmp.remove()
})

const failure = (promise: Promise<unknown>): Promise<ParleyError> =>
  promise.then(
    () => {
      throw new Error('the send succeeded')
    },
    (error: ParleyError) => error
  )

describe('response limits', () => {
  it('stops an endless body at the size limit with response_too_large, keeping the part received', async () => {
    const response = await engine.send('too-large', req({ method: 'GET', url: `${server.url}/endless`, settings: { maxResponseBytes: 100_000 } }))
    expect(response.stopped).toMatchObject({ code: 'response_too_large' })
    expect(response.stopped!.message).toMatch(/limit/)
    expect(response.body).toMatchObject({ kind: 'inline', size: 100_000 })
    const text = response.body.kind === 'inline' ? response.body.text : null
    expect(text).toBe(Buffer.concat([chunk, chunk]).subarray(0, 100_000).toString('utf8'))
    // The engine is free for the next request.
    expect((await engine.send('after-large', req({ method: 'GET', url: `${server.url}/ok` }))).status).toBe(200)
  })

  it('keeps a stopped body past the inline limit in a file that reads back in slices', async () => {
    const limit = 6 * 1024 * 1024
    const response = await engine.send('too-large-file', req({ method: 'GET', url: `${server.url}/endless`, settings: { maxResponseBytes: limit } }))
    expect(response.stopped).toMatchObject({ code: 'response_too_large' })
    expect(response.body).toMatchObject({ kind: 'file', size: limit })
    if (response.body.kind !== 'file') throw new Error('expected a body file')
    const last = await engine.readBody(response.body.bodyId, limit - 8, 1024)
    expect(last).toMatchObject({ length: 8, total: limit, eof: true })
    expect(Buffer.from(last.base64, 'base64').toString()).toBe('abcdefgh')
  })

  it('stops a body whose server goes silent after the headers with idle_timeout, keeping what came', async () => {
    const response = await engine.send('idle-body', req({ method: 'GET', url: `${server.url}/silent-body`, settings: { idleTimeoutMs: 300 } }))
    expect(response.status).toBe(200)
    expect(response.stopped).toMatchObject({ code: 'idle_timeout' })
    expect(response.stopped!.message).toMatch(/sent nothing for 300 ms/)
    expect(response.body).toMatchObject({ kind: 'inline', text: 'first line\n' })
  })

  it('fails with idle_timeout when a server accepts the request and never answers', async () => {
    const sockets = new Set<Socket>()
    const silent: Server = createServer((socket) => {
      sockets.add(socket)
      socket.resume()
    })
    silent.listen(0, '127.0.0.1')
    await once(silent, 'listening')
    try {
      const port = (silent.address() as { port: number }).port
      const error = await failure(engine.send('idle-headers', req({ method: 'GET', url: `http://127.0.0.1:${port}/`, settings: { idleTimeoutMs: 300 } })))
      expect(error).toMatchObject({ code: 'idle_timeout' })
      expect(error.message).toMatch(/for its answer/)
    } finally {
      for (const s of sockets) s.destroy()
      silent.close()
    }
  })

  it('refuses a gzip bomb with decompression_bomb', async () => {
    const error = await failure(engine.send('bomb', req({ method: 'GET', url: `${server.url}/bomb` })))
    expect(error).toMatchObject({ code: 'decompression_bomb' })
    expect(error.hint).toMatch(/ratio/)
  })

  it('lets an ordinary compressed JSON body through, and a bomb too when the ratio limit is off', async () => {
    const json = await engine.send('json-gzip', req({ method: 'GET', url: `${server.url}/json-gzip` }))
    expect(json.stopped).toBeUndefined()
    expect(json.sizes.bodyDecoded).toBeGreaterThan(1024 * 1024)
    const allowed = await engine.send('bomb-allowed', req({ method: 'GET', url: `${server.url}/bomb`, settings: { maxDecompressionRatio: 0 } }))
    expect(allowed.body.size).toBe(20 * 1024 * 1024)
  })
})
