import { createHash, randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import type { HttpProgress } from '../../../../src/shared/http'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let engine: HttpEngine
let server: TestServer
let tmp: Awaited<ReturnType<typeof tempDir>>
const text = 'Grüße, Parley! '.repeat(200)
const big = randomBytes(20 * 1024 * 1024)
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

const encoders: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => gzipSync(b),
  deflate: (b) => deflateSync(b),
  'deflate-raw': (b) => deflateRawSync(b),
  br: (b) => brotliCompressSync(b)
}

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: tmp.dir, env: {} })
  server = await startHttpServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    const enc = url.searchParams.get('enc')
    if (url.pathname === '/enc' && enc) {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      if (enc === 'zstd') {
        res.setHeader('Content-Encoding', 'zstd')
        return void res.end(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]))
      }
      res.setHeader('Content-Encoding', enc === 'deflate-raw' ? 'deflate' : enc)
      return void res.end(encoders[enc]!(Buffer.from(text)))
    }
    if (url.pathname === '/corrupt') {
      res.setHeader('Content-Type', 'text/plain')
      res.setHeader('Content-Encoding', 'gzip')
      return void res.end(Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(5000, 0xff)]))
    }
    if (url.pathname === '/latin1') {
      res.setHeader('Content-Type', 'text/plain; charset=ISO-8859-1')
      return void res.end(iconv.encode('café déjà vu', 'latin1'))
    }
    if (url.pathname === '/sjis') {
      res.setHeader('Content-Type', 'text/html; charset=Shift_JIS')
      return void res.end(iconv.encode('こんにちは世界', 'shift_jis'))
    }
    if (url.pathname === '/big') {
      res.setHeader('Content-Type', 'application/octet-stream')
      res.setHeader('Content-Length', String(big.length))
      return void res.end(big)
    }
    if (url.pathname === '/big-gzip') {
      res.setHeader('Content-Type', 'text/plain')
      res.setHeader('Content-Encoding', 'gzip')
      return void res.end(gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a')))
    }
    res.end()
  })
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  await tmp.remove()
})

describe('decoding', () => {
  it.each(Object.keys(encoders))('undoes %s and keeps the raw bytes', async (enc) => {
    const res = await engine.send(`e-${enc}`, req({ method: 'GET', url: `${server.url}/enc?enc=${enc}` }))
    expect(res.body.kind).toBe('inline')
    const body = res.body as Extract<typeof res.body, { kind: 'inline' }>
    expect(body.text).toBe(text)
    expect(Buffer.from(body.base64, 'base64').toString()).toBe(text)
    expect(body.rawBase64).toBe(encoders[enc]!(Buffer.from(text)).toString('base64'))
    expect(res.sizes.bodyWire).toBeLessThan(res.sizes.bodyDecoded)
    expect(res.sizes.bodyDecoded).toBe(Buffer.byteLength(text))
  })

  it('asks for the encodings it can undo', async () => {
    await engine.send('e-ae', req({ method: 'GET', url: `${server.url}/enc?enc=gzip` }))
    expect(server.seen.at(-1)!.headers['accept-encoding']).toMatch(/^gzip, deflate, br/)
  })

  it('says clearly when zstd cannot be undone on this Node, showing the body as received', async () => {
    const res = await engine.send('e-zstd', req({ method: 'GET', url: `${server.url}/enc?enc=zstd` }))
    if (process.versions.node.split('.').map(Number)[0]! < 22) {
      expect(res.warnings.join(' ')).toMatch(/zstd is not supported by Node 2\d/)
      expect(res.body.kind === 'inline' && Buffer.from(res.body.base64, 'base64')).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]))
    }
  })

  it('shows a body that fails to decode as received, with a warning', async () => {
    const res = await engine.send('e-bad', req({ method: 'GET', url: `${server.url}/corrupt` }))
    expect(res.status).toBe(200)
    expect(res.warnings.join(' ')).toMatch(/could not be decoded/)
    expect(res.body.kind === 'inline' && Buffer.from(res.body.base64, 'base64').length).toBe(5010)
  })

  it('decodes latin1 and Shift_JIS text with the charset of the Content-Type', async () => {
    const l = await engine.send('e-l1', req({ method: 'GET', url: `${server.url}/latin1` }))
    expect(l.body).toMatchObject({ kind: 'inline', text: 'café déjà vu', charset: 'iso-8859-1' })
    const s = await engine.send('e-sj', req({ method: 'GET', url: `${server.url}/sjis` }))
    expect(s.body).toMatchObject({ kind: 'inline', text: 'こんにちは世界', charset: 'shift_jis' })
  })
})

describe('large bodies', () => {
  it('streams a 20 MB body to a file with progress; readBody slices reassemble byte-exact; discardBody deletes it', async () => {
    const progress: HttpProgress[] = []
    const res = await engine.send('big', req({ method: 'GET', url: `${server.url}/big` }), (p) => progress.push(p))
    expect(res.body.kind).toBe('file')
    const body = res.body as Extract<typeof res.body, { kind: 'file' }>
    expect(body.size).toBe(big.length)
    expect(res.sizes.bodyWire).toBe(big.length)
    const parts: Buffer[] = []
    for (let offset = 0; ;) {
      const slice = await engine.readBody(body.bodyId, offset, 1024 * 1024)
      expect(slice.total).toBe(big.length)
      parts.push(Buffer.from(slice.base64, 'base64'))
      offset += slice.length
      if (slice.eof) break
    }
    expect(sha(Buffer.concat(parts))).toBe(sha(big))
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.every((p) => p.requestId === 'big')).toBe(true)
    expect(progress.some((p) => p.phase === 'receiving' && p.totalBytes === big.length)).toBe(true)
    await engine.discardBody(body.bodyId)
    expect(await readdir(join(tmp.dir, 'bodies'))).toEqual([])
    await expect(engine.readBody(body.bodyId, 0, 10)).rejects.toMatchObject({ code: 'body_not_found' })
  })

  it('a small gzip body that inflates past 5 MB goes to a file, the raw bytes stay inline', async () => {
    // 8 MB of one letter is 1000:1, a decompression bomb by default: allowed here on purpose.
    const res = await engine.send('bigz', req({ method: 'GET', url: `${server.url}/big-gzip`, settings: { maxDecompressionRatio: 0 } }))
    expect(res.body).toMatchObject({ kind: 'file', size: 8 * 1024 * 1024, charset: 'utf-8' })
    expect(res.body.rawBase64).toBeTruthy()
    await engine.discardBody((res.body as { bodyId: string }).bodyId)
  })
})
