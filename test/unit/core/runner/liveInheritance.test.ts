import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import type { RunnerProgress, RunResult } from '../../../../src/shared/runner'
import type { Message } from '../../../../src/shared/session'
import { useTempDir } from '../../support/tempDir'
import { waitFor } from '../realtime/harness'

/**
 * A live request in a collection is run like an HTTP one: the collection's, folder's and request's
 * pre-request scripts before it connects, the folder's headers and auth on the handshake (the
 * playground echoes them), the post-response scripts after its steps, all on the same variables.
 */

const tempDir = useTempDir('parley-live-inherit-')
let playground: Playground
let services: Services
let events: RunnerProgress[]

beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})
beforeEach(async () => {
  services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  events = []
  services.events.subscribe((name, payload) => {
    if (name === 'runner.progress') events.push(payload as RunnerProgress)
  })
})
afterEach(async () => {
  await services.dispose()
})

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

async function runToEnd(input: Record<string, unknown>): Promise<RunResult> {
  const { runId } = await call<{ runId: string }>('runner.start', input)
  await waitFor(() => events.some((e) => e.type === 'done' && e.runId === runId), 60_000, 'the run to end')
  return call<RunResult>('runner.result', { runId })
}

/** The first message the session received, read back from core's log once it is there. */
async function firstReceived(sessionId: string): Promise<Message> {
  for (;;) {
    const found = (await call<{ messages: Message[] }>('session.messages', { sessionId })).messages.find((m) => m.direction === 'in')
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The predicate on the echoed handshake headers: the folder's header, its Bearer auth with the n-th token, the request's own header. */
const headersCheck = (n: number): string =>
  `msg.data.headers['x-team'] === 'blue' && msg.data.headers.authorization === 'Bearer tok-${n}' && msg.data.headers['x-own'] === 'mine'`

/** live/: a folder with a header, Bearer auth from a variable the collection's pre-request script sets, and scripts. */
async function liveCollection(): Promise<string> {
  const dir = join(await tempDir(), 'live')
  await mkdir(join(dir, 'live'), { recursive: true })
  await mkdir(join(dir, 'broken'), { recursive: true })
  await writeFile(
    join(dir, 'parley.yaml'),
    `parley: 1\nname: Live\ncredentials: files\norder:\n  - live\n  - broken\nvariables:\n  - name: base\n    value: ${playground.url}\n  - name: count\n    value: "0"\nscripts:\n  pre: |-\n    pm.collectionVariables.set('count', String(Number(pm.collectionVariables.get('count')) + 1))\n    pm.collectionVariables.set('token', 'tok-' + pm.collectionVariables.get('count'))\n`
  )
  await writeFile(
    join(dir, 'live/folder.yaml'),
    `name: Live\nheaders:\n  - name: X-Team\n    value: "{{team}}"\nauth:\n  type: bearer\n  token: "{{token}}"\nvariables:\n  - name: team\n    value: blue\norder:\n  - headers.yaml\n  - sio.yaml\nscripts:\n  post: |-\n    pm.test('the folder post-response script sees what the step script set', () => pm.expect(pm.collectionVariables.get('seen')).to.equal('blue'))\n`
  )
  await writeFile(
    join(dir, 'live/headers.yaml'),
    `kind: websocket\nname: Headers\nurl: "{{base}}/ws/headers"\nheaders:\n  - name: X-Own\n    value: mine\nsteps:\n  - type: expect\n    predicate: "${headersCheck(1)}"\n    script: pm.collectionVariables.set('seen', pm.message.data.headers['x-team'])\nscripts:\n  pre: pm.collectionVariables.set('seen', 'not yet')\n  post: pm.test('the request post-response script ran', () => pm.expect(pm.info.requestName).to.equal('Headers'))\n`
  )
  await writeFile(
    join(dir, 'live/sio.yaml'),
    `kind: socketio\nname: Sio\nurl: "{{base}}"\nclientVersion: v4\nheaders:\n  - name: X-Own\n    value: mine\nsteps:\n  - type: emit\n    event: handshake\n    ack:\n      predicate: "${headersCheck(2)}"\n`
  )
  await writeFile(join(dir, 'broken/folder.yaml'), `name: Broken\nscripts:\n  pre: throw new Error('no token today')\n`)
  await writeFile(join(dir, 'broken/echo.yaml'), `kind: websocket\nname: Echo\nurl: "{{base}}/ws/echo"\nsteps:\n  - type: connect\n`)
  return dir
}

describe('live requests in a collection', () => {
  it('run the collection, folder and request scripts around their steps, with the folder headers and auth on the handshake', async () => {
    const tree = await call<{ id: string }>('collection.open', { path: await liveCollection() })
    const result = await runToEnd({ collectionId: tree.id, persistVariables: false })
    const byName = Object.fromEntries(result.items.map((item) => [item.name, item]))
    const headers = byName['Headers']
    expect(headers?.outcome, JSON.stringify(headers)).toBe('passed')
    expect(headers?.tests.map((t) => `${t.source}: ${t.name}`)).toEqual([
      expect.stringMatching(/^step: connect to /),
      expect.stringMatching(/^step: message matching /),
      'post: the folder post-response script sees what the step script set',
      'post: the request post-response script ran'
    ])
    // The second request sees the token the collection's script set again (count 2): carried, then used on the Socket.IO handshake.
    expect(byName['Sio']?.outcome, JSON.stringify(byName['Sio'])).toBe('passed')
    // A failing pre-request script stops the request before it connects, saying which script failed.
    const broken = byName['Echo']
    expect(broken?.outcome).toBe('error')
    expect(broken?.error?.message).toContain('folder broken')
    expect(broken?.error?.message).toContain('no token today')
    expect(broken?.tests.map((t) => `${t.source}: ${t.passed}`)).toEqual(['pre: false'])
  })

  it('apply to Connect and Run steps in the app: the pre-request scripts run and the handshake carries the inherited header and auth', async () => {
    const tree = await call<{ id: string }>('collection.open', { path: await liveCollection() })
    const context = { collectionId: tree.id, path: 'live/headers.yaml' }
    const request = { url: '{{base}}/ws/headers', headers: [{ name: 'X-Own', value: 'mine', enabled: true }] }
    const { sessionId } = await call<{ sessionId: string }>('session.open', { kind: 'websocket', request, context })
    const seen = JSON.parse(String((await firstReceived(sessionId)).args[0])) as { headers: Record<string, string> }
    expect(seen.headers).toMatchObject({ 'x-team': 'blue', authorization: 'Bearer tok-1', 'x-own': 'mine' })
    await call('session.close', { sessionId })
    // The collection's pre-request script saved its change (as at Send), so the next connect sees count 2.
    const settings = await call<{ variables: { name: string; value: string }[] }>('folder.read', { collectionId: tree.id, path: '' })
    expect(settings.variables.find((v) => v.name === 'count')?.value).toBe('1')
    const steps = [
      { type: 'expect', predicate: headersCheck(2), timeoutMs: 5000, script: "pm.collectionVariables.set('seen', pm.message.data.headers['x-team'])" }
    ]
    const run = await call<{ tests: { name: string; passed: boolean; source: string }[]; error: unknown }>('session.runSteps', {
      kind: 'websocket',
      request,
      steps,
      context,
      name: 'Headers'
    })
    expect(run.error).toBeNull()
    expect(
      run.tests.map((t) => `${t.source}: ${t.passed}`),
      JSON.stringify(run.tests)
    ).toEqual(['step: true', 'step: true', 'post: true', 'post: true'])
  })

  it('put an inherited OAuth 2.0 token on the handshake: fetched from the token endpoint, as a send would', async () => {
    const dir = join(await tempDir(), 'oauth')
    await mkdir(join(dir, 'area'), { recursive: true })
    await writeFile(join(dir, 'parley.yaml'), `parley: 1\nname: OAuth\ncredentials: files\nvariables:\n  - name: base\n    value: ${playground.url}\n`)
    await writeFile(
      join(dir, 'area/folder.yaml'),
      'name: Area\nauth:\n  type: oauth2\n  grant: client_credentials\n  tokenUrl: "{{base}}/oauth/token"\n  clientId: parley-server\n  clientSecret: parley-secret\n  clientAuth: basic\n'
    )
    const tree = await call<{ id: string }>('collection.open', { path: dir })
    const context = { collectionId: tree.id, path: 'area/headers.yaml' }
    const request = { url: '{{base}}/ws/headers', headers: [] }
    const { sessionId } = await call<{ sessionId: string }>('session.open', { kind: 'websocket', request, context })
    const seen = JSON.parse(String((await firstReceived(sessionId)).args[0])) as { headers: Record<string, string> }
    await call('session.close', { sessionId })
    expect(seen.headers.authorization).toMatch(/^Bearer ey/)
    // The playground's own resource server accepts the token the handshake carried.
    const checked = await fetch(`${playground.url}/oauth/protected`, { headers: { authorization: seen.headers.authorization! } })
    expect(checked.status).toBe(200)
    const steps = [{ type: 'expect', predicate: '/^Bearer ey/.test(msg.data.headers.authorization)', timeoutMs: 5000 }]
    const run = await call<{ tests: { passed: boolean }[]; console: unknown[]; error: unknown }>('session.runSteps', {
      kind: 'websocket',
      request,
      steps,
      context
    })
    expect(run.error).toBeNull()
    expect(run.tests.map((t) => t.passed)).toEqual([true, true])
    expect(run.console).toEqual([])
  })

  it('say when the inherited auth cannot go on a handshake (Digest), and connect without it', async () => {
    const dir = join(await tempDir(), 'digest')
    await mkdir(join(dir, 'area'), { recursive: true })
    await writeFile(join(dir, 'parley.yaml'), `parley: 1\nname: Digest\ncredentials: files\nvariables:\n  - name: base\n    value: ${playground.url}\n`)
    await writeFile(join(dir, 'area/folder.yaml'), 'name: Area\nauth:\n  type: digest\n  username: u\n  password: p\n')
    const tree = await call<{ id: string }>('collection.open', { path: dir })
    const request = { url: '{{base}}/ws/headers', headers: [] }
    const steps = [{ type: 'expect', predicate: 'msg.data.headers.authorization === undefined', timeoutMs: 5000 }]
    const run = await call<{ tests: { passed: boolean }[]; console: { level: string; text: string }[]; error: unknown }>('session.runSteps', {
      kind: 'websocket',
      request,
      steps,
      context: { collectionId: tree.id, path: 'area/headers.yaml' }
    })
    expect(run.error).toBeNull()
    expect(run.tests.map((t) => t.passed)).toEqual([true, true])
    expect(run.console).toEqual([{ level: 'warn', text: expect.stringContaining("The inherited digest auth is not applied to a live request's handshake") }])
  })
})
