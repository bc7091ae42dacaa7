import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
import type { ImportResult } from '../../../../src/shared/convert'
import type { SavedRequest } from '../../../../src/shared/collection'
import { useTempDir } from '../../support/tempDir'
import { call, importFixture, outline, pathOf, type TreeFolder } from './importKit'

/** Bruno: a collection folder of .bru files (read with @usebruno/lang) and Bruno's JSON export. */
const tempDir = useTempDir('parley-bruno-')
const folderFixture = 'test/fixtures/convert/bruno-collection'

/** The folder as the Import dialog sends it: every file, by its path under the folder chosen. */
async function folderText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => ({ path: `accounts/${relative(dir, join(e.parentPath, e.name))}`, text: await readFile(join(e.parentPath, e.name), 'utf8') }))
  )
  return JSON.stringify({ parleyImport: 'bruno-folder', files })
}

describe('import: Bruno collection folder', () => {
  it('keeps folders in seq order, requests, environments, collection and folder settings, scripts and tests', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
    const result = await call<ImportResult>(services, 'import.run', { text: await folderText(folderFixture), targetDir: await tempDir() })
    expect(result).toMatchObject({ format: 'bruno', name: 'Accounts API', imported: 4, folders: 1, environments: 2 })
    const collectionId = result.collectionId as string
    const { root } = await call<{ root: TreeFolder }>(services, 'collection.tree', { collectionId })
    expect(outline(root)).toEqual(['Users/', '  Get user', '  Create user', 'Upload avatar', 'Search'])
    const read = async (...names: string[]) =>
      (await call<{ request: SavedRequest }>(services, 'request.read', { collectionId, path: pathOf(root, ...names) })).request
    const folder = (path: string) => call<Record<string, unknown>>(services, 'folder.read', { collectionId, path })
    expect(await folder('')).toMatchObject({
      description: 'The accounts service.',
      headers: [{ name: 'X-Client', value: 'parley-test' }],
      auth: { type: 'bearer', token: '{{token}}' },
      variables: [{ name: 'apiVersion', value: 'v2' }]
    })
    expect(await folder('users')).toMatchObject({
      name: 'Users',
      headers: [{ name: 'X-Area', value: 'users' }],
      auth: { type: 'basic', username: 'admin', password: '{{adminPassword}}' },
      scripts: { pre: 'console.log("folder")' }
    })
    expect(await read('Users', 'Get user')).toMatchObject({ method: 'GET', url: '{{baseUrl}}/users/42?expand=roles', auth: { type: 'none' } })
    expect(await read('Users', 'Create user')).toMatchObject({
      method: 'POST',
      description: 'Creates a user.',
      headers: [],
      body: { type: 'json', text: '{\n  "name": "Ada"\n}' },
      auth: { type: 'inherit' },
      scripts: { pre: 'bru.setVar("started", Date.now());', post: expect.stringMatching(/userId[\s\S]*test\("created"/) }
    })
    expect(await read('Upload avatar')).toMatchObject({
      body: {
        type: 'multipart',
        parts: [
          { kind: 'text', name: 'caption', value: 'me' },
          { kind: 'file', name: 'file', path: 'avatar.png' }
        ]
      },
      auth: { type: 'apikey', key: 'X-Api-Key', value: '{{apiKey}}', in: 'header' }
    })
    expect(await read('Search')).toMatchObject({ body: { type: 'graphql', query: 'query { users(q: "ada") { id } }', variables: '{"limit": 5}' } })
    const { environments } = await call<{ environments: Array<{ name: string; variables: Array<{ name: string; enabled: boolean; secret: boolean }> }> }>(
      services,
      'environment.list',
      { collectionId }
    )
    expect(environments.map((e) => e.name).sort()).toEqual(['Local', 'Production'])
    expect(environments.find((e) => e.name === 'Local')?.variables).toMatchObject([
      { name: 'baseUrl', enabled: true, secret: false },
      { name: 'debug', enabled: false },
      { name: 'token', secret: true }
    ])
    expect(result.unsupported.map((u) => `${u.item}: ${u.what}`)).toEqual([
      expect.stringMatching(/^broken\.bru: This file could not be read \(Line \d+, col \d+: .*\); it was left out\.$/),
      'Users / Get user: The disabled query parameter "debug" was left out (Parley keeps the query in the URL).'
    ])
    await services.dispose()
  })

  it('carries collection.bru and folder.bru scripts (pre-request, post-response, tests) into parley.yaml and folder.yaml', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'orders/refunds'), { recursive: true })
    await writeFile(join(dir, 'bruno.json'), JSON.stringify({ version: '1', name: 'Shop', type: 'collection' }))
    await writeFile(join(dir, 'collection.bru'), 'script:pre-request {\n  req.setHeader("X-Trace", "1");\n}\n\ntests {\n  test("always", () => {});\n}\n')
    await writeFile(
      join(dir, 'orders/folder.bru'),
      'meta {\n  name: Orders\n  seq: 1\n}\n\nscript:pre-request {\n  bru.setVar("orderArea", "eu");\n}\n\nscript:post-response {\n  bru.setVar("lastStatus", res.status);\n}\n\ntests {\n  test("no server error", () => expect(res.status).to.be.below(500));\n}\n'
    )
    await writeFile(join(dir, 'orders/refunds/folder.bru'), 'meta {\n  name: Refunds\n}\n\nscript:post-response {\n  console.log("refunds");\n}\n')
    await writeFile(
      join(dir, 'orders/refunds/list.bru'),
      'meta {\n  name: List refunds\n  type: http\n  seq: 1\n}\n\nget {\n  url: {{base}}/refunds\n  body: none\n  auth: inherit\n}\n'
    )
    await writeFile(
      join(dir, 'orders/list.bru'),
      'meta {\n  name: List orders\n  type: http\n  seq: 1\n}\n\nget {\n  url: {{base}}/orders\n  body: none\n  auth: inherit\n}\n'
    )
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
    const target = await tempDir()
    const result = await call<ImportResult>(services, 'import.run', { text: await folderText(dir), targetDir: target })
    expect(result).toMatchObject({ format: 'bruno', name: 'Shop', imported: 2, folders: 2 })
    expect(result.unsupported).toEqual([])
    const collectionId = result.collectionId as string
    const folder = (path: string) => call<{ scripts?: { pre?: string; post?: string } }>(services, 'folder.read', { collectionId, path })
    expect((await folder('')).scripts).toEqual({ pre: 'req.setHeader("X-Trace", "1");', post: 'test("always", () => {});' })
    expect((await folder('orders')).scripts).toEqual({
      pre: 'bru.setVar("orderArea", "eu");',
      post: 'bru.setVar("lastStatus", res.status);\n\ntest("no server error", () => expect(res.status).to.be.below(500));'
    })
    expect((await folder('orders/refunds')).scripts).toEqual({ post: 'console.log("refunds");' })
    // On disk, in the files the format describes.
    const root = (await call<{ path: string }>(services, 'collection.tree', { collectionId })).path
    expect(await readFile(join(root, 'parley.yaml'), 'utf8')).toContain('scripts:\n  pre: req.setHeader("X-Trace", "1");')
    expect(await readFile(join(root, 'orders/folder.yaml'), 'utf8')).toContain('bru.setVar("orderArea", "eu");')
    await services.dispose()
  })

  it('refuses a folder without bruno.json with a clear error', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
    const outcome = await services.invoke('import.preview', {
      text: JSON.stringify({ parleyImport: 'bruno-folder', files: [{ path: 'x/a.bru', text: 'meta {\n}\n' }] }),
      targetDir: await tempDir()
    })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'not_bruno', message: expect.stringMatching(/no bruno\.json/) })
    await services.dispose()
  })
})

describe("import: Bruno's JSON export", () => {
  it('keeps folders, requests, auth, environments and scripts; lists what it skipped', async () => {
    const { result, read, tree, folder, environments, services } = await importFixture(await tempDir(), await tempDir(), 'bruno-export.json')
    expect(result).toMatchObject({ format: 'bruno', name: 'Payments', imported: 2, folders: 1, environments: 1 })
    const root = (await tree()).root
    expect(outline(root)).toEqual(['Charges/', '  Create charge', 'Balance'])
    expect(await folder('')).toMatchObject({ description: 'Payments API.', auth: { type: 'none' } })
    expect(await folder('charges')).toMatchObject({
      description: 'Charge cards.',
      headers: [{ name: 'X-Area', value: 'charges' }],
      auth: { type: 'basic', username: 'shop' }
    })
    expect(await read(pathOf(root, 'Charges', 'Create charge'))).toMatchObject({
      method: 'POST',
      body: {
        type: 'form',
        fields: [
          { name: 'amount', value: '100', enabled: true },
          { name: 'currency', value: 'eur', enabled: false }
        ]
      },
      scripts: { pre: "console.log('charging')", post: "test('ok', () => expect(res.status).to.equal(200))" }
    })
    expect(await read(pathOf(root, 'Balance'))).toMatchObject({
      auth: { type: 'awsv4', accessKeyId: 'AKID', secretAccessKey: '{{awsSecret}}', region: 'eu-west-1', service: 'execute-api' }
    })
    expect((await environments()).environments[0]).toMatchObject({ name: 'Test', variables: [{ name: 'baseUrl' }, { name: 'shopPassword', secret: true }] })
    expect(result.unsupported.map((u) => `${u.item}: ${u.what}`)).toEqual([
      'Charges / Create charge: 1 assertion(s) are not imported; they can be written as a post-response script.',
      'Charges / item 2: An item that is null, neither a request nor a folder, was skipped.',
      'Ping: gRPC requests are not supported by Parley; it was skipped.'
    ])
    await services.dispose()
  })
})
