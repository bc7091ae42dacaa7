import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex')

describe('/echo', () => {
  it('returns method, path and the query with repeated keys as arrays', async () => {
    const res = await fetch(`${pg.url}/echo?a=1&b=x&a=2&a=3&empty=`, { method: 'DELETE' })
    expect(res.status).toBe(200)
    const echo = await res.json()
    expect(echo).toMatchObject({ method: 'DELETE', path: '/echo', query: { a: ['1', '2', '3'], b: 'x', empty: '' } })
  })

  it('preserves raw headers in order and case, and parses cookies', async () => {
    // node:http keeps our header case and order on the wire, which fetch would normalise.
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${pg.url}/echo`,
        {
          method: 'GET',
          headers: ['Host', new URL(pg.url).host, 'X-Zeta', '1', 'x-alpha', '2', 'X-Zeta', '3', 'Cookie', 'session=abc; theme=dark'] as unknown as Record<
            string,
            string
          >
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (text += c))
          res.on('end', () => resolve(text))
        }
      )
      req.on('error', reject)
      req.end()
    })
    const echo = JSON.parse(body)
    const names = echo.rawHeaders.map(([name]: [string]) => name)
    expect(names.filter((n: string) => n !== 'Host' && n !== 'Connection')).toEqual(['X-Zeta', 'x-alpha', 'X-Zeta', 'Cookie'])
    expect(echo.rawHeaders).toContainEqual(['X-Zeta', '3'])
    expect(echo.headers['x-zeta']).toBe('1, 3')
    expect(echo.cookies).toEqual({ session: 'abc', theme: 'dark' })
  })

  it('returns a UTF-8 body as text with its size and sha256', async () => {
    const text = 'héllo wörld ✓'
    const echo = await (await fetch(`${pg.url}/echo`, { method: 'POST', body: text })).json()
    expect(echo.body).toEqual({
      text,
      base64: null,
      bytes: Buffer.byteLength(text),
      sha256: sha256(text),
      truncated: false
    })
  })

  it('returns a non-UTF-8 body as base64', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41])
    const echo = await (await fetch(`${pg.url}/echo`, { method: 'PUT', body: bytes })).json()
    expect(echo.body.text).toBeNull()
    expect(Buffer.from(echo.body.base64, 'base64')).toEqual(Buffer.from(bytes))
    expect(echo.body.bytes).toBe(5)
    expect(echo.body.sha256).toBe(sha256(bytes))
  })

  it('parses JSON and urlencoded forms', async () => {
    const json = await (
      await fetch(`${pg.url}/echo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":[1,2]}'
      })
    ).json()
    expect(json.json).toEqual({ a: [1, 2] })
    const form = await (
      await fetch(`${pg.url}/echo`, {
        method: 'POST',
        body: new URLSearchParams([
          ['name', 'Ada'],
          ['tag', 'a'],
          ['tag', 'b'],
          ['sp', 'x y&z']
        ])
      })
    ).json()
    expect(form.form).toEqual({ name: 'Ada', tag: ['a', 'b'], sp: 'x y&z' })
  })

  it('parses multipart fields and files, with each file size and sha256', async () => {
    const fileBytes = new Uint8Array(50_000).map((_, i) => (i * 31) % 256)
    const data = new FormData()
    data.append('title', 'report')
    data.append('note', 'café')
    data.append('upload', new Blob([fileBytes], { type: 'application/x-custom' }), 'data.bin')
    data.append('readme', new Blob(['hello'], { type: 'text/plain' }), 'readme.txt')
    const echo = await (await fetch(`${pg.url}/echo`, { method: 'POST', body: data })).json()
    expect(echo.multipart.fields).toEqual([
      { name: 'title', value: 'report', truncated: false },
      { name: 'note', value: 'café', truncated: false }
    ])
    expect(echo.multipart.files).toEqual([
      { name: 'upload', filename: 'data.bin', contentType: 'application/x-custom', size: 50_000, sha256: sha256(fileBytes) },
      { name: 'readme', filename: 'readme.txt', contentType: 'text/plain', size: 5, sha256: sha256('hello') }
    ])
  })

  it('measures a body larger than it shows, exactly', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a')
    const echo = await (await fetch(`${pg.url}/echo`, { method: 'POST', body: big })).json()
    expect(echo.body).toMatchObject({ bytes: big.length, sha256: sha256(big), truncated: true })
    expect(echo.body.text.length).toBe(2 * 1024 * 1024)
  })

  it('still shows a large UTF-8 body as text when the cut splits a character', async () => {
    // 2 MiB shown: 1 ASCII byte then 3-byte characters puts the cut inside one.
    const big = 'a' + '✓'.repeat(800_000)
    const echo = await (await fetch(`${pg.url}/echo`, { method: 'POST', body: big })).json()
    expect(echo.body.truncated).toBe(true)
    expect(echo.body.text).toMatch(/^a✓✓✓/)
    expect(echo.body.bytes).toBe(Buffer.byteLength(big))
  })

  it('echoes any path below /echo/', async () => {
    const echo = await (await fetch(`${pg.url}/echo/users/42/notes`)).json()
    expect(echo.path).toBe('/echo/users/42/notes')
  })

  it('answers 400 to a multipart body without a boundary', async () => {
    const res = await fetch(`${pg.url}/echo`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'x' })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/multipart/i)
  })

  it('is also served at /get', async () => {
    const echo = await (await fetch(`${pg.url}/get?x=1`)).json()
    expect(echo).toMatchObject({ method: 'GET', path: '/get', query: { x: '1' } })
  })
})
