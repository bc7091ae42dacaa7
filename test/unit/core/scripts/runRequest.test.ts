import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { HttpRunOutput } from '../../../../src/shared/scripts'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir()
let services: Services
let seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[]
let serverUrl: string
let closeServer: () => Promise<void>
/** Answers of /slow wait here until a test lets them go. */
let releaseSlow: () => void = () => undefined
let slowArrived: Promise<void>

beforeEach(async () => {
  seen = []
  let arrived: () => void = () => undefined
  slowArrived = new Promise((resolve) => (arrived = resolve))
  const released = new Promise<void>((resolve) => (releaseSlow = resolve))
  const server = createServer((request, response) => {
    if (request.url === '/slow') {
      arrived()
      void released.then(() => response.end('late'))
      return
    }
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body })
      if (request.url === '/missing') {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
        return
      }
      if (request.url === '/token') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t-123"}')
        return
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-served-by': 'loopback' })
      response.end(JSON.stringify({ items: [{ id: 1 }, { id: 2 }], path: request.url }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  closeServer = () => {
    releaseSlow()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
})
afterEach(async () => {
  await services.dispose()
  await closeServer()
})

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

const run = (input: Record<string, unknown>) =>
  call<HttpRunOutput>('http.run', { requestId: crypto.randomUUID(), ...input, request: { method: 'GET', ...(input.request as object) } })

describe('http.run: a send with scripts and assertions', () => {
  it('runs post-response tests and assertion rows against the real response', async () => {
    const out = await run({
      request: { url: `${serverUrl}/notes` },
      scripts: {
        post: "pm.test('is 200', () => pm.response.to.have.status(200))\npm.test('two items', () => pm.expect(pm.response.json().items).to.have.lengthOf(2))"
      },
      assertions: [
        { target: 'status', operator: '==', expected: '200' },
        { target: 'body $.items.length', operator: '>', expected: '0' },
        { target: 'header content-type', operator: 'contains', expected: 'json' },
        { target: 'time', operator: '<', expected: '60000' },
        { target: 'status', operator: '==', expected: '404' }
      ]
    })
    expect(out.error).toBeNull()
    expect(out.response?.status).toBe(200)
    expect(out.tests.map((t) => [t.name, t.passed, t.source])).toEqual([
      ['is 200', true, 'post'],
      ['two items', true, 'post'],
      ['status == 200', true, 'assertion'],
      ['body $.items.length > 0', true, 'assertion'],
      ['header content-type contains json', true, 'assertion'],
      ['time < 60000', true, 'assertion'],
      ['status == 404', false, 'assertion']
    ])
    expect(out.tests[6]?.message).toBe('expected 404, got 200')
  })

  it('lets a pre-request script change URL, method, headers and body before sending', async () => {
    const out = await run({
      request: { url: `${serverUrl}/before`, headers: [{ name: 'X-Drop', value: '1' }], body: { type: 'json', text: '{}' } },
      scripts: {
        pre: `pm.request.headers.add({ key: 'X-Signed', value: 'sig-' + pm.request.method })
pm.request.headers.remove('X-Drop')
pm.request.url = pm.request.url.toString().replace('/before', '/after')
pm.request.method = 'POST'
pm.request.body.update(JSON.stringify({ sent: true }))`
      }
    })
    expect(out.error).toBeNull()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/after', body: '{"sent":true}' })
    expect(seen[0]?.headers['x-signed']).toBe('sig-GET')
    expect(seen[0]?.headers['x-drop']).toBeUndefined()
  })

  it('pm.sendRequest goes through the engine, with callback and promise forms', async () => {
    const out = await run({
      request: { url: `${serverUrl}/main`, headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }] },
      scripts: {
        pre: `pm.sendRequest('${serverUrl}/token', (err, res) => { pm.variables.set('token', res.json().token) })
const res = await pm.sendRequest({ url: '${serverUrl}/echo', method: 'POST', header: [{ key: 'X-Via', value: 'script' }], body: { mode: 'raw', raw: 'hi' } })
console.log('echo', res.code, res.json().path)`
      }
    })
    expect(out.error).toBeNull()
    expect(out.console).toEqual([{ level: 'log', text: 'echo 200 /echo' }])
    const main = seen.find((s) => s.url === '/main')
    expect(main?.headers.authorization).toBe('Bearer t-123')
    expect(seen.find((s) => s.url === '/echo')).toMatchObject({ method: 'POST', body: 'hi' })
  })

  it('pm.sendRequest errors reach the callback and reject the promise', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const out = await run({
      request: { url: `${serverUrl}/main` },
      scripts: {
        pre: `pm.sendRequest('${deadUrl}', (err, res) => { console.log('callback', err ? 'error' : 'ok', res) })
try { await pm.sendRequest('${deadUrl}') } catch (e) { console.log('caught', e.message.length > 0) }`
      }
    })
    expect(out.error).toBeNull()
    expect(out.console.map((c) => c.text).sort()).toEqual(['callback error null', 'caught true'])
  })

  it('an error thrown in a pm.sendRequest callback is reported with its line', async () => {
    const out = await run({
      request: { url: `${serverUrl}/notes` },
      scripts: { post: `pm.sendRequest('${serverUrl}/token', (err, res) => {\n  res.json().nothing.here\n})` }
    })
    expect(out.scriptErrors).toEqual([
      { phase: 'post', owner: 'the request', message: "TypeError: cannot read property 'here' of undefined", line: 2, column: expect.any(Number) as unknown }
    ])
  })

  it('says that pm.environment changes are not kept when no environment is active', async () => {
    const out = await run({ request: { url: `${serverUrl}/notes` }, scripts: { pre: "pm.environment.set('token', 'x')" } })
    expect(out.console).toEqual([{ level: 'warn', text: 'No environment is active, so pm.environment changes (token) were kept for this send only.' }])
    expect(out.savedVariables).toEqual([])
  })

  it('a cancel while the pre-request script runs stops the send', async () => {
    const requestId = crypto.randomUUID()
    const running = call<HttpRunOutput>('http.run', {
      requestId,
      request: { method: 'GET', url: `${serverUrl}/main` },
      scripts: { pre: `await pm.sendRequest('${serverUrl}/slow')` }
    })
    await slowArrived
    expect(await call('http.cancel', { requestId })).toEqual({ cancelled: true })
    releaseSlow()
    const out = await running
    expect(out.error?.code).toBe('cancelled')
    expect(out.response).toBeNull()
    expect(seen.map((s) => s.url)).not.toContain('/main')
  })

  it('a failing pre-request script stops the send and says where', async () => {
    const out = await run({ request: { url: `${serverUrl}/never` }, scripts: { pre: 'const a = 1\nundefinedThing()' } })
    expect(out.response).toBeNull()
    expect(out.error?.code).toBe('script_error')
    expect(out.error?.message).toBe("The pre-request script of the request failed at line 2, column 1: ReferenceError: 'undefinedThing' is not defined")
    expect(seen).toHaveLength(0)
  })

  it('runs collection, folder and request scripts outer to inner and saves variables like Postman', async () => {
    const { id } = await call<{ id: string }>('collection.create', { path: join(await tempDir(), 'api'), name: 'API' })
    await call('folder.save', {
      collectionId: id,
      path: '',
      settings: {
        name: 'API',
        variables: [
          { name: 'base', value: serverUrl },
          { name: 'apiKey', value: 'super-secret-key', secret: true }
        ],
        scripts: { pre: "console.log('collection'); pm.collectionVariables.set('runs', '1')" }
      }
    })
    await call('folder.create', { collectionId: id, parent: '', name: 'notes' })
    await call('folder.save', {
      collectionId: id,
      path: 'notes',
      settings: { name: 'notes', scripts: { pre: "console.log('folder')", post: "console.log('folder post')" } }
    })
    const env = await call<{ id: string }>('environment.save', { collectionId: id, name: 'Dev', variables: [{ name: 'envVar', value: 'x' }] })
    await call('environment.setActive', { collectionId: id, id: env.id })

    const out = await run({
      request: { url: '{{base}}/notes' },
      context: { collectionId: id, path: 'notes/list.yaml' },
      scripts: {
        pre: "console.log('request'); pm.environment.set('seen', pm.environment.get('envVar') + '!'); pm.globals.set('g', 'yes')",
        post: "console.log('request post', pm.collectionVariables.get('apiKey'))"
      }
    })
    expect(out.error).toBeNull()
    expect(out.console.map((c) => c.text)).toEqual(['collection', 'folder', 'request', 'folder post', 'request post ••••••'])
    expect(out.savedVariables).toEqual(['globals', 'environment', 'collection'])
    const envs = await call<{ environments: { id: string; variables: { name: string; value: string }[] }[] }>('environment.list', { collectionId: id })
    expect(envs.environments[0]?.variables).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'seen', value: 'x!' })]))
    expect((await call<{ variables: { name: string; value: string }[] }>('globals.get', {})).variables).toEqual([
      expect.objectContaining({ name: 'g', value: 'yes' })
    ])
    const root = await call<{ variables: { name: string; value: string; secret: boolean }[] }>('folder.read', { collectionId: id, path: '' })
    expect(root.variables).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'runs', value: '1' }),
        expect.objectContaining({ name: 'apiKey', value: 'super-secret-key', secret: true })
      ])
    )
    // The secret stays out of the collection's files.
    expect(await readFile(join(await pathOf(id), 'parley.yaml'), 'utf8')).not.toContain('super-secret-key')
  })

  it('reports a post-response script error as a failed test, keeping the response', async () => {
    const out = await run({ request: { url: `${serverUrl}/notes` }, scripts: { post: 'for (;;) {}' } })
    expect(out.response?.status).toBe(200)
    expect(out.savedVariables).toEqual([])
    expect(out.tests).toEqual([
      {
        name: 'Post-response script of the request',
        passed: false,
        source: 'post',
        message: expect.stringMatching(/^The script ran longer than 3000 ms and was stopped/) as unknown
      }
    ])
  })
})

async function pathOf(collectionId: string): Promise<string> {
  const tree = await call<{ path: string }>('collection.tree', { collectionId })
  return tree.path
}
