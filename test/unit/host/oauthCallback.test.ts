import { mkdir, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { startHost, type Host } from '../../../src/host/server'
import { startPlayground, type Playground } from '../../../src/playground/server'
import { tempDir } from '../support/tempDir'

// One data dir for the file's services and host (a per-test folder would be removed under them after the first test).
let data: Awaited<ReturnType<typeof tempDir>>
let pg: Playground
let host: Host
let services: Services
let base: string

beforeAll(async () => {
  pg = await startPlayground()
  data = await tempDir()
  const dataDir = data.dir
  const rendererDir = join(dataDir, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Parley</title>')
  services = await createServices({ dataDir, shell: 'browser', appVersion: '1.2.3', statusIntervalMs: 0 })
  host = await startHost({ services, rendererDir, token: 'test-token' })
  base = `http://127.0.0.1:${host.port}`
})
afterAll(async () => {
  await host.close()
  await services.dispose()
  await pg.close()
  await data.remove()
})

const auth = () => ({
  type: 'oauth2',
  grant: 'authorization_code',
  authUrl: `${pg.url}/oauth/authorize`,
  tokenUrl: `${pg.url}/oauth/token`,
  clientId: 'parley-app'
})

async function signIn(authorizationUrl: string): Promise<string> {
  const html = await (await fetch(authorizationUrl)).text()
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')])
  )
  const answer = await fetch(`${pg.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, username: 'parley', password: 'secret' }).toString(),
    redirect: 'manual'
  })
  return answer.headers.get('location')!
}

describe('the browser host catches the OAuth redirect on its own port', () => {
  it('points core at its callback route, and the redirect (without the host cookie) completes the sign-in', async () => {
    const result = await services.invoke('oauth.authorize', { request: { method: 'GET', url: `${pg.url}/oauth/protected`, auth: auth() } })
    if (!result.ok) throw new Error(result.error.message)
    const started = result.value as { authorizationUrl: string; redirectUri: string }
    expect(started.redirectUri).toBe(`${base}/oauth/callback`)
    const location = await signIn(started.authorizationUrl)
    expect(location.startsWith(`${base}/oauth/callback?`)).toBe(true)

    const forged = new URL(location)
    forged.searchParams.set('state', 'wrong')
    const refused = await fetch(forged)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('refused')

    const done = await fetch(location)
    expect(done.status).toBe(200)
    expect(done.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/)
    expect(await done.text()).toContain('Signed in')
  })

  it('a page without an answer moves an implicit fragment into the query; a foreign Host is refused', async () => {
    const empty = await fetch(`${base}/oauth/callback`)
    expect(await empty.text()).toContain('location.hash')
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/oauth/callback?code=1&state=2', headers: { Host: 'evil.example' } }, (res) =>
        resolve(res.statusCode!)
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })
})
