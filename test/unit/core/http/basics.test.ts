import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let server: TestServer
let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: tmp.dir, env: {} })
  server = await startHttpServer((req, res, body) => {
    if (req.url?.startsWith('/echo')) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8')
      res.setHeader('X-Multi', ['one', 'two'])
      res.end(JSON.stringify({ method: req.method, url: req.url, body: body.toString() }))
      return
    }
    res.statusCode = 404
    res.end('not found')
  })
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  await tmp.remove()
})

describe('http engine basics', () => {
  it('sends a GET with query and repeated headers in order, and returns status, headers, timings', async () => {
    const res = await engine.send(
      'r1',
      req({
        method: 'GET',
        url: `${server.url}/echo?a=1&b=two`,
        headers: [
          { name: 'X-Rep', value: 'first' },
          { name: 'X-Off', value: 'no', enabled: false },
          { name: 'X-Rep', value: 'second' }
        ]
      })
    )
    expect(res.status).toBe(200)
    expect(res.statusText).toBe('OK')
    expect(res.httpVersion).toBe('1.1')
    expect(res.headers.filter(([n]) => n.toLowerCase() === 'x-multi').map(([, v]) => v)).toEqual(['one', 'two'])
    expect(JSON.parse(res.body.kind === 'inline' ? res.body.text! : '')).toMatchObject({ method: 'GET', url: '/echo?a=1&b=two' })
    const seen = server.seen.at(-1)!
    const reps = seen.rawHeaders.flatMap((v, i, a) => (i % 2 === 0 && v.toLowerCase() === 'x-rep' ? [a[i + 1]] : []))
    expect(reps).toEqual(['first', 'second'])
    expect(seen.headers['x-off']).toBeUndefined()
    expect(res.timings.total).toBeGreaterThan(0)
    expect(res.timings.reusedConnection).toBe(false)
    expect(res.remoteAddress?.address).toBe('127.0.0.1')
    expect(res.body.kind === 'inline' && res.body.charset).toBe('utf-8')
  })

  it('times each phase, and shows a reused connection with no connect phase', async () => {
    const fresh = await createHttpEngine({ dataDir: tmp.dir, env: {} })
    try {
      const first = await fresh.send('t1', req({ method: 'GET', url: `${server.url}/echo` }))
      expect(first.timings).toMatchObject({ dns: 0, tls: 0, reusedConnection: false })
      expect(first.timings.connect).toBeGreaterThan(0)
      expect(first.timings.firstByte).toBeGreaterThan(0)
      expect(first.timings.total).toBeGreaterThanOrEqual(first.timings.connect + first.timings.firstByte)
      expect(first.sizes.headers).toBeGreaterThan(50)
      const second = await fresh.send('t2', req({ method: 'GET', url: `${server.url}/echo` }))
      expect(second.timings).toMatchObject({ dns: 0, connect: 0, tls: 0, reusedConnection: true })
      const local = await fresh.send('t3', req({ method: 'GET', url: `http://localhost:${server.url.split(':').pop()}/echo` }))
      expect(local.status).toBe(200)
      expect(local.timings.dns).toBeGreaterThan(0)
    } finally {
      await fresh.dispose()
    }
  })

  it('sweeps half-written and day-old body files on start, keeping recent ones', async () => {
    const dir = join(tmp.dir, 'sweep')
    await mkdir(join(dir, 'bodies'), { recursive: true })
    const old = join(dir, 'bodies', 'aaaaaaaaaaaaaaaa.body')
    await writeFile(old, 'old')
    await utimes(old, new Date(Date.now() - 2 * 86400_000), new Date(Date.now() - 2 * 86400_000))
    await writeFile(join(dir, 'bodies', 'bbbbbbbbbbbbbbbb.part'), 'half')
    await writeFile(join(dir, 'bodies', 'cccccccccccccccc.body'), 'recent')
    const swept = await createHttpEngine({ dataDir: dir, env: {} })
    expect(await readdir(join(dir, 'bodies'))).toEqual(['cccccccccccccccc.body'])
    expect((await swept.readBody('cccccccccccccccc', 0, 100)).base64).toBe(Buffer.from('recent').toString('base64'))
    await swept.dispose()
  })

  it('sends custom methods, and standard ones in upper case however typed', async () => {
    const res = await engine.send('r2', req({ method: 'PURGE', url: `${server.url}/echo` }))
    expect(server.seen.at(-1)!.method).toBe('PURGE')
    expect(res.status).toBe(200)
    await engine.send('r3', req({ method: 'delete', url: `${server.url}/echo` }))
    expect(server.seen.at(-1)!.method).toBe('DELETE')
  })
})
