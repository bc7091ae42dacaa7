import { existsSync } from 'node:fs'
import { cp, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createServices, type Services } from '../../../../src/core/services'
import type { ImportResult } from '../../../../src/shared/convert'
import type { SavedRequest } from '../../../../src/shared/collection'
import { useTempDir } from '../../support/tempDir'
import { call, type TreeFolder } from './importKit'

/**
 * Parley → Postman v2.1 → Parley and Parley → Insomnia v5 → Parley keep every request, folder,
 * variable, auth and body: the sample collection and imported real files, compared file by file.
 */
const tempDir = useTempDir('parley-roundtrip-')

interface Snapshot {
  folders: Map<string, Record<string, unknown>>
  requests: Map<string, SavedRequest>
  environments: Array<{ name: string; variables: unknown[] }>
}

/** Every folder's settings and every request, keyed by display names (paths may differ). */
async function snapshot(services: Services, collectionId: string): Promise<Snapshot> {
  const { root } = await call<{ root: TreeFolder }>(services, 'collection.tree', { collectionId })
  const folders = new Map<string, Record<string, unknown>>()
  const requests = new Map<string, SavedRequest>()
  const walk = async (folder: TreeFolder, names: string): Promise<void> => {
    const settings = await call<Record<string, unknown>>(services, 'folder.read', { collectionId, path: folder.path })
    folders.set(names, { auth: settings['auth'], variables: settings['variables'], description: settings['description'], headers: settings['headers'] })
    for (const child of folder.children) {
      const key = `${names}/${child.name}`
      if (child.type === 'folder') await walk(child, key)
      else requests.set(key, (await call<{ request: SavedRequest }>(services, 'request.read', { collectionId, path: child.path })).request)
    }
  }
  await walk(root, '')
  const { environments } = await call<{ environments: Array<{ name: string; variables: unknown[] }> }>(services, 'environment.list', { collectionId })
  return { folders, requests, environments: environments.map((e) => ({ name: e.name, variables: e.variables })).sort((a, b) => a.name.localeCompare(b.name)) }
}

const impliedType: Record<string, string> = { json: 'application/json', xml: 'application/xml', form: 'application/x-www-form-urlencoded' }

/**
 * A Content-Type header that says what the body type sends anyway is the same request either way
 * (importers let the body carry it), so it is left out of the comparison too.
 */
function comparable(request: SavedRequest): SavedRequest {
  if (!('headers' in request)) return request
  const implied = request.kind === 'http' ? impliedType[request.body.type] : undefined
  const headers = request.headers.filter((h) => !(implied && h.name.toLowerCase() === 'content-type' && h.value === implied))
  return {
    ...request,
    headers,
    ...(request.kind === 'http' && request.body.type === 'graphql' ? { body: { ...request.body, variables: sameJson(request.body.variables) } } : {})
  } as SavedRequest
}

/** GraphQL variables travel as a JSON object in Insomnia's body: their indentation is not kept. */
function sameJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text))
  } catch {
    return text
  }
}

async function roundTrip(
  services: Services,
  collectionId: string,
  collectionPath: string,
  via: 'export.postman' | 'export.insomnia'
): Promise<{ before: Snapshot; after: Snapshot; unsupported: string[] }> {
  const exported = await call<{ json?: string; yaml?: string; unsupported: Array<{ item: string; what: string }> }>(services, via, { collectionPath })
  const text = exported.json ?? exported.yaml ?? ''
  const again = await call<ImportResult>(services, 'import.run', { text, targetDir: await tempDir() })
  expect(again.format).toBe(via === 'export.postman' ? 'postman-collection' : 'insomnia')
  return {
    before: await snapshot(services, collectionId),
    after: await snapshot(services, again.collectionId as string),
    unsupported: exported.unsupported.map((u) => `${u.item}: ${u.what}`)
  }
}

async function openSample(): Promise<{ services: Services; collectionId: string; path: string }> {
  const path = join(await tempDir(), 'sample')
  await cp('resources/sample-collection', path, { recursive: true })
  const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
  const opened = await call<{ id: string }>(services, 'collection.open', { path })
  return { services, collectionId: opened.id, path }
}

describe('export round trips', () => {
  for (const via of ['export.postman', 'export.insomnia'] as const) {
    it(`the sample collection through ${via === 'export.postman' ? 'Postman v2.1' : 'Insomnia v5'} comes back request for request`, async () => {
      const { services, collectionId, path } = await openSample()
      const { before, after } = await roundTrip(services, collectionId, path, via)
      expect([...after.requests.keys()]).toEqual([...before.requests.keys()])
      for (const [key, request] of before.requests) expect(comparable(after.requests.get(key) as SavedRequest), key).toEqual(comparable(request))
      expect([...after.folders.keys()]).toEqual([...before.folders.keys()])
      for (const [key, folder] of before.folders) expect(after.folders.get(key), key || 'the collection').toEqual(folder)
      await services.dispose()
    })
  }

  it('imported files (Postman, Insomnia v4 and v5, OpenAPI) survive both round trips', async () => {
    const fixtures = ['postman-v2.1-collection.json', 'insomnia-v4.json', 'insomnia-v5.yaml', 'petstore-openapi-3.0.yaml', 'bruno-export.json'].map((name) =>
      join('test/fixtures/convert', name)
    )
    // A few files of the shared import corpus, where it sits beside the checkout.
    const corpus = [
      'postman/newman/multi-level-folders-v2.postman_collection.json',
      'postman/newman/protocol-profile-behavior.postman_collection.json',
      'postman/insomnia-fixtures/complex-v2_1-input.json',
      'insomnia/insomnia-inso/insomnia_v4.json',
      'insomnia/bruno/insomnia-v5-with-envs.yaml',
      'openapi/swagger-petstore/openapi.yaml'
    ]
      .map((name) => join('../shared/import-corpus', name))
      .filter((file) => existsSync(file))
    for (const file of [...fixtures, ...corpus]) {
      const name = basename(file)
      for (const via of ['export.postman', 'export.insomnia'] as const) {
        const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
        const first = await call<ImportResult>(services, 'import.run', { text: await readFile(file, 'utf8'), targetDir: await tempDir() })
        const { before, after } = await roundTrip(services, first.collectionId as string, first.collectionPath, via)
        const label = `${name} via ${via}`
        expect([...after.requests.keys()], label).toEqual([...before.requests.keys()])
        for (const [key, request] of before.requests) {
          expect(comparable(after.requests.get(key) as SavedRequest), `${label}: ${key}`).toEqual(comparable(request))
        }
        for (const [key, folder] of before.folders) {
          const got = after.folders.get(key)
          expect(got?.['variables'], `${label}: variables of ${key || 'the collection'}`).toEqual(folder['variables'])
          expect(got?.['headers'], `${label}: headers of ${key || 'the collection'}`).toEqual(folder['headers'])
          expect(got?.['auth'], `${label}: auth of ${key || 'the collection'}`).toEqual(folder['auth'])
        }
        if (via === 'export.insomnia') expect(after.environments, `${label}: environments`).toEqual(before.environments)
        await services.dispose()
      }
    }
  }, 180_000)

  it('writes Insomnia v5 YAML that Insomnia reads: type, ids by kind, {{ _.name }} variables', async () => {
    const { services, path } = await openSample()
    const { yaml } = await call<{ yaml: string }>(services, 'export.insomnia', { collectionPath: path })
    const doc = parse(yaml) as {
      type: string
      collection: Array<{ name: string; meta: { id: string }; children?: Array<{ url?: string; meta: { id: string } }> }>
    }
    expect(doc.type).toBe('collection.insomnia.rest/5.0')
    const rest = doc.collection.find((n) => n.name === 'REST')
    expect(rest?.meta.id).toMatch(/^fld_/)
    expect(rest?.children?.[0]).toMatchObject({
      url: expect.stringMatching(/^\{\{ _\.playground \}\}\/api\/notes/),
      meta: { id: expect.stringMatching(/^req_/) }
    })
    const ids = doc.collection.flatMap((n) => (n.children ?? []).map((c) => c.meta.id))
    expect(ids.some((id) => id.startsWith('ws-req_'))).toBe(true)
    expect(ids.some((id) => id.startsWith('socketio-req_'))).toBe(true)
    await services.dispose()
  })
})
