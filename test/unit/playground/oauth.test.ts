import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlayground, type Playground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual'
})
const REDIRECT = 'http://127.0.0.1:9/callback'

/** Signs in on the login form the way a browser submits it, and returns where the server redirects. */
async function signIn(params: Record<string, string>, password = 'secret'): Promise<Response> {
  const page = await fetch(`${pg.url}/oauth/authorize?${new URLSearchParams(params)}`)
  expect(page.status).toBe(200)
  const html = await page.text()
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')])
  )
  return fetch(`${pg.url}/oauth/authorize`, form({ ...hidden, username: 'parley', password }))
}

async function token(fields: Record<string, string>): Promise<{ status: number; json: Record<string, string> }> {
  const res = await fetch(`${pg.url}/oauth/token`, form(fields))
  return { status: res.status, json: (await res.json()) as Record<string, string> }
}

const protectedStatus = async (accessToken: string): Promise<number> =>
  (await fetch(`${pg.url}/oauth/protected`, { headers: { Authorization: `Bearer ${accessToken}` } })).status

describe('playground OAuth 2.0 authorization server', () => {
  it('authorization code with PKCE: login form, redirect with code and state, exchange, protected call, refresh', async () => {
    const verifier = randomBytes(32).toString('base64url')
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const params = {
      response_type: 'code',
      client_id: 'parley-app',
      redirect_uri: REDIRECT,
      state: 'st-1',
      scope: 'openid notes',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    }
    expect((await signIn(params, 'wrong')).status).toBe(200)
    const redirect = await signIn(params)
    expect(redirect.status).toBe(302)
    const back = new URL(redirect.headers.get('location')!)
    expect(back.origin + back.pathname).toBe(REDIRECT)
    expect(back.searchParams.get('state')).toBe('st-1')
    const code = back.searchParams.get('code')!

    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      client_id: 'parley-app',
      redirect_uri: REDIRECT,
      code_verifier: 'not-the-verifier-at-all-not-the-verifier'
    })
    expect(wrong.json.error).toBe('invalid_grant')
    // The code was spent by the failed attempt: a code is single-use.
    expect((await token({ grant_type: 'authorization_code', code, client_id: 'parley-app', redirect_uri: REDIRECT, code_verifier: verifier })).json.error).toBe(
      'invalid_grant'
    )

    const again = new URL((await signIn(params)).headers.get('location')!)
    const issued = await token({
      grant_type: 'authorization_code',
      code: again.searchParams.get('code')!,
      client_id: 'parley-app',
      redirect_uri: REDIRECT,
      code_verifier: verifier
    })
    expect(issued.status).toBe(200)
    expect(issued.json.token_type).toBe('Bearer')
    expect(issued.json.id_token?.split('.')).toHaveLength(3)
    expect(await protectedStatus(issued.json.access_token!)).toBe(200)
    expect(await protectedStatus('made-up')).toBe(401)

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.json.refresh_token!, client_id: 'parley-app' })
    expect(refreshed.status).toBe(200)
    expect(refreshed.json.access_token).not.toBe(issued.json.access_token)
    expect((await token({ grant_type: 'refresh_token', refresh_token: issued.json.refresh_token!, client_id: 'parley-app' })).json.error).toBe('invalid_grant')
  })

  it('a public client without PKCE, an unknown client and a foreign redirect URI are refused', async () => {
    const redirect = await signIn({ response_type: 'code', client_id: 'parley-app', redirect_uri: REDIRECT })
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!
    expect((await token({ grant_type: 'authorization_code', code, client_id: 'parley-app', redirect_uri: REDIRECT })).json.error_description).toMatch(/PKCE/)
    expect((await fetch(`${pg.url}/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=${REDIRECT}`)).status).toBe(400)
    expect((await fetch(`${pg.url}/oauth/authorize?response_type=code&client_id=parley-app&redirect_uri=https://evil.example/cb`)).status).toBe(400)
    expect((await token({ grant_type: 'client_credentials', client_id: 'parley-server', client_secret: 'wrong' })).status).toBe(401)
  })

  it('implicit returns the token in the fragment with the state', async () => {
    const redirect = await signIn({ response_type: 'token', client_id: 'parley-app', redirect_uri: REDIRECT, state: 'imp' })
    const fragment = new URLSearchParams(new URL(redirect.headers.get('location')!).hash.slice(1))
    expect(fragment.get('state')).toBe('imp')
    expect(await protectedStatus(fragment.get('access_token')!)).toBe(200)
  })

  it('device code: pending until the user approves on the verification page, then a token', async () => {
    const started = (await (await fetch(`${pg.url}/oauth/device_authorization`, form({ client_id: 'parley-app', scope: 'notes' }))).json()) as Record<
      string,
      string
    >
    expect(started.verification_uri).toBe(`${pg.url}/oauth/device`)
    const poll = { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: started.device_code!, client_id: 'parley-app' }
    expect((await token(poll)).json.error).toBe('authorization_pending')
    expect((await fetch(`${pg.url}/oauth/device`, form({ user_code: 'ZZZZ-ZZZZ', username: 'parley', password: 'secret' }))).status).toBe(400)
    const approved = await fetch(`${pg.url}/oauth/device`, form({ user_code: started.user_code!, username: 'parley', password: 'secret' }))
    expect(await approved.text()).toContain('Device connected')
    const issued = await token(poll)
    expect(issued.status).toBe(200)
    expect(await protectedStatus(issued.json.access_token!)).toBe(200)
  })

  it('client credentials with Basic client authentication', async () => {
    const res = await fetch(`${pg.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('parley-server:parley-secret').toString('base64')}` },
      body: 'grant_type=client_credentials&scope=notes'
    })
    const json = (await res.json()) as Record<string, string>
    expect(json.scope).toBe('notes')
    expect(await protectedStatus(json.access_token!)).toBe(200)
  })
})
