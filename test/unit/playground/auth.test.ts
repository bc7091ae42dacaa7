import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

const md5 = (s: string) => createHash('md5').update(s).digest('hex')
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

function parseChallenge(header: string): Record<string, string> {
  expect(header).toMatch(/^Digest /)
  const params: Record<string, string> = {}
  for (const m of header.slice(7).matchAll(/([\w-]+)=(?:"([^"]*)"|([^,\s]*))/g)) params[m[1]!] = m[2] ?? m[3]!
  return params
}

/** Builds an RFC 7616 Authorization header the way a client would. */
function digestHeader(
  c: Record<string, string>,
  {
    method,
    uri,
    user = 'parley',
    password = 'secret',
    nc = '00000001',
    hash = md5
  }: {
    method: string
    uri: string
    user?: string
    password?: string
    nc?: string
    hash?: (s: string) => string
  }
) {
  const cnonce = randomBytes(8).toString('hex')
  const ha1 = hash(`${user}:${c.realm}:${password}`)
  const ha2 = hash(`${method}:${uri}`)
  const response = hash(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`)
  return {
    header:
      `Digest username="${user}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", algorithm=${c.algorithm}, ` +
      `qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", opaque="${c.opaque}"`,
    ha1,
    cnonce
  }
}

async function challengeFor(path: string) {
  const res = await fetch(pg.url + path)
  expect(res.status).toBe(401)
  return parseChallenge(res.headers.get('www-authenticate') ?? '')
}

describe('/auth/bearer', () => {
  it('accepts the token parley', async () => {
    const res = await fetch(`${pg.url}/auth/bearer`, { headers: { Authorization: 'Bearer parley' } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ authenticated: true })
  })

  it('challenges a missing token without an error code, and a wrong one with invalid_token', async () => {
    const missing = await fetch(`${pg.url}/auth/bearer`)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="parley"')
    const wrong = await fetch(`${pg.url}/auth/bearer`, { headers: { Authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer realm="parley", error="invalid_token"/)
  })
})

describe('/auth/basic', () => {
  const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64')

  it('accepts parley / secret', async () => {
    const res = await fetch(`${pg.url}/auth/basic`, { headers: { Authorization: basic('parley', 'secret') } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ authenticated: true, user: 'parley' })
  })

  it('challenges missing or wrong credentials', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: basic('parley', 'wrong') }, { Authorization: basic('other', 'secret') }]) {
      const res = await fetch(`${pg.url}/auth/basic`, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="parley", charset="UTF-8"')
    }
  })
})

describe('/auth/digest', () => {
  it('challenges with MD5, qop=auth, a nonce and an opaque', async () => {
    const c = await challengeFor('/auth/digest')
    expect(c).toMatchObject({ realm: 'parley', qop: 'auth', algorithm: 'MD5' })
    expect(c.nonce).toBeTruthy()
    expect(c.opaque).toBeTruthy()
  })

  it('accepts a correctly computed response and proves itself with rspauth', async () => {
    const c = await challengeFor('/auth/digest')
    const { header, ha1, cnonce } = digestHeader(c, { method: 'GET', uri: '/auth/digest' })
    const res = await fetch(`${pg.url}/auth/digest`, { headers: { Authorization: header } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ authenticated: true, user: 'parley' })
    const info = res.headers.get('authentication-info') ?? ''
    const expected = md5(`${ha1}:${c.nonce}:00000001:${cnonce}:auth:${md5(':/auth/digest')}`)
    expect(info).toContain(`rspauth="${expected}"`)
  })

  it('binds the response to method and uri', async () => {
    const c = await challengeFor('/auth/digest?x=1')
    const signedForGet = digestHeader(c, { method: 'GET', uri: '/auth/digest?x=1' }).header
    const res = await fetch(`${pg.url}/auth/digest?x=1`, { method: 'POST', headers: { Authorization: signedForGet } })
    expect(res.status).toBe(401)
    const post = digestHeader(c, { method: 'POST', uri: '/auth/digest?x=1' }).header
    expect((await fetch(`${pg.url}/auth/digest?x=1`, { method: 'POST', headers: { Authorization: post } })).status).toBe(200)
  })

  it('refuses a wrong password, a forged nonce and a replayed nonce count', async () => {
    const c = await challengeFor('/auth/digest')
    const wrong = digestHeader(c, { method: 'GET', uri: '/auth/digest', password: 'nope' }).header
    expect((await fetch(`${pg.url}/auth/digest`, { headers: { Authorization: wrong } })).status).toBe(401)

    const forged = digestHeader({ ...c, nonce: Buffer.from(`${Date.now()}:AAAA`).toString('base64url') }, { method: 'GET', uri: '/auth/digest' })
    expect((await fetch(`${pg.url}/auth/digest`, { headers: { Authorization: forged.header } })).status).toBe(401)

    const first = digestHeader(c, { method: 'GET', uri: '/auth/digest', nc: '00000002' }).header
    expect((await fetch(`${pg.url}/auth/digest`, { headers: { Authorization: first } })).status).toBe(200)
    const replay = await fetch(`${pg.url}/auth/digest`, { headers: { Authorization: first } })
    expect(replay.status).toBe(401)
    expect((await replay.json()).error).toMatch(/Replayed/)
    const next = digestHeader(c, { method: 'GET', uri: '/auth/digest', nc: '00000003' }).header
    expect((await fetch(`${pg.url}/auth/digest`, { headers: { Authorization: next } })).status).toBe(200)
  })

  it('supports SHA-256 when asked with ?algorithm=SHA-256', async () => {
    const c = await challengeFor('/auth/digest?algorithm=SHA-256')
    expect(c.algorithm).toBe('SHA-256')
    const { header } = digestHeader(c, { method: 'GET', uri: '/auth/digest?algorithm=SHA-256', hash: sha256 })
    expect((await fetch(`${pg.url}/auth/digest?algorithm=SHA-256`, { headers: { Authorization: header } })).status).toBe(200)
  })
})
