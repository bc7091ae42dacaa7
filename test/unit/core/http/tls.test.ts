import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { once } from 'node:events'
import { readdir, writeFile } from 'node:fs/promises'
import { createSecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect as tlsConnect } from 'node:tls'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import { describeTls } from '../../../../src/core/http/tls'
import { req, selfSignedCert, startHttpsServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>
let plain: TestServer
let caPath: string
let pems: Awaited<ReturnType<typeof selfSignedCert>>
const servers: Array<{ close(): Promise<void> | void }> = []

const hello = (_req: unknown, res: { end(s: string): void }): void => res.end('secure hello')

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: join(tmp.dir, 'data'), env: {} })
  pems = await selfSignedCert('parley-test.local', { clientCertificate: true })
  caPath = join(tmp.dir, 'ca.pem')
  await writeFile(caPath, pems.cert)
  plain = await startHttpsServer({ key: pems.private, cert: pems.cert }, hello)
  servers.push(plain)
})

afterAll(async () => {
  await engine.dispose()
  for (const s of servers) await s.close()
  await tmp.remove()
})

describe('TLS', () => {
  it('refuses a self-signed certificate by default, naming subject, issuer and reason', async () => {
    const error = await engine.send('t1', req({ method: 'GET', url: plain.url })).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'tls_failed' })
    const { message, hint } = error as { message: string; hint: string }
    expect(message).toContain('CN=parley-test.local')
    expect(message).toContain('issued by "CN=parley-test.local')
    expect(message).toContain('self-signed')
    expect(hint).toMatch(/verifyTls: false/)
    expect(hint).toMatch(/CA file/)
  })

  it('accepts it with verifyTls false, reporting why it is not authorized, and returns the chain', async () => {
    const res = await engine.send('t2', req({ method: 'GET', url: plain.url, settings: { verifyTls: false } }))
    expect(res.status).toBe(200)
    expect(res.tls).toMatchObject({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    const leaf = res.tls!.certificates[0]!
    expect(leaf.fingerprint256).toBe(new X509Certificate(pems.cert).fingerprint256)
    expect(leaf.subject).toContain('CN=parley-test.local')
    expect(leaf.subjectAltNames).toEqual(expect.arrayContaining(['DNS:localhost', 'IP Address:127.0.0.1']))
    expect(res.tls!.protocol).toMatch(/^TLSv1\.[23]$/)
    expect(res.tls!.cipher).toBeTruthy()
    expect(res.timings.tls).toBeGreaterThan(0)
  })

  it("reads a connection's certificate chain once, however many responses it carries", async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: plain.port, servername: 'parley-test.local', rejectUnauthorized: false })
    await once(socket, 'secureConnect')
    let reads = 0
    const read = socket.getPeerCertificate.bind(socket)
    socket.getPeerCertificate = ((detailed?: boolean) => {
      reads++
      return read(detailed as true)
    }) as typeof socket.getPeerCertificate
    const first = describeTls(socket)
    const second = describeTls(socket)
    socket.destroy()
    expect(second).toBe(first)
    expect(first.certificates[0]?.subject).toContain('CN=parley-test.local')
    expect(reads).toBe(1)
  })

  it('accepts it when its CA file is added', async () => {
    const res = await engine.send('t3', req({ method: 'GET', url: plain.url, settings: { caFiles: [caPath] } }))
    expect(res.tls).toMatchObject({ authorized: true, authorizationError: null })
    expect((res.body as { text: string }).text).toBe('secure hello')
  })

  it('names a hostname mismatch', async () => {
    const other = await selfSignedCert('other.example', { dnsNames: ['other.example'], ips: [] })
    const server = await startHttpsServer({ key: other.private, cert: other.cert }, hello)
    servers.push(server)
    const ca = join(tmp.dir, 'other.pem')
    await writeFile(ca, other.cert)
    await expect(engine.send('t4', req({ method: 'GET', url: server.url, settings: { caFiles: [ca] } }))).rejects.toMatchObject({
      code: 'tls_failed',
      message: expect.stringMatching(/hostname mismatch.*"127\.0\.0\.1" is not among DNS:other\.example/)
    })
  })

  it('names an expired certificate', async () => {
    const old = await selfSignedCert('old.example', {
      notBeforeDate: new Date(Date.now() - 2 * 365 * 86400_000),
      notAfterDate: new Date(Date.now() - 365 * 86400_000)
    })
    const server = await startHttpsServer({ key: old.private, cert: old.cert }, hello)
    servers.push(server)
    const ca = join(tmp.dir, 'old.pem')
    await writeFile(ca, old.cert)
    await expect(engine.send('t5', req({ method: 'GET', url: server.url, settings: { caFiles: [ca] } }))).rejects.toMatchObject({
      code: 'tls_failed',
      message: expect.stringMatching(/CN=old\.example.*has expired/)
    })
  })

  it('reports a missing CA file as file_not_found', async () => {
    await expect(engine.send('t6', req({ method: 'GET', url: plain.url, settings: { caFiles: [join(tmp.dir, 'missing.pem')] } }))).rejects.toMatchObject({
      code: 'file_not_found',
      message: expect.stringContaining('missing.pem')
    })
  })

  describe('client certificates', () => {
    let mtls: TestServer
    beforeAll(async () => {
      mtls = await startHttpsServer({ key: pems.private, cert: pems.cert, ca: pems.cert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
        const cert = (req.socket as unknown as { getPeerCertificate(): { subject?: { CN?: string } } }).getPeerCertificate()
        res.end(`hello ${cert.subject?.CN ?? 'nobody'}`)
      })
      servers.push(mtls)
      await writeFile(join(tmp.dir, 'client.crt'), pems.clientcert!)
      await writeFile(join(tmp.dir, 'client.key'), pems.clientprivate!)
    })

    it('fails without one, saying the server wants a client certificate', async () => {
      await expect(engine.send('m1', req({ method: 'GET', url: mtls.url, settings: { caFiles: [caPath] } }))).rejects.toMatchObject({
        code: 'tls_failed',
        message: expect.stringMatching(/client certificate/)
      })
    })

    it('succeeds with a PEM certificate and key', async () => {
      const res = await engine.send(
        'm2',
        req({
          method: 'GET',
          url: mtls.url,
          settings: { caFiles: [caPath], clientCert: { type: 'pem', certPath: join(tmp.dir, 'client.crt'), keyPath: join(tmp.dir, 'client.key') } }
        })
      )
      expect((res.body as { text: string }).text).toMatch(/^hello /)
      expect((res.body as { text: string }).text).not.toBe('hello nobody')
    })

    it('succeeds with a PFX and its passphrase', async () => {
      const pfx = join(tmp.dir, 'client.pfx')
      execFileSync('openssl', [
        'pkcs12',
        '-export',
        '-in',
        join(tmp.dir, 'client.crt'),
        '-inkey',
        join(tmp.dir, 'client.key'),
        '-out',
        pfx,
        '-passout',
        'pass:pw'
      ])
      const res = await engine.send(
        'm3',
        req({ method: 'GET', url: mtls.url, settings: { caFiles: [caPath], clientCert: { type: 'pfx', pfxPath: pfx, passphrase: 'pw' } } })
      )
      expect(res.status).toBe(200)
    })
  })

  describe('HTTP/2', () => {
    let url: string
    beforeAll(async () => {
      const server = createSecureServer({ key: pems.private, cert: pems.cert, allowHTTP1: true }, (req, res) => {
        if (req.url === '/endless') {
          const chunk = Buffer.alloc(64 * 1024, 1)
          const timer = setInterval(() => res.write(chunk), 2)
          res.on('close', () => clearInterval(timer))
          return
        }
        res.setHeader('x-version', req.httpVersion)
        res.end(`version ${req.httpVersion}`)
      })
      server.listen(0, '127.0.0.1')
      await once(server, 'listening')
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v`
      servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) })
    })

    it('is negotiated by ALPN and shown in the response', async () => {
      const res = await engine.send('h1', req({ method: 'GET', url, settings: { caFiles: [caPath] } }))
      expect(res.httpVersion).toBe('2')
      expect(res.statusText).toBe('OK')
      expect(res.tls!.alpnProtocol).toBe('h2')
      expect((res.body as { text: string }).text).toBe('version 2.0')
      expect(res.headers).toContainEqual(['x-version', '2.0'])
      const again = await engine.send('h2', req({ method: 'POST', url, body: { type: 'json', text: '{}' }, settings: { caFiles: [caPath] } }))
      expect(again.httpVersion).toBe('2')
      expect(again.timings.reusedConnection).toBe(true)
    })

    it('refuses a forced HTTP/2 when the server only speaks HTTP/1.1', async () => {
      // Node's server refuses the handshake outright; others accept it without h2, which we catch after.
      await expect(engine.send('h4', req({ method: 'GET', url: plain.url, settings: { caFiles: [caPath], httpVersion: '2' } }))).rejects.toMatchObject({
        message: expect.stringMatching(/HTTP version in common|does not offer HTTP\/2/),
        hint: expect.stringContaining('Auto')
      })
    })

    it('cancels an HTTP/2 download midway, leaving no body file', async () => {
      let received = 0
      const sending = engine
        .send('h5', req({ method: 'GET', url: url.replace('/v', '/endless'), settings: { caFiles: [caPath] } }), (p) => (received = p.bytesReceived))
        .catch((e: unknown) => e)
      while (received < 7 * 1024 * 1024) await new Promise((r) => setTimeout(r, 10))
      engine.cancel('h5')
      expect(await sending).toMatchObject({ code: 'cancelled' })
      expect(await readdir(join(tmp.dir, 'data', 'bodies'))).toEqual([])
    })

    it('can be forced to HTTP/1.1', async () => {
      const res = await engine.send('h3', req({ method: 'GET', url, settings: { caFiles: [caPath], httpVersion: '1.1' } }))
      expect(res.httpVersion).toBe('1.1')
      expect((res.body as { text: string }).text).toBe('version 1.1')
    })
  })
})
