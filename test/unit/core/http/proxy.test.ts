import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import { isNoProxy } from '../../../../src/core/http/proxy'
import { req, selfSignedCert, startHttpServer, startHttpsServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

/** A CONNECT proxy that records what it was asked, optionally demanding credentials. */
async function startProxy(credentials?: string, tls?: { key: string; cert: string }): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const refuse = (_req: IncomingMessage, res: ServerResponse): void => {
    res.statusCode = 405
    res.end()
  }
  const server: Server = tls ? (createHttpsServer(tls, refuse) as unknown as Server) : createServer(refuse)
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client)
    const expected = credentials ? `Basic ${Buffer.from(credentials).toString('base64')}` : undefined
    if (expected && request.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="p"\r\n\r\n')
      return
    }
    tunnels.push(request.url!)
    const [host, port] = request.url!.split(':')
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

let target: TestServer
let secure: TestServer
let tmp: Awaited<ReturnType<typeof tempDir>>
const engines: HttpEngine[] = []
const closers: Array<() => Promise<void>> = []

async function engineWith(env: Record<string, string>): Promise<HttpEngine> {
  const e = await createHttpEngine({ dataDir: tmp.dir, env })
  engines.push(e)
  return e
}

beforeAll(async () => {
  tmp = await tempDir()
  target = await startHttpServer((_req, res) => res.end('from target'))
  const pems = await selfSignedCert()
  secure = await startHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('from secure target'))
})

afterAll(async () => {
  for (const e of engines) await e.dispose()
  for (const c of closers) await c()
  await target.close()
  await secure.close()
  await tmp.remove()
})

describe('proxy', () => {
  it('tunnels through the proxy set on the request, for http and https targets', async () => {
    const proxy = await startProxy()
    closers.push(proxy.close)
    const engine = await engineWith({})
    const res = await engine.send('p1', req({ method: 'GET', url: `${target.url}/a`, settings: { proxy: { url: proxy.url } } }))
    expect((res.body as { text: string }).text).toBe('from target')
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`])
    const tls = await engine.send('p2', req({ method: 'GET', url: `${secure.url}/b`, settings: { proxy: { url: proxy.url }, verifyTls: false } }))
    expect((tls.body as { text: string }).text).toBe('from secure target')
    expect(proxy.tunnels).toContain(`127.0.0.1:${secure.port}`)
    expect(tls.tls?.certificates[0]?.subject).toContain('parley-test.local')
  })

  it("tunnels through an https:// proxy, verified with the request's TLS settings", async () => {
    const pems = await selfSignedCert('proxy.local')
    const proxy = await startProxy(undefined, { key: pems.private, cert: pems.cert })
    closers.push(proxy.close)
    const engine = await engineWith({})
    await expect(engine.send('px1', req({ method: 'GET', url: `${target.url}/s`, settings: { proxy: { url: proxy.url } } }))).rejects.toMatchObject({
      code: 'tls_failed',
      message: expect.stringContaining('proxy.local')
    })
    const res = await engine.send('px2', req({ method: 'GET', url: `${target.url}/s`, settings: { proxy: { url: proxy.url }, verifyTls: false } }))
    expect((res.body as { text: string }).text).toBe('from target')
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`])
  })

  it('uses HTTP_PROXY from the environment, with credentials from the proxy URL', async () => {
    const proxy = await startProxy('user:p@ss')
    closers.push(proxy.close)
    const engine = await engineWith({ HTTP_PROXY: proxy.url.replace('http://', 'http://user:p%40ss@') })
    const res = await engine.send('p3', req({ method: 'GET', url: `${target.url}/env` }))
    expect(res.status).toBe(200)
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`])
  })

  it('skips the proxy for hosts in NO_PROXY, and for proxy: none', async () => {
    const proxy = await startProxy()
    closers.push(proxy.close)
    const engine = await engineWith({ http_proxy: proxy.url, no_proxy: 'example.com, 127.0.0.1' })
    expect((await engine.send('p4', req({ method: 'GET', url: `${target.url}/direct` }))).status).toBe(200)
    const direct = await engineWith({ HTTP_PROXY: proxy.url })
    expect((await direct.send('p5', req({ method: 'GET', url: `${target.url}/none`, settings: { proxy: 'none' } }))).status).toBe(200)
    expect(proxy.tunnels).toEqual([])
  })

  it('fails with proxy_failed when the proxy wants credentials or is down', async () => {
    const proxy = await startProxy('user:secret')
    closers.push(proxy.close)
    const engine = await engineWith({})
    await expect(engine.send('p6', req({ method: 'GET', url: target.url, settings: { proxy: { url: proxy.url } } }))).rejects.toMatchObject({
      code: 'proxy_failed',
      message: expect.stringContaining('407'),
      hint: expect.stringContaining('user:password@')
    })
    const down = await startProxy()
    await down.close()
    await expect(engine.send('p7', req({ method: 'GET', url: target.url, settings: { proxy: { url: down.url } } }))).rejects.toMatchObject({
      code: 'proxy_failed',
      message: expect.stringContaining('refused')
    })
  })

  it('matches NO_PROXY entries like curl does', () => {
    const u = (s: string): URL => new URL(s)
    expect(isNoProxy(u('http://api.example.com/'), '.example.com')).toBe(true)
    expect(isNoProxy(u('http://api.example.com/'), 'example.com')).toBe(true)
    expect(isNoProxy(u('http://example.com/'), '.example.com')).toBe(true)
    expect(isNoProxy(u('http://badexample.com/'), 'example.com')).toBe(false)
    expect(isNoProxy(u('http://localhost:8080/'), 'localhost:9090')).toBe(false)
    expect(isNoProxy(u('http://localhost:8080/'), 'localhost:8080')).toBe(true)
    expect(isNoProxy(u('http://anything/'), '*')).toBe(true)
  })
})
