import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { startHttpServer, type TestServer } from '../http/testServers'
import { tempDir } from '../../support/tempDir'

let services: Services
let server: TestServer
let tmp: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  tmp = await tempDir()
  services = await createServices({ dataDir: join(tmp.dir, 'data'), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  server = await startHttpServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json')
    res.end('{"notes":[]}')
  })
})

afterAll(async () => {
  await services.dispose()
  await server.close()
  await tmp.remove()
})

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value as T
}

const exampleNames = async (collectionId: string, path: string): Promise<string[]> =>
  (await call<{ examples: Array<{ name: string }> }>('examples.list', { collectionId, path })).examples.map((e) => e.name)

const historyIds = async (collectionId: string, path: string): Promise<string[]> =>
  (await call<{ entries: Array<{ id: string }> }>('responses.list', { target: { collectionId, path } })).entries.map((e) => e.id)

describe("a request's saved examples and response history go where the request goes", () => {
  it('rename, move, duplicate, delete and undo keep every example with its request', async () => {
    const root = join(tmp.dir, 'api')
    const { id: collectionId } = await call<{ id: string }>('collection.create', { path: root, name: 'API' })
    const { path } = await call<{ path: string }>('request.create', {
      collectionId,
      request: { kind: 'http', name: 'List notes', method: 'GET', url: `${server.url}/notes` }
    })
    const target = { collectionId, path }
    await call('http.send', { requestId: 'send-for-example-1', request: { method: 'GET', url: `${server.url}/notes` }, context: target })
    await call('examples.save', { ...target, name: 'Empty list', from: { target, id: 'send-for-example-1' } })
    expect(await exampleNames(collectionId, path)).toEqual(['Empty list'])

    const renamed = (await call<{ path: string }>('request.rename', { collectionId, path, name: 'All notes' })).path
    expect(renamed).toBe('all-notes.yaml')
    expect(await exampleNames(collectionId, renamed)).toEqual(['Empty list'])
    expect((await readdir(root)).filter((name) => name.endsWith('.examples'))).toEqual(['all-notes.examples'])
    // The response history follows too: the request's responses are listed under its new name, none under the old.
    expect(await historyIds(collectionId, renamed)).toEqual(['send-for-example-1'])
    expect(await historyIds(collectionId, path)).toEqual([])

    await call('folder.create', { collectionId, name: 'Notes' })
    const moved = (await call<{ path: string }>('request.move', { collectionId, path: renamed, toFolder: 'notes' })).path
    expect(moved).toBe('notes/all-notes.yaml')
    expect(await exampleNames(collectionId, moved)).toEqual(['Empty list'])
    expect((await readdir(root)).filter((name) => name.endsWith('.examples'))).toEqual([])
    expect(await historyIds(collectionId, moved)).toEqual(['send-for-example-1'])

    const copy = (await call<{ path: string }>('request.duplicate', { collectionId, path: moved })).path
    expect(await exampleNames(collectionId, copy)).toEqual(['Empty list'])
    // The copy's examples are its own: deleting one leaves the original's.
    await call('examples.delete', { collectionId, path: copy, name: 'Empty list' })
    expect(await exampleNames(collectionId, moved)).toEqual(['Empty list'])

    const { trashId } = await call<{ trashId: string }>('request.delete', { collectionId, path: moved })
    expect((await readdir(join(root, 'notes'))).sort()).toEqual([copy.split('/')[1], 'folder.yaml'].sort())
    await call('trash.undo', { trashId })
    expect(await exampleNames(collectionId, moved)).toEqual(['Empty list'])
  })

  it("a renamed folder's requests keep their response history", async () => {
    const root = join(tmp.dir, 'api-folders')
    const { id: collectionId } = await call<{ id: string }>('collection.create', { path: root, name: 'API' })
    const folder = (await call<{ path: string }>('folder.create', { collectionId, name: 'Old' })).path
    const { path } = await call<{ path: string }>('request.create', {
      collectionId,
      folder,
      request: { kind: 'http', name: 'Ping', method: 'GET', url: `${server.url}/ping` }
    })
    await call('http.send', { requestId: 'send-in-folder-1', request: { method: 'GET', url: `${server.url}/ping` }, context: { collectionId, path } })
    const renamed = (await call<{ path: string }>('folder.rename', { collectionId, path: folder, name: 'New' })).path
    expect(await historyIds(collectionId, `${renamed}/ping.yaml`)).toEqual(['send-in-folder-1'])
    expect(await historyIds(collectionId, path)).toEqual([])
  })
})
