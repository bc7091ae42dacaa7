import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine, type HttpEngine } from '../../../../src/core/http/engine'
import { req, startHttpServer, type TestServer } from './testServers'
import { tempDir } from '../../support/tempDir'

let server: TestServer
let engine: HttpEngine
let tmp: Awaited<ReturnType<typeof tempDir>>
let tokenHits = 0
const issued = new Set<string>()

// --- a digest server (RFC 7616), written independently of the engine ---
const nonces = new Set<string>()
function digestParams(header: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1]!] = m[2] ?? m[3]!
  return out
}
function checkDigest(req: IncomingMessage, algorithm: 'MD5' | 'SHA-256'): boolean {
  const header = req.headers.authorization
  if (!header?.startsWith('Digest ')) return false
  const p = digestParams(header)
  const h = (s: string): string =>
    createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
      .update(s)
      .digest('hex')
  if (!nonces.has(p.nonce!) || p.algorithm !== algorithm || p.uri !== req.url || p.username !== 'mufasa') return false
  const ha1 = h(`mufasa:testrealm@host.com:Circle Of Life`)
  const ha2 = h(`${req.method}:${p.uri}`)
  return p.response === h(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) && p.opaque === 'opaque-value'
}

// --- a SigV4 verifier, written independently of the engine ---
function verifySigV4(req: IncomingMessage, body: Buffer): string | null {
  const auth = req.headers.authorization ?? ''
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth)
  if (!m) return 'malformed authorization'
  const [, key, day, region, service, signedHeaders, signature] = m
  if (key !== 'AKIDEXAMPLE') return 'unknown key'
  const payloadHash = createHash('sha256').update(body).digest('hex')
  if (req.headers['x-amz-content-sha256'] !== payloadHash) return 'payload hash mismatch'
  const url = new URL(req.url!, 'http://x')
  const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
  const query = [...url.searchParams]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&')
  const path = url.pathname
    .split('/')
    .map((s) => enc(enc(decodeURIComponent(s))))
    .join('/')
  const names = signedHeaders!.split(';')
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n]).trim()}\n`).join('')
  const creq = [req.method, path, query, canonicalHeaders, signedHeaders, payloadHash].join('\n')
  const date = String(req.headers['x-amz-date'])
  const scope = `${day}/${region}/${service}/aws4_request`
  const sts = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(creq).digest('hex')].join('\n')
  let k: Buffer = createHmac('sha256', 'AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY').update(day!).digest()
  for (const part of [region!, service!, 'aws4_request']) k = createHmac('sha256', k).update(part).digest()
  const expected = createHmac('sha256', k).update(sts).digest('hex')
  if (!names.includes('host') || !names.includes('x-amz-date')) return 'host and x-amz-date must be signed'
  return expected === signature ? null : 'signature mismatch'
}

beforeAll(async () => {
  tmp = await tempDir()
  engine = await createHttpEngine({ dataDir: tmp.dir, env: {} })
  server = await startHttpServer((req, res, body) => {
    const deny = (why: string, challenge?: string[]): void => {
      res.statusCode = 401
      if (challenge) res.setHeader('WWW-Authenticate', challenge)
      res.end(why)
    }
    const url = new URL(req.url!, 'http://x')
    switch (url.pathname) {
      case '/basic':
        return req.headers.authorization === `Basic ${Buffer.from('ana:sé cret').toString('base64')}` ? void res.end('ok') : deny('bad basic')
      case '/bearer':
        return req.headers.authorization === 'Bearer tok-123' ? void res.end('ok') : deny('bad bearer')
      case '/apikey':
        return req.headers['x-api-key'] === 'k1' || url.searchParams.get('api_key') === 'k1' ? void res.end('ok') : deny('bad key')
      case '/digest-md5':
      case '/digest-sha256': {
        const algorithm = url.pathname.endsWith('md5') ? 'MD5' : 'SHA-256'
        if (checkDigest(req, algorithm)) return void res.end(`digest ${algorithm} ok`)
        const nonce = randomBytes(8).toString('hex')
        nonces.add(nonce)
        const offer = (alg: string): string => `Digest realm="testrealm@host.com", qop="auth", algorithm=${alg}, nonce="${nonce}", opaque="opaque-value"`
        return deny('need digest', algorithm === 'MD5' ? [offer('MD5')] : [offer('MD5'), offer('SHA-256')])
      }
      case '/token': {
        tokenHits++
        const form = new URLSearchParams(body.toString())
        const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString() : null
        const clientOk = basic === 'app:s3cret' || (form.get('client_id') === 'app' && form.get('client_secret') === 's3cret')
        res.setHeader('Content-Type', 'application/json')
        if (!clientOk) {
          res.statusCode = 401
          return void res.end(JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }))
        }
        if (form.get('grant_type') === 'password' && !(form.get('username') === 'u' && form.get('password') === 'p')) {
          res.statusCode = 400
          return void res.end(JSON.stringify({ error: 'invalid_grant' }))
        }
        const token = `at-${randomBytes(6).toString('hex')}`
        issued.add(token)
        if (form.get('scope') === 'form-answer') {
          // An older server's form-encoded answer, without token_type.
          res.setHeader('Content-Type', 'application/x-www-form-urlencoded')
          return void res.end(new URLSearchParams({ access_token: token, expires_in: '60', scope: 'form-answer' }).toString())
        }
        return void res.end(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3600, scope: form.get('scope') }))
      }
      case '/resource':
        return issued.has((req.headers.authorization ?? '').replace(/^Bearer /, '')) ? void res.end('resource ok') : deny('bad token')
      case '/aws/my%20bucket/key':
      case '/aws': {
        const problem = verifySigV4(req, body)
        return problem ? void ((res.statusCode = 403), res.end(problem)) : void res.end('aws ok')
      }
    }
    res.statusCode = 404
    res.end()
  })
})

afterAll(async () => {
  await engine.dispose()
  await server.close()
  await tmp.remove()
})

const text = (r: { body: unknown }): string => (r.body as { text: string }).text

describe('auth', () => {
  it('Basic, Bearer and API key (header and query) are accepted by a server that checks them', async () => {
    expect(
      (await engine.send('a1', req({ method: 'GET', url: `${server.url}/basic`, auth: { type: 'basic', username: 'ana', password: 'sé cret' } }))).status
    ).toBe(200)
    expect((await engine.send('a2', req({ method: 'GET', url: `${server.url}/bearer`, auth: { type: 'bearer', token: 'tok-123' } }))).status).toBe(200)
    expect((await engine.send('a3', req({ method: 'GET', url: `${server.url}/apikey`, auth: { type: 'apikey', key: 'X-Api-Key', value: 'k1' } }))).status).toBe(
      200
    )
    const q = await engine.send(
      'a4',
      req({ method: 'GET', url: `${server.url}/apikey?x=1`, auth: { type: 'apikey', key: 'api_key', value: 'k1', in: 'query' } })
    )
    expect(q.status).toBe(200)
    expect(server.seen.at(-1)!.url).toBe('/apikey?x=1&api_key=k1')
  })

  it.each(['md5', 'sha256'])('Digest (%s, qop=auth) answers the 401 challenge', async (alg) => {
    const res = await engine.send(
      `d-${alg}`,
      req({
        method: 'POST',
        url: `${server.url}/digest-${alg}?q=1`,
        body: { type: 'json', text: '{"x":1}' },
        auth: { type: 'digest', username: 'mufasa', password: 'Circle Of Life' }
      })
    )
    expect(res.status).toBe(200)
    expect(text(res)).toBe(`digest ${alg === 'md5' ? 'MD5' : 'SHA-256'} ok`)
    expect(res.redirects).toHaveLength(1)
    expect(res.redirects[0]).toMatchObject({ reason: 'auth-challenge', status: 401 })
    expect(server.seen.at(-1)!.body.toString()).toBe('{"x":1}')
  })

  it('Digest with a wrong password returns the second 401 instead of looping', async () => {
    const res = await engine.send(
      'd-bad',
      req({ method: 'GET', url: `${server.url}/digest-md5`, auth: { type: 'digest', username: 'mufasa', password: 'wrong' } })
    )
    expect(res.status).toBe(401)
    expect(res.redirects).toHaveLength(1)
  })

  it('OAuth 2.0 client credentials: fetches, uses and caches the token, and shows it', async () => {
    const auth = {
      type: 'oauth2' as const,
      grant: 'client_credentials' as const,
      tokenUrl: `${server.url}/token`,
      clientId: 'app',
      clientSecret: 's3cret',
      scope: 'read'
    }
    const hitsBefore = tokenHits
    const first = await engine.send('o1', req({ method: 'GET', url: `${server.url}/resource`, auth }))
    expect(text(first)).toBe('resource ok')
    expect(first.auth).toMatchObject({ type: 'oauth2', tokenType: 'bearer', scope: 'read', fromCache: false })
    expect(first.auth!.accessToken).toMatch(/^at-/)
    expect(Date.parse(first.auth!.expiresAt!)).toBeGreaterThan(Date.now() + 3000_000)
    const second = await engine.send('o2', req({ method: 'GET', url: `${server.url}/resource`, auth }))
    expect(text(second)).toBe('resource ok')
    expect(second.auth).toMatchObject({ fromCache: true, accessToken: first.auth!.accessToken })
    expect(tokenHits - hitsBefore).toBe(1)
  })

  it('OAuth 2.0: a cached token the server no longer accepts is replaced once', async () => {
    const auth = {
      type: 'oauth2' as const,
      grant: 'client_credentials' as const,
      tokenUrl: `${server.url}/token`,
      clientId: 'app',
      clientSecret: 's3cret',
      scope: 'revocable'
    }
    const first = await engine.send('o5', req({ method: 'GET', url: `${server.url}/resource`, auth }))
    issued.delete(first.auth!.accessToken)
    const again = await engine.send('o6', req({ method: 'GET', url: `${server.url}/resource`, auth }))
    expect(again.status).toBe(200)
    expect(again.auth).toMatchObject({ fromCache: false })
    expect(again.auth!.accessToken).not.toBe(first.auth!.accessToken)
    expect(again.redirects).toMatchObject([{ reason: 'auth-challenge', status: 401 }])
  })

  it('OAuth 2.0 password grant with client credentials in the body', async () => {
    const res = await engine.send(
      'o3',
      req({
        method: 'GET',
        url: `${server.url}/resource`,
        auth: {
          type: 'oauth2',
          grant: 'password',
          tokenUrl: `${server.url}/token`,
          clientId: 'app',
          clientSecret: 's3cret',
          username: 'u',
          password: 'p',
          clientAuth: 'body'
        }
      })
    )
    expect(text(res)).toBe('resource ok')
  })

  it('OAuth 2.0: a form-encoded token answer without token_type is still understood', async () => {
    const res = await engine.send(
      'o7',
      req({
        method: 'GET',
        url: `${server.url}/resource`,
        auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: `${server.url}/token`, clientId: 'app', clientSecret: 's3cret', scope: 'form-answer' }
      })
    )
    expect(text(res)).toBe('resource ok')
    expect(res.auth).toMatchObject({ tokenType: 'bearer', scope: 'form-answer' })
  })

  it('OAuth 2.0 password grant: a wrong password says to check it', async () => {
    await expect(
      engine.send(
        'o8',
        req({
          method: 'GET',
          url: `${server.url}/resource`,
          auth: {
            type: 'oauth2',
            grant: 'password',
            tokenUrl: `${server.url}/token`,
            clientId: 'app',
            clientSecret: 's3cret',
            username: 'u',
            password: 'wrong'
          }
        })
      )
    ).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringContaining('invalid_grant'),
      hint: 'Check the username and password.'
    })
  })

  it('a refused token request fails with auth_failed carrying the endpoint error', async () => {
    await expect(
      engine.send(
        'o4',
        req({
          method: 'GET',
          url: `${server.url}/resource`,
          auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: `${server.url}/token`, clientId: 'app', clientSecret: 'nope' }
        })
      )
    ).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringContaining('invalid_client: Client authentication failed'),
      hint: expect.stringContaining('client id and secret')
    })
  })

  it('AWS Signature v4 is verified by a server that recomputes it (query, body, session token, encoded path)', async () => {
    const auth = {
      type: 'awsv4' as const,
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'eu-west-1',
      service: 'execute-api'
    }
    const get = await engine.send('s1', req({ method: 'GET', url: `${server.url}/aws?b=2&a=1&a=0&sp=a%20b`, auth }))
    expect(text(get)).toBe('aws ok')
    const post = await engine.send(
      's2',
      req({ method: 'POST', url: `${server.url}/aws/my%20bucket/key`, body: { type: 'json', text: '{"n":1}' }, auth: { ...auth, sessionToken: 'sess' } })
    )
    expect(text(post)).toBe('aws ok')
    expect(server.seen.at(-1)!.headers['x-amz-security-token']).toBe('sess')
  })
})
