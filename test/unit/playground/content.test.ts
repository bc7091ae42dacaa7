import { createHash } from 'node:crypto'
import { get } from 'node:http'
import { connect } from 'node:net'
import * as zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

/** Raw bytes and headers as sent: fetch would decompress and decode them for us. */
function rawGet(path: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(pg.url + path, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

describe('encodings', () => {
  const cases = [
    ['/gzip', 'gzip', zlib.gunzipSync],
    ['/deflate', 'deflate', zlib.inflateSync],
    ['/brotli', 'br', zlib.brotliDecompressSync]
  ] as const

  for (const [path, encoding, decompress] of cases) {
    it(`${path} sends JSON with Content-Encoding: ${encoding}`, async () => {
      const raw = await rawGet(path)
      expect(raw.status).toBe(200)
      expect(raw.headers['content-encoding']).toBe(encoding)
      expect(Number(raw.headers['content-length'])).toBe(raw.body.length)
      expect(() => JSON.parse(raw.body.toString('utf8'))).toThrow()
      const doc = JSON.parse(decompress(raw.body).toString('utf8'))
      expect(doc.encoding).toBe(encoding)
      // And a real client decodes it transparently.
      expect((await (await fetch(pg.url + path)).json()).encoding).toBe(encoding)
    })
  }

  it('/zstd compresses where Node has zstd, and explains 501 where it does not', async () => {
    const hasZstd = typeof (zlib as unknown as Record<string, unknown>).zstdCompress === 'function'
    const raw = await rawGet('/zstd')
    if (hasZstd) {
      expect(raw.status).toBe(200)
      expect(raw.headers['content-encoding']).toBe('zstd')
    } else {
      expect(raw.status).toBe(501)
      expect(JSON.parse(raw.body.toString('utf8')).error).toMatch(/zstd is not available/)
    }
  })
})

describe('/bytes/:n', () => {
  it('sends n octets with Content-Length, reproducible by seed', async () => {
    const a = await rawGet('/bytes/100000?seed=42')
    expect(a.headers['content-type']).toBe('application/octet-stream')
    expect(a.headers['content-length']).toBe('100000')
    expect(a.body.length).toBe(100_000)
    const b = await rawGet('/bytes/100000?seed=42')
    expect(b.body.equals(a.body)).toBe(true)
    const c = await rawGet('/bytes/100000?seed=43')
    expect(c.body.equals(a.body)).toBe(false)
    // Not a constant fill: a seeded stream uses (nearly) every byte value.
    expect(new Set(a.body).size).toBeGreaterThan(250)
  })

  it('reports the seed it chose, so a random download can be reproduced', async () => {
    const first = await rawGet('/bytes/1000')
    const seed = first.headers['x-seed']
    expect(seed).toMatch(/^\d+$/)
    expect((await rawGet(`/bytes/1000?seed=${seed}`)).body.equals(first.body)).toBe(true)
  })

  it('answers 400 past the cap or for a bad seed', async () => {
    expect((await rawGet('/bytes/104857601')).status).toBe(400)
    expect((await rawGet('/bytes/10?seed=x')).status).toBe(400)
  })
})

describe('/stream/:n', () => {
  it('sends n JSON lines, each in its own HTTP chunk', async () => {
    // Read the raw chunked framing off a socket: fetch would hide where one chunk ends.
    const { port } = new URL(pg.url)
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /stream/5 HTTP/1.1\r\nHost: playground\r\nConnection: close\r\n\r\n'))
      let text = ''
      socket.setEncoding('utf8').on('data', (c: string) => (text += c))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)]
    expect(head).toMatch(/transfer-encoding: chunked/i)
    expect(head).toMatch(/content-type: application\/x-ndjson/i)
    const chunks: string[] = []
    for (let at = 0; ;) {
      const lineEnd = body.indexOf('\r\n', at)
      const size = parseInt(body.slice(at, lineEnd), 16)
      if (size === 0) break
      chunks.push(body.slice(lineEnd + 2, lineEnd + 2 + size))
      at = lineEnd + 2 + size + 2
    }
    expect(chunks).toHaveLength(5)
    chunks.forEach((chunk, i) => {
      expect(chunk.endsWith('\n')).toBe(true)
      expect(JSON.parse(chunk)).toMatchObject({ id: i, of: 5 })
    })
  })

  it('paces lines with ?interval, so the first arrives before the last is made', async () => {
    const started = Date.now()
    const reader = (await fetch(`${pg.url}/stream/4?interval=100`)).body!.pipeThrough(new TextDecoderStream()).getReader()
    const first = await reader.read()
    expect(first.value!.trimEnd().split('\n').length).toBeLessThan(4)
    let text = first.value!
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id)
    ).toEqual([0, 1, 2, 3])
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('streams many lines without a pause', async () => {
    const text = await (await fetch(`${pg.url}/stream/2000`)).text()
    expect(text.trimEnd().split('\n')).toHaveLength(2000)
  })
})

describe('/json/large', () => {
  it('streams a deterministic JSON document of exactly N MiB', async () => {
    const res = await fetch(`${pg.url}/json/large?mb=2`)
    expect(res.headers.get('content-length')).toBe(String(2 * 1024 * 1024))
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.length).toBe(2 * 1024 * 1024)
    const doc = JSON.parse(bytes.toString('utf8'))
    expect(doc.items.length).toBeGreaterThan(1000)
    expect(doc.items[5]).toMatchObject({ id: 5, name: 'item 5' })
    const again = Buffer.from(await (await fetch(`${pg.url}/json/large?mb=2`)).arrayBuffer())
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    expect(hash(again)).toBe(hash(bytes))
  })

  it('accepts fractions and refuses more than 512 MB', async () => {
    const small = await fetch(`${pg.url}/json/large?mb=0.25`)
    expect((await small.arrayBuffer()).byteLength).toBe(256 * 1024)
    for (const mb of ['513', '0', 'abc', '']) {
      const res = await fetch(`${pg.url}/json/large?mb=${mb}`)
      expect(res.status).toBe(400)
    }
  })
})

describe('documents', () => {
  it('/image/png is a valid PNG with correct chunk CRCs', async () => {
    const raw = await rawGet('/image/png')
    expect(raw.headers['content-type']).toBe('image/png')
    const png = raw.body
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const chunks: Array<{ type: string; data: Buffer }> = []
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at)
      const type = png.toString('ascii', at + 4, at + 8)
      const data = png.subarray(at + 8, at + 8 + length)
      expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(png.subarray(at + 4, at + 8 + length)) >>> 0)
      chunks.push({ type, data })
      at += 12 + length
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
    const width = chunks[0]!.data.readUInt32BE(0)
    const height = chunks[0]!.data.readUInt32BE(4)
    expect(zlib.inflateSync(chunks[1]!.data).length).toBe((width * 3 + 1) * height)
  })

  it('/html is an HTML page with a script', async () => {
    const res = await fetch(`${pg.url}/html`)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toMatch(/<script>[^<]+<\/script>/)
  })

  it('/xml is an XML document', async () => {
    const res = await fetch(`${pg.url}/xml`)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(await res.text()).toMatch(/^<\?xml version="1.0"[^>]*\?>\s*<playground/)
  })

  it('/charset/latin1 sends ISO-8859-1 bytes', async () => {
    const raw = await rawGet('/charset/latin1')
    expect(raw.headers['content-type']).toBe('text/plain; charset=iso-8859-1')
    // "Café": é is the single byte 0xE9 in Latin-1 (UTF-8 would be 0xC3 0xA9).
    expect(raw.body.subarray(0, 4)).toEqual(Buffer.from([0x43, 0x61, 0x66, 0xe9]))
    expect(raw.body.includes(Buffer.from([0xc3, 0xa9]))).toBe(false)
    expect(new TextDecoder('iso-8859-1').decode(raw.body)).toContain('Café naïve')
  })

  it('/charset/shift_jis sends Shift_JIS bytes', async () => {
    const raw = await rawGet('/charset/shift_jis')
    expect(raw.headers['content-type']).toBe('text/plain; charset=shift_jis')
    // こ is 0x82 0xB1 in Shift_JIS.
    expect(raw.body.subarray(0, 2)).toEqual(Buffer.from([0x82, 0xb1]))
    expect(new TextDecoder('shift_jis').decode(raw.body)).toMatch(/^こんにちは、世界。/)
  })
})
