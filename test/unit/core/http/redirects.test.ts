import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let server: TestServer
let other: TestServer
let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: tmp.dir, env: {} })
  other = await startHttpServer((req, res) => {
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null }))
  })
  server = await startHttpServer((req, res, body) => {
    const url = new URL(req.url!, 'http://x')
    const m = /^\/status\/(\d{3})$/.exec(url.pathname)
    if (m) {
      res.statusCode = Number(m[1])
      res.setHeader('Location', '/final')
      return void res.end('moving')
    }
    if (url.pathname === '/chain') {
      const n = Number(url.searchParams.get('n'))
      res.statusCode = 302
      res.setHeader('Location', n > 1 ? `/chain?n=${n - 1}` : '/final')
      res.setHeader('Set-Cookie', `hop${n}=yes; Path=/`)
      return void res.end()
    }
    if (url.pathname === '/loop') {
      res.statusCode = 302
      res.setHeader('Location', '/loop')
      return void res.end()
    }
    if (url.pathname === '/away') {
      res.statusCode = 307
      res.setHeader('Location', `${other.url}/landed`)
      return void res.end()
    }
    if (url.pathname === '/set') {
      res.setHeader('Set-Cookie', ['session=s1; Path=/; HttpOnly', 'theme=dark; Path=/; Max-Age=3600'])
      return void res.end('set')
    }
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ method: req.method, body: body.toString(), contentType: req.headers['content-type'] ?? null, cookie: req.headers.cookie ?? null }))
  })
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  await other.close()
  await tmp.remove()
})

const json = (r: { body: unknown }): Record<string, unknown> => JSON.parse((r.body as { text: string }).text) as Record<string, unknown>
const post = { method: 'POST', body: { type: 'json' as const, text: '{"a":1}' } }

describe('redirects', () => {
  it('follows a chain and returns every hop with status, headers and timings', async () => {
    const res = await engine.send('r1', req({ method: 'GET', url: `${server.url}/chain?n=3` }))
    expect(res.status).toBe(200)
    expect(res.url).toBe(`${server.url}/final`)
    expect(res.redirects.map((h) => [h.status, h.url])).toEqual([
      [302, `${server.url}/chain?n=3`],
      [302, `${server.url}/chain?n=2`],
      [302, `${server.url}/chain?n=1`]
    ])
    expect(res.redirects[0]!.headers).toContainEqual(['Location', '/chain?n=2'])
    expect(res.redirects[0]!.timings.total).toBeGreaterThan(0)
    expect(res.redirects[1]!.timings.reusedConnection).toBe(true)
    expect(res.durationMs).toBeGreaterThanOrEqual(res.redirects.reduce((sum, h) => sum + h.timings.total, res.timings.total) - 1)
    // Cookies set on each hop were stored and sent on the next.
    expect(json(res).cookie).toBe('hop3=yes; hop2=yes; hop1=yes')
    expect(res.cookiesSet.map((c) => c.name)).toEqual(['hop3', 'hop2', 'hop1'])
  })

  it.each([
    [303, 'POST', 'GET', ''],
    [301, 'POST', 'GET', ''],
    [302, 'POST', 'GET', ''],
    [307, 'POST', 'POST', '{"a":1}'],
    [308, 'POST', 'POST', '{"a":1}'],
    [303, 'PUT', 'GET', ''],
    [302, 'PUT', 'PUT', '{"a":1}']
  ])('%i after %s continues with %s as browsers do', async (status, method, nextMethod, nextBody) => {
    const res = await engine.send(`m-${status}-${method}`, req({ ...post, method, url: `${server.url}/status/${status}` }))
    expect(json(res)).toMatchObject({ method: nextMethod, body: nextBody, contentType: nextBody ? 'application/json' : null })
    expect(res.method).toBe(nextMethod)
  })

  it('stops at the limit with too_many_redirects', async () => {
    await expect(engine.send('loop', req({ method: 'GET', url: `${server.url}/loop`, settings: { maxRedirects: 3 } }))).rejects.toMatchObject({
      code: 'too_many_redirects',
      message: expect.stringContaining('more than 3 times')
    })
  })

  it('does not follow when told not to, returning the 3xx itself', async () => {
    const res = await engine.send('nofollow', req({ method: 'GET', url: `${server.url}/status/301`, settings: { followRedirects: false } }))
    expect(res.status).toBe(301)
    expect(res.redirects).toEqual([])
    expect((res.body as { text: string }).text).toBe('moving')
  })

  it('drops Authorization on a cross-origin redirect', async () => {
    const res = await engine.send('xo', req({ method: 'GET', url: `${server.url}/away`, auth: { type: 'bearer', token: 'secret' } }))
    expect(res.url).toBe(`${other.url}/landed`)
    expect(json(res).authorization).toBeNull()
    expect(server.seen.at(-1)!.headers.authorization).toBe('Bearer secret')
  })
})

describe('cookies', () => {
  it('stores cookies, sends them back, lists, persists and clears them', async () => {
    await engine.clearCookies()
    const set = await engine.send('c1', req({ method: 'GET', url: `${server.url}/set` }))
    expect(set.cookiesSet.map((c) => [c.name, c.httpOnly])).toEqual([
      ['session', true],
      ['theme', false]
    ])
    const back = await engine.send('c2', req({ method: 'GET', url: `${server.url}/echo`, headers: [{ name: 'Cookie', value: 'mine=1' }] }))
    expect(json(back).cookie).toBe('mine=1; session=s1; theme=dark')
    const listed = await engine.listCookies()
    expect(listed.map((c) => c.name).sort()).toEqual(['session', 'theme'])
    expect(listed.find((c) => c.name === 'theme')!.expires).not.toBeNull()

    const saved = JSON.parse(await readFile(join(tmp.dir, 'cookies.json'), 'utf8')) as { cookies: Array<{ key: string }> }
    expect(saved.cookies.map((c) => c.key).sort()).toEqual(['session', 'theme'])
    const reopened = await createHttpEngine({ dataDir: tmp.dir, env: {} })
    expect((await reopened.listCookies()).length).toBe(2)
    await reopened.dispose()

    expect(await engine.clearCookies('example.com')).toBe(0)
    expect(await engine.clearCookies('127.0.0.1')).toBe(2)
    expect(await engine.listCookies()).toEqual([])
    const after = await engine.send('c3', req({ method: 'GET', url: `${server.url}/echo` }))
    expect(json(after).cookie).toBeNull()
  })
})
