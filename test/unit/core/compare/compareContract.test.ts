import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { startHttpServer, type TestServer } from '../http/testServers'
import { tempDir } from '../../support/tempDir'

let services: Services
let server: TestServer
let tmp: Awaited<ReturnType<typeof tempDir>>
let notes: Array<{ id: number; title: string; at: string }> = [{ id: 1, title: 'one', at: 't0' }]

beforeAll(async () => {
  tmp = await tempDir()
  services = await createServices({ dataDir: join(tmp.dir, 'data'), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  server = await startHttpServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ notes }))
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

describe('response history, examples and compare through the contract', () => {
  it('keeps each send of a saved request under its file, diffs two of them, and saves and compares an example', async () => {
    const collection = await call<{ id: string }>('collection.create', { path: join(tmp.dir, 'api'), name: 'API' })
    const { path } = await call<{ path: string }>('request.create', {
      collectionId: collection.id,
      request: { kind: 'http', name: 'List notes', method: 'GET', url: `${server.url}/notes` }
    })
    const context = { collectionId: collection.id, path }
    const request = { method: 'GET', url: `${server.url}/notes` }
    await call('http.send', { requestId: 'first-send-0001', request, context, tabId: 'tab-1' })
    notes = [...notes, { id: 2, title: 'two', at: 't1' }]
    await call('http.send', { requestId: 'second-send-0002', request, context, tabId: 'tab-1' })

    const target = { collectionId: collection.id, path }
    const listed = await call<{ entries: Array<{ id: string; status: number }> }>('responses.list', { target })
    expect(listed.entries.map((e) => e.id)).toEqual(['second-send-0002', 'first-send-0001'])
    // Keyed by the request file, not the tab that sent it.
    expect((await call<{ entries: unknown[] }>('responses.list', { target: { tabId: 'tab-1' } })).entries).toEqual([])

    const diff = await call<{ body: { changes: unknown[] } }>('compare.run', {
      left: { history: { target, id: 'first-send-0001' } },
      right: { history: { target, id: 'second-send-0002' } }
    })
    expect(diff.body.changes).toEqual([{ kind: 'added', path: 'notes[1]', after: '{"id":2,"title":"two","at":"t1"}' }])

    const { file } = await call<{ file: string }>('examples.save', {
      ...target,
      name: 'Two notes',
      from: { target, id: 'second-send-0002' },
      ignorePaths: ['**.at']
    })
    expect(file).toBe('list-notes.examples/two-notes.yaml')
    expect(await readFile(join(tmp.dir, 'api', file), 'utf8')).toContain('name: Two notes')
    notes = notes.map((n) => ({ ...n, at: 'later' }))
    await call('http.send', { requestId: 'third-send-0003', request, context })
    const againstExample = await call<{ equal: boolean; body: { ignored: number } }>('compare.run', {
      left: { example: { ...target, name: 'Two notes' } },
      right: { history: { target, id: 'third-send-0003' } },
      ignorePaths: ['**.at']
    })
    expect(againstExample.body.ignored).toBe(2)
    expect(againstExample.equal).toBe(true)

    const reopened = await call<{ status: number; body: { kind: string; text: string } }>('responses.open', { target, id: 'first-send-0001' })
    expect(JSON.parse(reopened.body.text)).toEqual({ notes: [{ id: 1, title: 'one', at: 't0' }] })
  })

  it('says clearly what is wrong with a bad reference', async () => {
    await expect(call('responses.open', { target: { tabId: 'nobody' }, id: 'missing-0000' })).rejects.toMatchObject({ code: 'response_not_found' })
    await expect(call('responses.open', { target: { tabId: 'nobody' }, id: '../../etc' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(
      call('examples.save', { collectionId: '0123456789abcdef', path: 'x.yaml', name: ' ', from: { target: { tabId: 't' }, id: 'missing-0000' } })
    ).rejects.toMatchObject({
      message: expect.stringContaining('an example needs a name')
    })
  })
})
