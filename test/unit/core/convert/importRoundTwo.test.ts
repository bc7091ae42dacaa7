import { describe, expect, it } from 'vitest'
import { readImport } from '../../../../src/core/convert/import/runImport'
import { countItems, maxImportDepth } from '../../../../src/core/convert/import/importModel'
import { ParleyError } from '../../../../src/shared/errors'
import type { SavedRequest } from '../../../../src/shared/collection'
import { useTempDir } from '../../support/tempDir'
import { call, importFixture, pathOf } from './importKit'

const tempDir = useTempDir('parley-import-r2-')

/** Postman and Insomnia files as their tools and APIs really write them, and hostile ones. */

async function refusal(run: () => Promise<unknown>): Promise<ParleyError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof ParleyError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const postmanItems = [
  { name: 'List', request: { method: 'GET', url: 'https://api.test/items' } },
  { name: 'Folder', item: [{ name: 'Create', request: { method: 'POST', url: { raw: 'https://api.test/items' } } }] }
]

describe('import: Postman as its API returns it', () => {
  it('reads a collection wrapped in {"collection": …}', async () => {
    const text = JSON.stringify({
      collection: { info: { name: 'Wrapped', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: postmanItems }
    })
    const { format, collection } = await readImport(text)
    expect(format).toBe('postman-collection')
    expect(collection.name).toBe('Wrapped')
    expect(countItems(collection.items)).toEqual({ requests: 2, folders: 1 })
  })

  it('reads a v2 collection with no info block', async () => {
    const { format, collection } = await readImport(JSON.stringify({ variable: [{ key: 'a', value: '1' }], item: postmanItems }))
    expect(format).toBe('postman-collection')
    expect(collection.name).toBe('Postman collection')
    expect(collection.variables).toEqual([{ name: 'a', value: '1', enabled: true, secret: false }])
    expect(countItems(collection.items).requests).toBe(2)
  })

  it('reads an environment with only values, and one wrapped in {"environment": …}', async () => {
    const bare = await readImport(JSON.stringify({ values: [{ key: 'host', value: 'x.test' }] }))
    expect(bare.format).toBe('postman-environment')
    expect(bare.collection.environments[0]?.variables).toEqual([{ name: 'host', value: 'x.test', enabled: true, secret: false }])
    const wrapped = await readImport(JSON.stringify({ environment: { name: 'Staging', values: [{ key: 'k', value: 'v', enabled: true }] } }))
    expect(wrapped.collection.environments[0]).toMatchObject({ name: 'Staging', variables: [{ name: 'k', value: 'v' }] })
  })

  it('lists junk items as skipped instead of making Untitled requests', async () => {
    const text = JSON.stringify({
      info: { name: 'Junk', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [null, 42, 'text', { foo: 1 }, { name: 'No request' }, { request: null }, ...postmanItems]
    })
    const { collection } = await readImport(text)
    expect(countItems(collection.items)).toEqual({ requests: 2, folders: 1 })
    const skipped = collection.unsupported.filter((u) => /neither a request nor a folder/.test(u.what))
    expect(skipped.map((u) => u.item)).toEqual(['item 1', 'item 2', 'item 3', 'item 4', 'item 5 (No request)', 'item 6'])
    expect(skipped[0]?.what).toMatch(/null/)
  })

  it(`refuses folders nested deeper than ${maxImportDepth} levels with a clear error, even 20,000 deep`, async () => {
    // Written as text: JSON.stringify itself cannot go this deep.
    const leaf = '{"name":"leaf","request":{"method":"GET","url":"https://api.test/"}}'
    const inner = `${'{"name":"f","item":['.repeat(20_000)}${leaf}${']}'.repeat(20_000)}`
    const text = `{"info":{"name":"Deep","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[${inner}]}`
    const error = await refusal(() => readImport(text))
    expect(error.code).toBe('import_too_deep')
    expect(error.message).toMatch(new RegExp(`more than ${maxImportDepth} levels`))
    // At the limit it still imports.
    let ok: unknown = { name: 'leaf', request: { method: 'GET', url: 'https://api.test/' } }
    for (let i = 0; i < maxImportDepth; i++) ok = { name: `f${i}`, item: [ok] }
    const { collection } = await readImport(
      JSON.stringify({ info: { name: 'Deep', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [ok] })
    )
    expect(countItems(collection.items)).toEqual({ requests: 1, folders: maxImportDepth })
  })
})

const workspace = { _id: 'wrk_1', _type: 'workspace', parentId: null, name: 'Shop' }
const insomnia = (resources: unknown[]): string => JSON.stringify({ _type: 'export', __export_format: 4, resources: [workspace, ...resources] })
const req = (id: string, parentId: string, name: string) => ({ _id: id, _type: 'request', parentId, name, method: 'GET', url: `https://shop.test/${name}` })
const group = (id: string, parentId: string, name: string) => ({ _id: id, _type: 'request_group', parentId, name })

describe('import: Insomnia, nothing dropped in silence', () => {
  it('imports requests whose parent is missing, or in a loop, at the top level and says so', async () => {
    const { collection } = await readImport(
      insomnia([
        req('req_ok', 'wrk_1', 'ok'),
        req('req_orphan', 'fld_gone', 'orphan'),
        group('fld_a', 'fld_b', 'A'),
        group('fld_b', 'fld_a', 'B'),
        req('req_in_loop', 'fld_a', 'looped'),
        group('fld_lost', 'fld_nowhere', 'Lost folder'),
        req('req_in_lost', 'fld_lost', 'inside')
      ])
    )
    expect(countItems(collection.items).requests).toBe(4)
    const top = collection.items.map((i) => (i.type === 'request' ? i.request.name : `${i.name}/`))
    expect(top).toEqual(['ok', 'orphan', 'Lost folder/', 'A/'])
    const notes = collection.unsupported.map((u) => `${u.item}: ${u.what}`)
    expect(notes).toContain('orphan: Its parent (fld_gone) is not in the file; it was imported at the top level.')
    expect(notes).toContain('Lost folder: Its parent (fld_nowhere) is not in the file; it was imported at the top level.')
    expect(notes.some((n) => n.startsWith('A: ') && /loop/.test(n))).toBe(true)
  })

  it('lists junk resources and unknown types as skipped', async () => {
    const { collection } = await readImport(
      insomnia([null, 7, req('req_ok', 'wrk_1', 'ok'), { _id: 'x_1', _type: 'hologram', parentId: 'wrk_1', name: 'Odd' }])
    )
    expect(countItems(collection.items).requests).toBe(1)
    const notes = collection.unsupported.map((u) => `${u.item}: ${u.what}`)
    expect(notes).toEqual([
      'resource 2: An item that is null, neither a request nor a folder, was skipped.',
      'resource 3: An item that is number 7, neither a request nor a folder, was skipped.',
      'Odd: An Insomnia hologram resource has no Parley counterpart; it was skipped.'
    ])
  })

  it(`refuses a parent chain deeper than ${maxImportDepth} with a clear error, even 20,000 deep`, async () => {
    const resources: unknown[] = []
    let parent = 'wrk_1'
    for (let i = 0; i < 20_000; i++) {
      resources.push(group(`fld_${i}`, parent, `f${i}`))
      parent = `fld_${i}`
    }
    resources.push(req('req_leaf', parent, 'leaf'))
    const error = await refusal(() => readImport(insomnia(resources)))
    expect(error.code).toBe('import_too_deep')
  })
})

describe('import: scripts come along', () => {
  it('keeps Postman pre-request and test scripts with the request', async () => {
    const text = JSON.stringify({
      info: { name: 'S', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'Login',
          event: [
            { listen: 'prerequest', script: { type: 'text/javascript', exec: ['pm.variables.set("t", 1);', 'console.log(1)'] } },
            { listen: 'test', script: { type: 'text/javascript', exec: 'pm.test("ok", () => pm.response.to.have.status(200));' } },
            { listen: 'test', disabled: true, script: { type: 'text/javascript', exec: 'pm.test("off")' } }
          ],
          request: { method: 'POST', url: 'https://api.test/login' }
        }
      ]
    })
    const { collection } = await readImport(text)
    const first = collection.items[0]
    expect(first?.type === 'request' && first.request.scripts).toEqual({
      pre: 'pm.variables.set("t", 1);\nconsole.log(1)',
      post: 'pm.test("ok", () => pm.response.to.have.status(200));'
    })
    expect(collection.unsupported).toEqual([{ item: 'Login', what: 'A disabled test script was left out (Parley keeps the scripts that run).' }])
  })
})

describe('scripts in request files', () => {
  it('are written with the imported request, and an HTTP save keeps exactly what the Scripts tab holds', async () => {
    const { services, collectionId, read, tree } = await importFixture(await tempDir(), await tempDir(), 'postman-v2.1-collection.json')
    const path = pathOf((await tree()).root, 'Notes', 'List notes')
    const before = await read(path)
    expect(before.scripts?.post).toMatch(/pm\.test\(/)
    // The editor sends the scripts it shows: kept as they are.
    let { hash } = await call<{ hash: string }>(services, 'request.read', { collectionId, path })
    await call(services, 'request.save', { collectionId, path, request: { ...before, description: 'Edited' }, baseHash: hash })
    expect(await read(path)).toMatchObject({ description: 'Edited', scripts: before.scripts })
    // Emptied in the Scripts tab, an HTTP request's save carries none: they are gone from the file.
    ;({ hash } = await call<{ hash: string }>(services, 'request.read', { collectionId, path }))
    const { scripts: _emptied, ...withoutScripts } = { ...before, description: 'No scripts' } as SavedRequest
    await call(services, 'request.save', { collectionId, path, request: withoutScripts, baseHash: hash })
    expect((await read(path)).scripts).toBeUndefined()
    await services.dispose()
  })
})

describe('import: HAR junk entries', () => {
  it('lists entries without a request as skipped instead of making empty GET requests', async () => {
    const text = JSON.stringify({
      log: { version: '1.2', creator: { name: 'x' }, entries: [null, { response: {} }, { request: { method: 'GET', url: 'https://a.test/', headers: [] } }] }
    })
    const { collection } = await readImport(text)
    expect(collection.items).toHaveLength(1)
    expect(collection.unsupported.filter((u) => u.item.startsWith('entry ')).map((u) => `${u.item}: ${u.what}`)).toEqual([
      'entry 1: The entry is null; it was skipped.',
      'entry 2: The entry has no request; it was skipped.'
    ])
  })
})

describe('import: Insomnia v5 design documents and environment files', () => {
  it('reads the requests of a spec.insomnia.rest file (noting the spec) and an environment.insomnia.rest file', async () => {
    const design = [
      'type: spec.insomnia.rest/5.0',
      'name: Pets design',
      'meta: { id: wrk_1 }',
      'collection:',
      '  - url: https://pets.test/pets',
      '    name: List pets',
      '    meta: { id: req_1 }',
      '    method: GET',
      'spec:',
      '  contents: { openapi: 3.0.0 }',
      '  meta: { id: spc_1 }'
    ].join('\n')
    const spec = await readImport(design)
    expect(spec.format).toBe('insomnia')
    expect(countItems(spec.collection.items).requests).toBe(1)
    expect(spec.collection.unsupported.map((u) => u.what)).toEqual([expect.stringMatching(/API spec of this design document is not imported/)])
    const envFile = [
      'type: environment.insomnia.rest/5.0',
      'name: Shared',
      'meta: { id: wrk_2 }',
      'environments:',
      '  name: Base',
      '  data: { host: x.test }',
      '  subEnvironments:',
      '    - name: Staging',
      '      data: { host: staging.x.test }'
    ].join('\n')
    const env = await readImport(envFile)
    expect(env.collection.variables).toEqual([{ name: 'host', value: 'x.test', enabled: true, secret: false }])
    expect(env.collection.environments).toEqual([{ name: 'Staging', variables: [{ name: 'host', value: 'staging.x.test', enabled: true, secret: false }] }])
  })
})

describe('import: Insomnia environments out of place', () => {
  it('imports an environment whose parent is missing, with a note', async () => {
    const { collection } = await readImport(insomnia([{ _id: 'env_x', _type: 'environment', parentId: 'env_gone', name: 'Stray', data: { a: '1' } }]))
    expect(collection.environments).toEqual([{ name: 'Stray', variables: [{ name: 'a', value: '1', enabled: true, secret: false }] }])
    expect(collection.unsupported.map((u) => u.item)).toEqual(['Stray'])
  })
})
