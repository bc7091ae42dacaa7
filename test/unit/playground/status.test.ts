import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

const manual = (path: string, init: RequestInit = {}) => fetch(pg.url + path, { ...init, redirect: 'manual' })

describe('/status/:code', () => {
  it('answers with the requested status and a JSON body', async () => {
    for (const code of [200, 201, 404, 418, 500, 599]) {
      const res = await fetch(`${pg.url}/status/${code}`, { method: code === 201 ? 'POST' : 'GET' })
      expect(res.status).toBe(code)
      expect((await res.json()).status).toBe(code)
    }
  })

  it('sends no body for 204 and 304, and the headers a status needs', async () => {
    const empty = await fetch(`${pg.url}/status/204`)
    expect(empty.status).toBe(204)
    expect(await empty.text()).toBe('')
    expect((await manual('/status/302')).headers.get('location')).toBe('/get')
    expect((await fetch(`${pg.url}/status/401`)).headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await fetch(`${pg.url}/status/429`)).headers.get('retry-after')).toBe('1')
  })

  it('turns a 1xx into an interim response followed by a final 200', async () => {
    const res = await fetch(`${pg.url}/status/103`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ informational: 103 })
  })

  it('answers 400 outside 100-599 or for a non-number', async () => {
    for (const code of ['99', '600', 'abc', '2e2']) {
      const res = await fetch(`${pg.url}/status/${code}`)
      expect(res.status).toBe(400)
      expect((await res.json()).fields.code).toBeTruthy()
    }
  })
})

describe('/delay/:ms', () => {
  it('waits at least that long', async () => {
    const started = Date.now()
    const res = await fetch(`${pg.url}/delay/150`)
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(145)
    expect((await res.json()).delayedMs).toBe(150)
  })

  it('refuses more than 60000 ms', async () => {
    expect((await fetch(`${pg.url}/delay/60001`)).status).toBe(400)
    expect((await fetch(`${pg.url}/delay/-1`)).status).toBe(400)
  })

  it('keeps serving after a client abandons a delay', async () => {
    const controller = new AbortController()
    const pending = fetch(`${pg.url}/delay/5000`, { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toThrow()
    expect((await fetch(`${pg.url}/delay/0`)).status).toBe(200)
  })
})

describe('redirects', () => {
  it('/redirect/:n hops n times and ends at /get', async () => {
    const first = await manual('/redirect/3')
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/redirect/2')
    expect((await manual('/redirect/1')).headers.get('location')).toBe('/get')
    const followed = await fetch(`${pg.url}/redirect/3`)
    expect(followed.status).toBe(200)
    expect(followed.redirected).toBe(true)
    expect(new URL(followed.url).pathname).toBe('/get')
  })

  it('/redirect/:n keeps ?status on every hop, and 307 preserves the method and body', async () => {
    expect((await manual('/redirect/2?status=307')).headers.get('location')).toBe('/redirect/1?status=307')
    const res = await fetch(`${pg.url}/redirect/2?status=307`, { method: 'POST', body: 'kept' })
    const echo = await res.json()
    expect(echo).toMatchObject({ method: 'POST', path: '/get', body: { text: 'kept' } })
  })

  it('/redirect-to sends each allowed status to the given url', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const res = await manual(`/redirect-to?url=${encodeURIComponent('http://example.test/x?y=1')}&status=${status}`)
      expect(res.status).toBe(status)
      expect(res.headers.get('location')).toBe('http://example.test/x?y=1')
    }
    expect((await manual('/redirect-to?url=/get')).status).toBe(302)
  })

  it('/redirect-to answers 400 without a url or with another status', async () => {
    expect((await manual('/redirect-to?status=302')).status).toBe(400)
    expect((await manual('/redirect-to?url=/get&status=200')).status).toBe(400)
    expect((await manual('/redirect/0')).status).toBe(400)
  })
})

describe('cookies', () => {
  it('/cookies/set sets cookies and redirects to /cookies', async () => {
    const res = await manual('/cookies/set?flavour=oat&size=big')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/cookies')
    expect(res.headers.getSetCookie()).toEqual(['flavour=oat; Path=/', 'size=big; Path=/'])
  })

  it('/cookies reports the cookies it received', async () => {
    const res = await fetch(`${pg.url}/cookies`, { headers: { Cookie: 'flavour=oat; size=big' } })
    expect(await res.json()).toEqual({ cookies: { flavour: 'oat', size: 'big' } })
  })

  it('/cookies/delete expires cookies and redirects to /cookies', async () => {
    const res = await manual('/cookies/delete?flavour')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/cookies')
    const [cookie] = res.headers.getSetCookie()
    expect(cookie).toMatch(/^flavour=; Path=\/; Max-Age=0/)
  })

  it('refuses cookie values a header cannot carry', async () => {
    expect((await manual('/cookies/set?bad=a%3Bb')).status).toBe(400)
    expect((await manual('/cookies/set')).status).toBe(400)
  })
})
