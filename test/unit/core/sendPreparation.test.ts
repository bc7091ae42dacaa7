import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
let services: Services
let seen: { url: string; headers: IncomingHttpHeaders }[]
let serverUrl: string
let closeServer: () => Promise<void>

beforeEach(async () => {
  seen = []
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    response.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  closeServer = () => new Promise((resolve) => server.close(() => resolve()))
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

/** A collection with variables, headers and auth at the root and in a folder "admin". */
async function collection(): Promise<string> {
  const { id } = await call<{ id: string }>('collection.create', { path: join(await tempDir(), 'api'), name: 'API' })
  await call('folder.save', {
    collectionId: id,
    path: '',
    settings: {
      name: 'API',
      headers: [
        { name: 'X-Client', value: 'parley', enabled: true },
        { name: 'Accept', value: 'text/plain', enabled: true }
      ],
      auth: { type: 'bearer', token: '{{token}}' },
      variables: [
        { name: 'base', value: serverUrl },
        { name: 'token', value: 'root-secret', secret: true },
        { name: 'version', value: 'v1' }
      ]
    }
  })
  await call('folder.create', { collectionId: id, parent: '', name: 'admin' })
  await call('folder.save', {
    collectionId: id,
    path: 'admin',
    settings: {
      name: 'admin',
      headers: [{ name: 'X-Area', value: 'admin-{{version}}', enabled: true }],
      auth: { type: 'basic', username: 'root', password: '{{token}}' }
    }
  })
  return id
}

const send = (request: Record<string, unknown>, context?: Record<string, unknown>) =>
  services.invoke('http.send', { requestId: `r-${Math.random()}`, request, ...(context ? { context } : {}) })

describe('sending a request in its collection', () => {
  it('resolves variables (secrets included) and inherits headers and auth from the collection', async () => {
    const id = await collection()
    const result = await send(
      { method: 'GET', url: '{{base}}/{{version}}/items', headers: [{ name: 'accept', value: 'application/json' }], auth: { type: 'inherit' } },
      { collectionId: id, path: 'list.yaml' }
    )
    expect(result.ok).toBe(true)
    expect(seen.at(-1)).toMatchObject({ url: '/v1/items', headers: { 'x-client': 'parley', accept: 'application/json', authorization: 'Bearer root-secret' } })
  })

  it('takes the nearest folder auth and adds folder headers', async () => {
    const id = await collection()
    await send({ method: 'GET', url: '{{base}}/admin', auth: { type: 'inherit' } }, { collectionId: id, path: 'admin/users.yaml' })
    const last = seen.at(-1)!
    expect(last.headers['x-area']).toBe('admin-v1')
    expect(last.headers.authorization).toBe(`Basic ${Buffer.from('root:root-secret').toString('base64')}`)
  })

  it('keeps the request own auth over any inherited one', async () => {
    const id = await collection()
    await send({ method: 'GET', url: '{{base}}/own', auth: { type: 'bearer', token: 'mine' } }, { collectionId: id, path: 'admin/x.yaml' })
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer mine')
  })

  it('refuses to send with a missing variable and names it', async () => {
    const id = await collection()
    const result = await send({ method: 'GET', url: '{{base}}/{{nope}}' }, { collectionId: id })
    expect(result).toMatchObject({ ok: false, error: { code: 'variable_missing', message: expect.stringContaining('"nope"') } })
    expect(seen).toHaveLength(0)
  })

  it('without a collection, resolves global variables and treats inherit as no auth', async () => {
    await call('globals.save', { variables: [{ name: 'base', value: serverUrl }] })
    const result = await send({ method: 'GET', url: '{{base}}/plain', auth: { type: 'inherit' } })
    expect(result.ok).toBe(true)
    expect(seen.at(-1)).toMatchObject({ url: '/plain' })
    expect(seen.at(-1)!.headers.authorization).toBeUndefined()
  })

  it('an unsaved request sent with variablesOnly gets the variables and environment, not the headers or auth', async () => {
    const id = await collection()
    await call('environment.save', { collectionId: id, name: 'Local', variables: [{ name: 'area', value: 'env-area' }] })
    const { environments } = await call<{ environments: { id: string }[] }>('environment.list', { collectionId: id })
    await call('environment.setActive', { collectionId: id, id: environments[0]!.id })
    const result = await send({ method: 'GET', url: '{{base}}/{{version}}/{{area}}', auth: { type: 'inherit' } }, { collectionId: id, variablesOnly: true })
    expect(result.ok).toBe(true)
    expect(seen.at(-1)!.url).toBe('/v1/env-area')
    expect(seen.at(-1)!.headers['x-client']).toBeUndefined()
    expect(seen.at(-1)!.headers.authorization).toBeUndefined()
  })

  it('a missing variable says where Parley looked', async () => {
    const id = await collection()
    const result = await send({ method: 'GET', url: '{{base}}/{{nope}}' }, { collectionId: id, path: 'admin/x.yaml' })
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'The variable "nope" is not defined. Parley looked in the globals, collection "API" and folder "admin" (no environment is selected).' }
    })
  })
})
