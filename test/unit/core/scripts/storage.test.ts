import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir()
let services: Services
beforeEach(async () => {
  services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
})
afterEach(() => services.dispose())

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

it('saves scripts and assertion rows in the request YAML, and scripts in parley.yaml and folder.yaml', async () => {
  const root = join(await tempDir(), 'api')
  const { id } = await call<{ id: string }>('collection.create', { path: root, name: 'API' })
  const created = await call<{ path: string }>('request.create', {
    collectionId: id,
    request: {
      kind: 'http',
      name: 'List',
      method: 'GET',
      url: 'http://localhost/notes',
      scripts: { pre: "pm.variables.set('t', Date.now())", post: "pm.test('ok', () => pm.response.to.be.ok)" },
      assertions: [
        { target: 'status', operator: '==', expected: '200' },
        { target: 'body $.items.length', operator: '>', expected: '0', enabled: false }
      ]
    }
  })
  const yaml = await readFile(join(root, created.path), 'utf8')
  expect(yaml).toContain('scripts:\n  pre: pm.variables.set')
  expect(yaml).toContain('assertions:\n  - target: status\n    expected: "200"\n')
  const read = await call<{ request: Record<string, unknown> }>('request.read', { collectionId: id, path: created.path })
  expect(read.request.scripts).toEqual({ pre: "pm.variables.set('t', Date.now())", post: "pm.test('ok', () => pm.response.to.be.ok)" })
  expect(read.request.assertions).toEqual([
    { target: 'status', operator: '==', expected: '200', enabled: true },
    { target: 'body $.items.length', operator: '>', expected: '0', enabled: false }
  ])

  await call('folder.save', { collectionId: id, path: '', settings: { name: 'API', scripts: { pre: "console.log('root')" } } })
  await call('folder.create', { collectionId: id, parent: '', name: 'notes' })
  await call('folder.save', { collectionId: id, path: 'notes', settings: { name: 'notes', scripts: { post: "console.log('folder')" } } })
  expect(await readFile(join(root, 'parley.yaml'), 'utf8')).toContain("scripts:\n  pre: console.log('root')")
  expect(await readFile(join(root, 'notes', 'folder.yaml'), 'utf8')).toContain("scripts:\n  post: console.log('folder')")
  // A save that does not mention scripts (an older screen) keeps them.
  await call('folder.save', { collectionId: id, path: 'notes', settings: { name: 'notes', description: 'Notes' } })
  expect((await call<{ scripts?: unknown }>('folder.read', { collectionId: id, path: 'notes' })).scripts).toEqual({ post: "console.log('folder')" })
})
