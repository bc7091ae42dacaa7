import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let services: Services
let server: TestServer
let tmp: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  tmp = await tempDir()
  services = await createServices({ dataDir: tmp.dir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  server = await startHttpServer((_req, res) => {
    res.setHeader('Set-Cookie', 'sid=abc; Path=/')
    res.setHeader('Content-Type', 'text/plain')
    res.end('hello through the contract')
  })
})

afterAll(async () => {
  await services.dispose()
  await server.close()
  await tmp.remove()
})

describe('http through the contract', () => {
  it('round-trips http.send, emits progress, and lists and clears cookies', async () => {
    const names: string[] = []
    const off = services.events.subscribe((name) => names.push(name))
    const result = await services.invoke('http.send', { requestId: 'c1', request: { method: 'GET', url: `${server.url}/x` } })
    off()
    expect(result.ok).toBe(true)
    const value = (result as { value: { status: number; body: { text: string }; cookiesSet: unknown[] } }).value
    expect(value.status).toBe(200)
    expect(value.body.text).toBe('hello through the contract')
    expect(value.cookiesSet).toHaveLength(1)
    expect(names).toContain('http.progress')

    const listed = await services.invoke('cookies.list', {})
    expect(listed).toMatchObject({ ok: true, value: { cookies: [{ name: 'sid', value: 'abc', domain: '127.0.0.1' }] } })
    expect(await services.invoke('cookies.clear', { domain: '127.0.0.1' })).toEqual({ ok: true, value: { removed: 1 } })
    expect(await services.invoke('cookies.list', undefined)).toEqual({ ok: true, value: { cookies: [] } })
  })

  it('refuses invalid input with invalid_input, and reports engine errors as values', async () => {
    const bad = await services.invoke('http.send', { requestId: '', request: { method: 'GE T', url: 1 } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const badUrl = await services.invoke('http.send', { requestId: 'c2', request: { method: 'GET', url: 'http://' } })
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid_url' } })
    expect(await services.invoke('http.cancel', { requestId: 'nope' })).toEqual({ ok: true, value: { cancelled: false } })
    const missing = await services.invoke('http.readBody', { bodyId: 'deadbeefdeadbeef', offset: 0, length: 10 })
    expect(missing).toMatchObject({ ok: false, error: { code: 'body_not_found' } })
  })
})
