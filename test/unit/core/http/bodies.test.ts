import { createHash, randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import busboy from 'busboy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import type { HttpRequestInput } from '../../../../src/shared/http'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let server: TestServer
let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

interface PartSeen {
  name: string
  filename?: string
  mimeType?: string
  sha256?: string
  value?: string
}
const multipartSeen: PartSeen[][] = []

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: join(tmp.dir, 'data'), env: {} })
  server = await startHttpServer((req, res, body) => {
    if (req.url === '/multipart') {
      const parts: PartSeen[] = []
      const bb = busboy({ headers: req.headers })
      bb.on('file', (name, stream, info) => {
        const hash = createHash('sha256')
        stream.on('data', (c: Buffer) => hash.update(c))
        stream.on('end', () => parts.push({ name, filename: info.filename, mimeType: info.mimeType, sha256: hash.digest('hex') }))
      })
      bb.on('field', (name, value, info) => parts.push({ name, value, mimeType: info.mimeType }))
      bb.on('close', () => {
        multipartSeen.push(parts)
        res.end('ok')
      })
      bb.end(body)
      return
    }
    res.end(`got ${body.length}`)
  })
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  await tmp.remove()
})

describe('request bodies', () => {
  it.each<[string, HttpRequestInput['body'], string, string]>([
    ['json', { type: 'json', text: '{"a":[1,2]}' }, 'application/json', '{"a":[1,2]}'],
    ['text', { type: 'text', text: 'héllo' }, 'text/plain; charset=utf-8', 'héllo'],
    ['xml', { type: 'xml', text: '<a>1</a>' }, 'application/xml', '<a>1</a>'],
    [
      'form',
      {
        type: 'form',
        fields: [
          { name: 'a b', value: 'x&y' },
          { name: 'off', value: '1', enabled: false },
          { name: 'c', value: 'é' }
        ]
      },
      'application/x-www-form-urlencoded',
      'a+b=x%26y&c=%C3%A9'
    ],
    [
      'graphql',
      { type: 'graphql', query: '{ me { id } }', variables: '{"id": 3}', operationName: 'Me' },
      'application/json',
      '{"query":"{ me { id } }","variables":{"id":3},"operationName":"Me"}'
    ]
  ])('sends a %s body byte-exact with its default Content-Type', async (_name, body, contentType, expected) => {
    await engine.send(`b-${_name}`, req({ method: 'POST', url: `${server.url}/echo`, body }))
    const seen = server.seen.at(-1)!
    expect(seen.headers['content-type']).toBe(contentType)
    expect(seen.body.toString('utf8')).toBe(expected)
    expect(Number(seen.headers['content-length'])).toBe(Buffer.byteLength(expected))
  })

  it('keeps a Content-Type the user set', async () => {
    await engine.send(
      'b-ct',
      req({
        method: 'PUT',
        url: `${server.url}/echo`,
        headers: [{ name: 'content-type', value: 'application/vnd.api+json' }],
        body: { type: 'json', text: '{}' }
      })
    )
    expect(server.seen.at(-1)!.headers['content-type']).toBe('application/vnd.api+json')
  })

  it('omits variables of a GraphQL body when they are empty', async () => {
    await engine.send('b-gql', req({ method: 'POST', url: `${server.url}/echo`, body: { type: 'graphql', query: '{ a }' } }))
    expect(JSON.parse(server.seen.at(-1)!.body.toString())).toEqual({ query: '{ a }' })
  })

  it('streams a binary file byte-exact, reporting upload progress', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17)
    const path = join(tmp.dir, 'blob.bin')
    await writeFile(path, data)
    const progress: Array<{ phase: string; bytesSent: number }> = []
    await engine.send('b-bin', req({ method: 'POST', url: `${server.url}/echo`, body: { type: 'binary', path } }), (p) => progress.push(p))
    expect(progress[0]!.phase).toBe('connecting')
    expect(Math.max(...progress.map((p) => p.bytesSent))).toBe(data.length)
    const seen = server.seen.at(-1)!
    expect(sha(seen.body)).toBe(sha(data))
    expect(seen.headers['content-type']).toBe('application/octet-stream')
    expect(Number(seen.headers['content-length'])).toBe(data.length)
  })

  it('streams multipart text parts and files with filename and content type, byte-exact', async () => {
    const a = randomBytes(2 * 1024 * 1024)
    const b = Buffer.from('{"k":"v"}')
    await writeFile(join(tmp.dir, 'a.png'), a)
    await writeFile(join(tmp.dir, 'data.json'), b)
    const res = await engine.send(
      'b-mp',
      req({
        method: 'POST',
        url: `${server.url}/multipart`,
        body: {
          type: 'multipart',
          parts: [
            { kind: 'text', name: 'title', value: 'Hello "world"' },
            { kind: 'file', name: 'image', path: join(tmp.dir, 'a.png') },
            { kind: 'text', name: 'skipped', value: 'x', enabled: false },
            { kind: 'file', name: 'doc', path: join(tmp.dir, 'data.json'), filename: 'renamed.json', contentType: 'application/x-custom' }
          ]
        }
      })
    )
    expect(res.status).toBe(200)
    expect(server.seen.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(multipartSeen.at(-1)).toEqual([
      { name: 'title', value: 'Hello "world"', mimeType: 'text/plain' },
      { name: 'image', filename: 'a.png', mimeType: 'image/png', sha256: sha(a) },
      { name: 'doc', filename: 'renamed.json', mimeType: 'application/x-custom', sha256: sha(b) }
    ])
  })

  it('refuses a missing file with file_not_found naming the path, sending nothing', async () => {
    const before = server.seen.length
    const missing = join(tmp.dir, 'nope.bin')
    await expect(engine.send('b-miss', req({ method: 'POST', url: `${server.url}/echo`, body: { type: 'binary', path: missing } }))).rejects.toMatchObject({
      code: 'file_not_found',
      message: expect.stringContaining(missing)
    })
    await expect(
      engine.send(
        'b-miss2',
        req({ method: 'POST', url: `${server.url}/multipart`, body: { type: 'multipart', parts: [{ kind: 'file', name: 'f', path: missing }] } })
      )
    ).rejects.toMatchObject({ code: 'file_not_found', message: expect.stringContaining(missing) })
    expect(server.seen.length).toBe(before)
  })

  it('refuses GraphQL variables that are not JSON with invalid_body', async () => {
    await expect(
      engine.send('b-badgql', req({ method: 'POST', url: `${server.url}/echo`, body: { type: 'graphql', query: '{ a }', variables: '{id: 1' } }))
    ).rejects.toMatchObject({ code: 'invalid_body', hint: expect.any(String) })
  })
})
