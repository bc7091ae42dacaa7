import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCollection } from '../../../../src/core/store/collectionLoader'
import { formatMigrations, upgradeFile, type FormatStep } from '../../../../src/core/store/formatMigrations'
import { collectionFormatVersion } from '../../../../src/shared/collection'
import { servicesKit } from './storeTestKit'

// Every format version Parley ever wrote has a fixture folder here, holding the same collection as that
// version wrote it. Each must load, upgraded, to the same values; a newer version must be refused.
const fixtures = join(import.meta.dirname, 'formatFixtures')

let kit: Awaited<ReturnType<typeof servicesKit>>
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

describe('the collection format version and its migrations', () => {
  it('has a fixture for every version up to the current one, and a step from every older version', async () => {
    const versions = (await readdir(fixtures)).map((name) => Number(name.replace(/^v/, ''))).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: collectionFormatVersion }, (_, i) => i + 1))
    for (const steps of Object.values(formatMigrations)) {
      expect(
        Object.keys(steps)
          .map(Number)
          .sort((a, b) => a - b)
      ).toEqual(versions.slice(0, -1))
    }
  })

  it.each(Array.from({ length: collectionFormatVersion }, (_, i) => i + 1))('loads the fixture of version %i to the same collection', async (version) => {
    const loaded = await loadCollection(join(fixtures, `v${version}`))
    expect(loaded.problems).toEqual([])
    expect(loaded.formatVersion).toBe(version)
    expect(loaded.file).toMatchObject({
      parley: collectionFormatVersion,
      name: 'Format fixture',
      headers: [{ name: 'X-Team', value: 'core', enabled: true }],
      variables: [{ name: 'base', value: 'http://127.0.0.1:4000' }],
      order: ['rest', 'live-socket-io.yaml']
    })
    expect(loaded.folders.get('rest')).toMatchObject({ name: 'REST', auth: { type: 'bearer', token: '{{token}}' } })
    expect([...loaded.requests.values()].map((r) => [r.path, r.kind, r.name]).sort()).toEqual([
      ['clock-sse.yaml', 'sse', 'Clock SSE'],
      ['echo-websocket.yaml', 'websocket', 'Echo WebSocket'],
      ['live-socket-io.yaml', 'socketio', 'Live Socket.IO'],
      ['rest/create-a-note.yaml', 'http', 'Create a note']
    ])
    expect(loaded.environments.get('staging')).toEqual({
      name: 'Staging',
      variables: [{ name: 'base', value: 'https://staging.example.com', enabled: true, secret: false }]
    })
    // Through the contract too: the request reads upgraded, and a save writes the current version.
    const copy = join(kit.base, `v${version}`)
    await cp(join(fixtures, `v${version}`), copy, { recursive: true })
    const { id } = await kit.call('collection.open', { path: copy })
    const note = await kit.call('request.read', { collectionId: id, path: 'rest/create-a-note.yaml' })
    expect(note.request).toMatchObject({ kind: 'http', method: 'POST', body: { type: 'json', text: '{\n  "title": "hello"\n}' } })
    const settings = await kit.call('folder.read', { collectionId: id, path: '' })
    await kit.call('folder.save', { collectionId: id, path: '', settings: { ...settings, description: 'Saved again' } })
    expect(await readFile(join(copy, 'parley.yaml'), 'utf8')).toMatch(new RegExp(`^parley: ${collectionFormatVersion}\\n`))
  })

  it('upgrades step by step from the version a file was written at, and stamps the collection with the new one', () => {
    const order: string[] = []
    const step =
      (label: string, change: FormatStep): FormatStep =>
      (value) => {
        order.push(label)
        return change(value)
      }
    const chain = {
      collection: { 1: step('c1', (v) => ({ ...v, title: v['name'] })), 2: step('c2', ({ title, ...v }) => ({ ...v, heading: title })) },
      folder: {},
      request: { 1: step('r1', (v) => ({ ...v, url: String(v['address']) })), 2: step('r2', (v) => ({ ...v, method: 'GET' })) },
      environment: {}
    }
    expect(upgradeFile('collection', { parley: 1, name: 'Old' }, 1, chain, 3)).toEqual({ parley: 3, name: 'Old', heading: 'Old' })
    expect(upgradeFile('request', { address: 'http://x' }, 2, chain, 3)).toEqual({ address: 'http://x', method: 'GET' })
    expect(order).toEqual(['c1', 'c2', 'r2'])
    expect(() => upgradeFile('folder', { name: 'x' }, 1, chain, 2)).toThrow(/no folder step from format version 1/)
  })

  it('refuses a collection made by a newer Parley, saying to update', async () => {
    const copy = join(kit.base, 'newer')
    await cp(join(fixtures, `v${collectionFormatVersion}`), copy, { recursive: true })
    const text = await readFile(join(copy, 'parley.yaml'), 'utf8')
    await writeFile(join(copy, 'parley.yaml'), text.replace(/^parley: \d+/, `parley: ${collectionFormatVersion + 1}`))
    await expect(loadCollection(copy)).rejects.toMatchObject({
      code: 'format_too_new',
      message: expect.stringContaining(`made by a newer Parley (collection format ${collectionFormatVersion + 1}`),
      hint: expect.stringMatching(/^Update Parley/)
    })
    const error = await kit.fail('collection.open', { path: copy })
    expect(error).toMatchObject({ code: 'format_too_new', hint: expect.stringMatching(/^Update Parley/) })
  })
})
