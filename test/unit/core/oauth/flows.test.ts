import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { HttpAuth, HttpResponse } from '../../../../src/shared/http'
import type { OAuthTokenInfo } from '../../../../src/shared/oauth'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir()
let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

const CALLBACK = 'http://127.0.0.1:9/oauth/callback'

async function services(signInWindow?: (url: string, redirect: string) => Promise<string>): Promise<{ s: Services; dataDir: string }> {
  const dataDir = await tempDir()
  const s = await createServices({ dataDir, shell: 'browser', appVersion: '9.9.9', statusIntervalMs: 0, ...(signInWindow ? { oauth: { signInWindow } } : {}) })
  s.useOAuthRedirect(CALLBACK)
  return { s, dataDir }
}

async function call<T>(s: Services, name: string, input: unknown): Promise<T> {
  const result = await s.invoke(name, input)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

async function callError(s: Services, name: string, input: unknown): Promise<{ code: string; message: string; hint?: string }> {
  const result = await s.invoke(name, input)
  if (result.ok) throw new Error(`${name} should have failed`)
  return result.error
}

/** What the user does in the sign-in window: open the page, type user and password, submit; returns where the server redirects. */
async function signInAsUser(authorizationUrl: string): Promise<string> {
  const page = await fetch(authorizationUrl)
  const html = await page.text()
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')])
  )
  const answer = await fetch(new URL('/oauth/authorize', authorizationUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, username: 'parley', password: 'secret' }).toString(),
    redirect: 'manual'
  })
  expect(answer.status).toBe(302)
  return answer.headers.get('location')!
}

const oauthAuth = (grant: 'authorization_code' | 'implicit' | 'device_code', clientId = 'parley-app'): HttpAuth => ({
  type: 'oauth2',
  grant,
  authUrl: `${pg.url}/oauth/authorize`,
  tokenUrl: `${pg.url}/oauth/token`,
  deviceUrl: `${pg.url}/oauth/device_authorization`,
  clientId,
  clientSecret: '',
  scope: 'openid notes',
  clientAuth: 'basic'
})
/** RFC 7009 revocation at the playground, as the server's admin would do it. */
async function revoke(token: string, hint: string | null): Promise<void> {
  const form = new URLSearchParams({ token, client_id: 'parley-app' })
  if (hint) form.set('token_type_hint', hint)
  const answer = await fetch(`${pg.url}/oauth/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString()
  })
  expect(answer.status).toBe(200)
}
const protectedRequest = (auth: HttpAuth) => ({ method: 'GET', url: `${pg.url}/oauth/protected`, auth })
const send = (s: Services, auth: HttpAuth) => call<HttpResponse>(s, 'http.send', { requestId: crypto.randomUUID(), request: protectedRequest(auth) })

describe('OAuth 2.0 sign-in flows against the playground', () => {
  it('authorization code with PKCE: state, code exchange, stored token with decoded claims, protected call', async () => {
    const { s, dataDir } = await services()
    const auth = oauthAuth('authorization_code')
    expect((await callError(s, 'http.send', { requestId: 'r0', request: protectedRequest(auth) })).hint).toMatch(/Get new token/)

    const started = await call<{ authorizationUrl: string; redirectUri: string; via: string }>(s, 'oauth.authorize', { request: protectedRequest(auth) })
    expect(started.via).toBe('popup')
    expect(started.redirectUri).toBe(CALLBACK)
    const page = new URL(started.authorizationUrl)
    expect(page.searchParams.get('code_challenge_method')).toBe('S256')
    expect(page.searchParams.get('state')).toMatch(/.{20,}/)

    const location = await signInAsUser(started.authorizationUrl)
    const forged = new URL(location)
    forged.searchParams.set('state', 'forged-state')
    expect((await callError(s, 'oauth.complete', { callbackUrl: forged.href })).message).toMatch(/state that matches no sign-in/)

    const token = await call<OAuthTokenInfo>(s, 'oauth.complete', { callbackUrl: location })
    expect(token.present).toBe(true)
    expect(token.hasRefreshToken).toBe(true)
    expect(token.scope).toBe('openid notes')
    expect(new Map(token.accessClaims!).get('sub')).toBe('"parley"')
    expect(new Map(token.idClaims!).get('name')).toBe('"Parley Playground"')
    // The same answer cannot be used twice: its state was spent.
    expect((await callError(s, 'oauth.complete', { callbackUrl: location })).code).toBe('auth_failed')

    const response = await send(s, auth)
    expect(response.status).toBe(200)
    expect(JSON.parse(Buffer.from(response.body.kind === 'inline' ? response.body.base64 : '', 'base64').toString())).toMatchObject({
      authenticated: true,
      client: 'parley-app'
    })
    expect(await call<OAuthTokenInfo>(s, 'oauth.token', { request: protectedRequest(auth) })).toMatchObject({ present: true })

    // Kept encrypted in the data dir, not in the clear.
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(token.accessToken!)
    expect(await call<OAuthTokenInfo>(s, 'oauth.clear', { request: protectedRequest(auth) })).toMatchObject({ present: false })
    expect((await callError(s, 'http.send', { requestId: 'r1', request: protectedRequest(auth) })).code).toBe('auth_failed')
    await s.dispose()
  })

  it('an expired access token is refreshed with the refresh token at the next send', async () => {
    const { s } = await services()
    const auth = oauthAuth('authorization_code', 'parley-short')
    const started = await call<{ authorizationUrl: string }>(s, 'oauth.authorize', { request: protectedRequest(auth) })
    const first = await call<OAuthTokenInfo>(s, 'oauth.complete', { callbackUrl: await signInAsUser(started.authorizationUrl) })
    // parley-short's tokens last 5 s, inside the 30 s margin: the next send refreshes before going out.
    const response = await send(s, auth)
    expect(response.status).toBe(200)
    expect(response.auth).toMatchObject({ fromCache: false })
    expect(response.auth!.accessToken).not.toBe(first.accessToken)
    const stored = await call<OAuthTokenInfo>(s, 'oauth.token', { request: protectedRequest(auth) })
    expect(stored.accessToken).toBe(response.auth!.accessToken)
    await s.dispose()
  })

  it('a revoked access token (401) is refreshed once and the request retried; when refresh fails the 401 stays and says to sign in again', async () => {
    const { s } = await services()
    const auth = oauthAuth('authorization_code')
    const started = await call<{ authorizationUrl: string }>(s, 'oauth.authorize', { request: protectedRequest(auth) })
    const first = await call<OAuthTokenInfo>(s, 'oauth.complete', { callbackUrl: await signInAsUser(started.authorizationUrl) })
    await revoke(first.accessToken!, 'access_token')

    const renewed = await send(s, auth)
    expect(renewed.status).toBe(200)
    expect(renewed.redirects.map((hop) => [hop.reason, hop.status])).toEqual([['auth-challenge', 401]])
    expect(renewed.auth!.accessToken).not.toBe(first.accessToken)
    expect(renewed.warnings).toEqual([])
    const stored = await call<OAuthTokenInfo>(s, 'oauth.token', { request: protectedRequest(auth) })
    expect(stored.accessToken).toBe(renewed.auth!.accessToken)

    // The whole grant revoked: the refresh token is refused too, so the user sees the 401 and why.
    await revoke(stored.accessToken!, null)
    const refused = await send(s, auth)
    expect(refused.status).toBe(401)
    expect(refused.redirects).toEqual([])
    expect(refused.warnings.join(' ')).toMatch(/refused the OAuth 2\.0 token.*invalid_grant.*Sign in again/)
    await s.dispose()
  })

  it('implicit: the token comes in the fragment, with the state checked', async () => {
    const { s } = await services()
    const auth = oauthAuth('implicit')
    const started = await call<{ authorizationUrl: string }>(s, 'oauth.authorize', { request: protectedRequest(auth) })
    expect(new URL(started.authorizationUrl).searchParams.get('response_type')).toBe('token')
    const location = await signInAsUser(started.authorizationUrl)
    expect(new URL(location).hash).toContain('access_token=')
    expect(await call<OAuthTokenInfo>(s, 'oauth.complete', { callbackUrl: location })).toMatchObject({ present: true, hasRefreshToken: false })
    expect((await send(s, auth)).status).toBe(200)
    await s.dispose()
  })

  it('device code: shows the user code, polls until the user approves, then the token works', async () => {
    const { s } = await services()
    const auth = oauthAuth('device_code')
    const finished = new Promise<{ token?: OAuthTokenInfo; error?: unknown }>((resolve) => {
      s.events.subscribe((name, payload) => {
        if (name === 'oauth.finished') resolve(payload as { token?: OAuthTokenInfo })
      })
    })
    const device = await call<{ userCode: string; verificationUri: string }>(s, 'oauth.device', { request: protectedRequest(auth) })
    expect(device.verificationUri).toBe(`${pg.url}/oauth/device`)
    const approve = await fetch(device.verificationUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: device.userCode, username: 'parley', password: 'secret' }).toString()
    })
    expect(await approve.text()).toContain('Device connected')
    const result = await finished
    expect(result.error).toBeUndefined()
    expect(result.token?.present).toBe(true)
    expect((await send(s, auth)).status).toBe(200)
    await s.dispose()
  })

  it('with a shell sign-in window (Electron), oauth.authorize runs to the stored token', async () => {
    let seenRedirect = ''
    const { s } = await services(async (url, redirect) => {
      seenRedirect = redirect
      return signInAsUser(url)
    })
    const auth = { ...oauthAuth('authorization_code'), redirectUri: 'http://localhost/my-app/callback' }
    const result = await call<{ via: string; token: OAuthTokenInfo }>(s, 'oauth.authorize', { request: protectedRequest(auth) })
    expect(seenRedirect).toBe('http://localhost/my-app/callback')
    expect(result.via).toBe('window')
    expect(result.token.present).toBe(true)
    expect((await send(s, auth)).status).toBe(200)
    await s.dispose()
  })

  it('a server refusal is an auth_failed error naming the OAuth error', async () => {
    const { s } = await services()
    const auth = { ...oauthAuth('authorization_code'), pkce: false }
    const started = await call<{ authorizationUrl: string }>(s, 'oauth.authorize', { request: protectedRequest(auth) })
    const error = await callError(s, 'oauth.complete', { callbackUrl: await signInAsUser(started.authorizationUrl) })
    expect(error.code).toBe('auth_failed')
    expect(error.message).toMatch(/invalid_grant.*PKCE/)
    await s.dispose()
  })
})
