import { Ajv } from 'ajv'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
import type { ImportResult } from '../../../../src/shared/convert'
import type { SavedRequest } from '../../../../src/shared/collection'
import { useTempDir } from '../../support/tempDir'
import { call, fixture, importFixture, pathOf } from './importKit'

const tempDir = useTempDir('parley-export-')

async function postmanValidator() {
  const schema = JSON.parse(await fixture('postman-collection-v2.1.0.schema.json')) as object
  return new Ajv({ strict: false, allErrors: true }).compile(schema)
}

describe('export.postman', () => {
  it('writes a v2.1 collection that passes the Postman schema and imports back to the same requests', async () => {
    const first = await importFixture(await tempDir(), await tempDir(), 'postman-v2.1-collection.json')
    const exported = await call<{ json: string; unsupported: Array<{ item: string; what: string }> }>(first.services, 'export.postman', {
      collectionPath: first.result.collectionPath
    })
    const document = JSON.parse(exported.json) as { info: { schema: string; name: string }; variable: Array<{ key: string; value: string }> }
    const validate = await postmanValidator()
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    expect(document.info).toMatchObject({ name: 'Notes API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' })
    // Secret values never leave the data directory.
    expect(document.variable.find((v) => v.key === 'token')).toEqual({ key: 'token', value: '', type: 'string', _parley: { secret: true } })
    expect(exported.unsupported).toEqual([{ item: 'Notes API', what: expect.stringMatching(/Secret values \(token\) are not exported/) }])

    // Import the export: every request, folder, auth and variable comes back the same.
    const again = await call<ImportResult>(first.services, 'import.run', { text: exported.json, targetDir: await tempDir() })
    expect(again).toMatchObject({ imported: 8, folders: 2 })
    const firstTree = (await first.tree()).root
    const secondTree = (await call<{ root: typeof firstTree }>(first.services, 'collection.tree', { collectionId: again.collectionId })).root
    expect(JSON.stringify(secondTree.children.map((c) => c.name))).toBe(JSON.stringify(firstTree.children.map((c) => c.name)))
    const readAgain = async (path: string): Promise<SavedRequest> =>
      (await call<{ request: SavedRequest }>(first.services, 'request.read', { collectionId: again.collectionId, path })).request
    for (const names of [
      ['Notes', 'List notes'],
      ['Notes', 'Create note'],
      ['Uploads', 'Upload attachment'],
      ['Uploads', 'Login form'],
      ['Uploads', 'Put raw file'],
      ['GraphQL search'],
      ['Token (client credentials)']
    ]) {
      expect(await readAgain(pathOf(secondTree, ...names)), names.join(' / ')).toEqual(await first.read(pathOf(firstTree, ...names)))
    }
    const folderAgain = await call<Record<string, unknown>>(first.services, 'folder.read', { collectionId: again.collectionId, path: 'uploads' })
    expect(folderAgain['auth']).toEqual((await first.folder('uploads'))['auth'])
    await first.services.dispose()
  })

  it('the OpenAPI and Insomnia imports export to schema-valid Postman collections too, reporting what does not fit', async () => {
    const validate = await postmanValidator()
    for (const name of ['petstore-openapi-3.0.yaml', 'insomnia-v4.json', 'browser.har']) {
      const imported = await importFixture(await tempDir(), await tempDir(), name)
      const exported = await call<{ json: string; unsupported: Array<{ what: string }> }>(imported.services, 'export.postman', {
        collectionPath: imported.result.collectionPath
      })
      expect(validate(JSON.parse(exported.json)), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true)
      if (name === 'insomnia-v4.json') {
        expect(exported.unsupported.map((u) => u.what)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/Postman v2.1 files have no WebSocket requests: it is written as a GET item/),
            expect.stringMatching(/2 environment\(s\)/)
          ])
        )
      }
      await imported.services.dispose()
    }
  })
})

describe('export.har', () => {
  it('writes a request as a HAR 1.2 entry with auth written out', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '1.2.3', statusIntervalMs: 0 })
    const out = await call<{ json: string }>(services, 'export.har', {
      name: 'Create',
      request: {
        method: 'POST',
        url: 'https://x.test/a?b=1',
        headers: [{ name: 'X', value: '1' }],
        body: { type: 'json', text: '{"a":1}' },
        auth: { type: 'basic', username: 'u', password: 'p' }
      }
    })
    const har = JSON.parse(out.json) as { log: { version: string; creator: unknown; entries: Array<{ request: Record<string, unknown> }> } }
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'Parley', version: '1.2.3' } })
    expect(har.log.entries[0]?.request).toMatchObject({
      method: 'POST',
      url: 'https://x.test/a?b=1',
      comment: 'Create',
      queryString: [{ name: 'b', value: '1' }],
      headers: [
        { name: 'X', value: '1' },
        { name: 'Authorization', value: 'Basic dTpw' },
        { name: 'Content-Type', value: 'application/json' }
      ],
      postData: { mimeType: 'application/json', text: '{"a":1}' }
    })
    await services.dispose()
  })

  it('writes the HTTP history oldest first with status and time, and reports realtime sessions', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '1.2.3', statusIntervalMs: 0 })
    await call(services, 'history.add', {
      request: { kind: 'http', name: 'first', method: 'GET', url: 'https://x.test/1' },
      response: { status: 200, timeMs: 12, sizeBytes: 5 }
    })
    await call(services, 'history.add', { request: { kind: 'websocket', name: 'live', url: 'wss://x.test/ws' } })
    await call(services, 'history.add', {
      request: { kind: 'http', name: 'second', method: 'DELETE', url: 'https://x.test/2' },
      response: { timeMs: 3, sizeBytes: 0, error: 'connection refused' }
    })
    const out = await call<{ json: string; unsupported: Array<{ what: string }> }>(services, 'export.har', { history: true })
    const entries = (
      JSON.parse(out.json) as { log: { entries: Array<{ request: { url: string }; response: { status: number; comment?: string }; time: number }> } }
    ).log.entries
    expect(entries.map((e) => [e.request.url, e.response.status, e.time])).toEqual([
      ['https://x.test/1', 200, 12],
      ['https://x.test/2', 0, 3]
    ])
    expect(entries[1]?.response.comment).toBe('connection refused')
    expect(out.unsupported.map((u) => u.what)).toEqual(['websocket sessions have no HAR form; left out.'])
    // A HAR export is a HAR file: Parley's own importer reads it back.
    const back = await call<ImportResult>(services, 'import.preview', { text: out.json, targetDir: await tempDir() })
    expect(back).toMatchObject({ format: 'har', imported: 2 })
    await services.dispose()
  })
})

it('the schema fixture is the v2.1.0 one', async () => {
  const schema = JSON.parse(await readFile('test/fixtures/convert/postman-collection-v2.1.0.schema.json', 'utf8')) as { $id: string }
  expect(schema.$id).toBe('https://schema.getpostman.com/json/collection/v2.1.0/')
})
