import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { selfSignedCert, startHttpServer, startHttpsServer, type TestServer } from './http/testServers'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function services(): Promise<Services> {
  const s = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  cleanup.push(() => s.dispose())
  return s
}

async function server(start: () => Promise<TestServer>): Promise<TestServer> {
  const started = await start()
  cleanup.push(() => started.close())
  return started
}

const send = (s: Services, url: string) => s.invoke('http.send', { requestId: `r-${Math.random()}`, request: { method: 'GET', url } })

describe('app-wide HTTP settings', () => {
  it('turning TLS verification off for the app lets a self-signed server through, and on again refuses it', async () => {
    const pems = await selfSignedCert()
    const https = await server(() => startHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('hello')))
    const s = await services()
    expect(await send(s, https.url)).toMatchObject({ ok: false, error: { code: 'tls_failed' } })
    await s.invoke('settings.update', { verifyTls: false })
    expect(await send(s, https.url)).toMatchObject({ ok: true, value: { status: 200 } })
    await s.invoke('settings.update', { verifyTls: true })
    expect(await send(s, https.url)).toMatchObject({ ok: false, error: { code: 'tls_failed' } })
  })

  it('sends through the app proxy when one is set, and directly when it is cleared', async () => {
    const target = await server(() => startHttpServer((_req, res) => res.end('direct')))
    // A "proxy" that accepts and hangs up at once: a request that goes through it cannot succeed.
    const refusing = createServer((socket) => socket.destroy())
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    cleanup.push(() => new Promise((resolve) => refusing.close(() => resolve())))
    const proxyPort = (refusing.address() as { port: number }).port
    const s = await services()
    await s.invoke('settings.update', { proxyUrl: `http://127.0.0.1:${proxyPort}` })
    const viaProxy = await send(s, `${target.url}/x`)
    expect(viaProxy.ok).toBe(false)
    expect(target.seen).toHaveLength(0)
    await s.invoke('settings.update', { proxyUrl: '' })
    expect(await send(s, `${target.url}/x`)).toMatchObject({ ok: true, value: { status: 200 } })
    expect(target.seen).toHaveLength(1)
  })

  it('refuses a proxy that is not an http(s) URL and keeps the old setting', async () => {
    const s = await services()
    expect(await s.invoke('settings.update', { proxyUrl: 'socks5://x:1080' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await s.invoke('settings.get', {})).toMatchObject({ ok: true, value: { proxyUrl: '' } })
  })

  it('stops responses at the app-wide size limit, unless a request sets its own', async () => {
    const big = Buffer.alloc(300_000, 'z')
    const target = await server(() => startHttpServer((_req, res) => res.end(big)))
    const s = await services()
    expect(await s.invoke('settings.get', {})).toMatchObject({
      ok: true,
      value: { maxResponseBytes: 1024 ** 3, idleTimeoutMs: 60_000, maxDecompressionRatio: 100 }
    })
    expect(await send(s, target.url)).toMatchObject({ ok: true, value: { body: { size: 300_000 } } })
    await s.invoke('settings.update', { maxResponseBytes: 100_000 })
    const limited = await send(s, target.url)
    expect(limited).toMatchObject({ ok: true, value: { stopped: { code: 'response_too_large' }, body: { size: 100_000 } } })
    const own = await s.invoke('http.send', { requestId: 'own-limit', request: { method: 'GET', url: target.url, settings: { maxResponseBytes: 0 } } })
    expect(own).toMatchObject({ ok: true, value: { body: { size: 300_000 } } })
    expect((own as { value: { stopped?: unknown } }).value.stopped).toBeUndefined()
  })
})
