import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ResponseHistory } from '../../../../src/core/compare/responseHistory'
import type { HttpResponse } from '../../../../src/shared/http'

let dataDir: string
let bodiesDir: string
let clock = 0
const history = (): ResponseHistory => new ResponseHistory(dataDir, bodiesDir, () => new Date(Date.UTC(2026, 0, 1) + clock++ * 1000))

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parley-responses-'))
  bodiesDir = join(dataDir, 'bodies')
  await mkdir(bodiesDir)
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

function response(requestId: string, text: string, status = 200): HttpResponse {
  const base64 = Buffer.from(text).toString('base64')
  return {
    requestId,
    url: 'http://127.0.0.1/api/notes',
    method: 'GET',
    status,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['content-type', 'application/json']],
    redirects: [],
    timings: { dns: 0, connect: 0, tls: 0, requestSent: 0, firstByte: 1, download: 1, total: 2, reusedConnection: false },
    durationMs: 2,
    sizes: { headers: 10, bodyWire: text.length, bodyDecoded: text.length },
    remoteAddress: null,
    tls: null,
    cookiesSet: [],
    contentType: 'application/json',
    contentEncoding: null,
    body: { kind: 'inline', size: Buffer.byteLength(text), base64, text, charset: 'utf-8', rawBase64: null, rawBodyId: null },
    auth: null,
    warnings: []
  }
}

const id = (n: number): string => `request-${String(n).padStart(4, '0')}`

describe('ResponseHistory', () => {
  it('keeps responses per request, newest first, and reopens them with their body', async () => {
    const store = history()
    await store.record('a', response(id(1), '{"n":1}'), true)
    await store.record('a', response(id(2), '{"n":2}', 201), true)
    await store.record('b', response(id(3), 'other'), true)
    expect((await store.list('a')).map((e) => [e.id, e.status])).toEqual([
      [id(2), 201],
      [id(1), 200]
    ])
    // A fresh store reads the same from disk.
    const again = history()
    const reopened = await again.reopen('a', id(1))
    expect(reopened.body).toMatchObject({ kind: 'inline', text: '{"n":1}' })
    expect((await again.read('b', id(3))).body?.toString()).toBe('other')
  })

  it('evicts the oldest past the per-request limit', async () => {
    const store = history()
    await store.setLimits({ perRequest: 2, maxTotalBytes: 1024 * 1024 })
    for (let n = 1; n <= 4; n++) await store.record('a', response(id(n), `{"n":${n}}`), true)
    expect((await store.list('a')).map((e) => e.id)).toEqual([id(4), id(3)])
    const dir = (await readdir(join(dataDir, 'responses'))).find((name) => name !== 'limits.json')!
    expect((await readdir(join(dataDir, 'responses', dir))).sort()).toEqual([`${id(3)}.body`, `${id(3)}.json`, `${id(4)}.body`, `${id(4)}.json`])
  })

  it('keeps all bodies together under the size limit, oldest out first, across requests', async () => {
    const store = history()
    await store.setLimits({ perRequest: 50, maxTotalBytes: 1024 * 1024 })
    const body = 'x'.repeat(400 * 1024)
    await store.record('a', response(id(1), body), true)
    await store.record('b', response(id(2), body), true)
    await store.record('a', response(id(3), body), true)
    expect(await store.totalBytes()).toBe(2 * 400 * 1024)
    expect((await store.list('a')).map((e) => e.id)).toEqual([id(3)])
    expect((await store.list('b')).map((e) => e.id)).toEqual([id(2)])
    await expect(store.read('a', id(1))).rejects.toMatchObject({ code: 'response_not_found' })
    // Lowering the limit evicts at once.
    await store.setLimits({ perRequest: 50, maxTotalBytes: 1024 * 1024 - 600 * 1024 })
    expect(await store.totalBytes()).toBe(400 * 1024)
  })

  it('keeps a body larger than the whole limit as status and headers only', async () => {
    const store = history()
    await store.setLimits({ perRequest: 5, maxTotalBytes: 1024 * 1024 })
    const entry = await store.record('a', response(id(1), 'y'.repeat(1024 * 1024 + 1)), true)
    expect(entry.bodyKept).toBe(false)
    expect(await store.totalBytes()).toBe(0)
    expect((await store.reopen('a', id(1))).warnings.at(-1)).toMatch(/too large/)
  })

  it('links a large body from the body store instead of reading it, and reopens it as a body file', async () => {
    const store = history()
    const bytes = Buffer.alloc(6 * 1024 * 1024, 97)
    await writeFile(join(bodiesDir, 'abcdef0123456789.body'), bytes)
    const big = response(id(1), '')
    big.body = { kind: 'file', size: bytes.length, bodyId: 'abcdef0123456789', charset: null, rawBase64: null, rawBodyId: null }
    await store.record('a', big, true)
    // The engine discarding its file must not lose the kept one.
    await rm(join(bodiesDir, 'abcdef0123456789.body'))
    const reopened = await store.reopen('a', id(1))
    expect(reopened.body.kind).toBe('file')
    if (reopened.body.kind !== 'file') return
    expect((await stat(join(bodiesDir, `${reopened.body.bodyId}.body`))).size).toBe(bytes.length)
  })
})
