import { X509Certificate } from 'node:crypto'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { createSecureServer, type Http2SecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import type { HttpResponse } from '../../../../src/shared/http'
import { req, selfSignedCert, startHttpServer, startHttpsServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

// The exchange learns its socket (timing phases, remote address, TLS details, HTTP version) through undici's
// diagnostics channels. Should an undici release change them, every send still succeeds and these details
// quietly come back empty: this file names each one that is missing.

let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>
let http: TestServer
let https: TestServer
let h2: Http2SecureServer
let h2Port: number
let caPath: string
let pems: Awaited<ReturnType<typeof selfSignedCert>>

/** Headers first, the body on a later turn, so that every phase has a moment of its own. */
function slowBody(res: { writeHead(status: number, headers: Record<string, string>): unknown; write(s: string): unknown; end(s: string): unknown }): void {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.write('first half, ')
  setImmediate(() => res.end('second half'))
}

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: join(tmp.dir, 'data'), env: {} })
  pems = await selfSignedCert('parley-probe.local')
  caPath = join(tmp.dir, 'ca.pem')
  await writeFile(caPath, pems.cert)
  http = await startHttpServer((_req, res) => slowBody(res))
  https = await startHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => slowBody(res))
  h2 = createSecureServer({ key: pems.private, cert: pems.cert }, (_req, res) => slowBody(res))
  h2.listen(0, '127.0.0.1')
  await once(h2, 'listening')
  h2Port = (h2.address() as AddressInfo).port
})

afterAll(async () => {
  await engine.dispose()
  await http.close()
  await https.close()
  await new Promise<void>((resolve) => h2.close(() => resolve()))
  await tmp.remove()
})

/** The names of every detail that came back empty, so a failure says exactly what was lost. */
function missing(res: HttpResponse, expect: { fresh: boolean; tls: boolean; dns: boolean }): string[] {
  const lost: string[] = []
  const t = res.timings
  const phases: Array<[string, number, boolean]> = [
    ['dns', t.dns, expect.fresh && expect.dns],
    ['connect', t.connect, expect.fresh],
    ['tls', t.tls, expect.fresh && expect.tls],
    ['requestSent', t.requestSent, true],
    ['firstByte', t.firstByte, true],
    ['download', t.download, true],
    ['total', t.total, true]
  ]
  for (const [name, value, wanted] of phases) if (wanted && !(value > 0)) lost.push(`timings.${name}`)
  if (t.reusedConnection === expect.fresh) lost.push('timings.reusedConnection')
  if (!res.remoteAddress?.address || !res.remoteAddress.port || !res.remoteAddress.family) lost.push('remoteAddress')
  if (!expect.tls) {
    if (res.tls !== null) lost.push('tls (should be null over plain HTTP)')
    return lost
  }
  const tls = res.tls
  if (!tls) return [...lost, 'tls']
  if (!tls.protocol?.startsWith('TLSv1.')) lost.push('tls.protocol')
  if (!tls.cipher) lost.push('tls.cipher')
  if (!tls.alpnProtocol) lost.push('tls.alpnProtocol')
  if (!tls.authorized) lost.push(`tls.authorized (${tls.authorizationError})`)
  const leaf = tls.certificates[0]
  if (!leaf) return [...lost, 'tls.certificates']
  if (leaf.fingerprint256 !== new X509Certificate(pems.cert).fingerprint256) lost.push('tls.certificates[0].fingerprint256')
  if (!leaf.subject.includes('CN=parley-probe.local')) lost.push('tls.certificates[0].subject')
  if (!leaf.issuer || !leaf.validFrom || !leaf.validTo || !leaf.serialNumber) lost.push('tls.certificates[0] dates, issuer or serial')
  if (!leaf.subjectAltNames.includes('DNS:localhost')) lost.push('tls.certificates[0].subjectAltNames')
  return lost
}

describe('every timing phase and TLS detail of an exchange', () => {
  it('over HTTP/1.1 without TLS, on a fresh connection and on the same one reused', async () => {
    const first = await engine.send('p1', req({ method: 'POST', url: `http://localhost:${http.port}/a`, body: { type: 'text', text: 'hello' } }))
    expect(first.httpVersion).toBe('1.1')
    expect(missing(first, { fresh: true, tls: false, dns: true })).toEqual([])
    const again = await engine.send('p2', req({ method: 'GET', url: `http://localhost:${http.port}/b` }))
    expect(missing(again, { fresh: false, tls: false, dns: true })).toEqual([])
  })

  it('over HTTPS (HTTP/1.1), fresh and reused: phases, remote address and the certificate that was served', async () => {
    const settings = { caFiles: [caPath], httpVersion: '1.1' as const }
    const first = await engine.send('p3', req({ method: 'GET', url: `https://localhost:${https.port}/a`, settings }))
    expect(first.httpVersion).toBe('1.1')
    expect(missing(first, { fresh: true, tls: true, dns: true })).toEqual([])
    expect(first.tls!.alpnProtocol).toBe('http/1.1')
    const again = await engine.send('p4', req({ method: 'GET', url: `https://localhost:${https.port}/b`, settings }))
    expect(missing(again, { fresh: false, tls: true, dns: true })).toEqual([])
  })

  it('over HTTP/2, fresh and reused', async () => {
    const settings = { caFiles: [caPath] }
    const first = await engine.send('p5', req({ method: 'GET', url: `https://localhost:${h2Port}/a`, settings }))
    expect(first.httpVersion).toBe('2')
    expect(missing(first, { fresh: true, tls: true, dns: true })).toEqual([])
    expect(first.tls!.alpnProtocol).toBe('h2')
    const again = await engine.send('p6', req({ method: 'GET', url: `https://localhost:${h2Port}/b`, settings }))
    expect(again.httpVersion).toBe('2')
    expect(missing(again, { fresh: false, tls: true, dns: true })).toEqual([])
  })
})
