import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../../src/core/store/historyStore'
import { listFiles, servicesKit } from './storeTestKit'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

const v = (name: string, value: string) => ({ name, value, enabled: true, secret: false })

describe('environments', () => {
  it('are created, updated, listed, made active and deleted as files in environments/', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    const staging = await kit.call('environment.save', { collectionId: id, name: 'Staging', variables: [v('host', 'https://staging')] })
    expect(staging.id).toBe('staging')
    expect(await readFile(join(folder, 'environments', 'staging.yaml'), 'utf8')).toBe('name: Staging\nvariables:\n  - name: host\n    value: https://staging\n')
    await kit.call('environment.save', { collectionId: id, id: 'staging', name: 'Staging EU', variables: [v('host', 'https://eu')] })
    await kit.call('environment.save', { collectionId: id, name: 'Production', variables: [] })
    await kit.call('environment.setActive', { collectionId: id, id: 'staging' })
    const list = await kit.call('environment.list', { collectionId: id })
    expect(list.activeId).toBe('staging')
    expect(list.environments.map((e) => [e.id, e.name])).toEqual([
      ['production', 'Production'],
      ['staging', 'Staging EU']
    ])
    expect((await kit.call('collection.tree', { collectionId: id })).environments).toEqual([
      { id: 'production', name: 'Production' },
      { id: 'staging', name: 'Staging EU' }
    ])
    // The active environment is app state: remembered in the data dir, not in the collection.
    expect(JSON.parse(await readFile(join(kit.dataDir, 'active-environments.json'), 'utf8'))).toEqual({ [id]: 'staging' })
    expect((await kit.call('vars.resolve', { collectionId: id, text: '{{host}}/x' })).text).toBe('https://eu/x')

    await kit.call('environment.delete', { collectionId: id, id: 'staging' })
    expect(await listFiles(folder)).toEqual(['environments/production.yaml', 'parley.yaml'])
    expect((await kit.call('environment.list', { collectionId: id })).activeId).toBeNull()
    expect(await kit.fail('environment.save', { collectionId: id, id: 'nope', name: 'X' })).toMatchObject({ code: 'not_found' })
    expect(await kit.fail('environment.save', { collectionId: id, id: '../x', name: 'X' })).toMatchObject({ code: 'invalid_input' })
  })

  it('global variables live in the data dir', async () => {
    await kit.call('globals.save', { variables: [v('who', 'world')] })
    expect((await kit.call('globals.get')).variables).toEqual([v('who', 'world')])
    expect(JSON.parse(await readFile(join(kit.dataDir, 'globals.json'), 'utf8')).variables[0].value).toBe('world')
    expect((await kit.call('vars.resolve', { text: 'hello {{who}}' })).text).toBe('hello world')
  })
})

describe('workspace', () => {
  it('persists open tabs and drafts, validates their shape, and bounds their size', async () => {
    expect(await kit.call('workspace.get')).toEqual({ tabs: [], activeTabId: null, drafts: [] })
    const workspace = {
      tabs: [{ id: 't1', title: 'List notes', kind: 'http' as const, collectionId: '0123456789abcdef', path: 'list-notes.yaml' }],
      activeTabId: 't1',
      drafts: [{ tabId: 't1', baseHash: 'abc', request: { kind: 'http' as const, name: 'List notes', method: 'GET', url: 'http://x/draft' } }]
    }
    await kit.call('workspace.save', workspace)
    const back = await kit.call('workspace.get')
    expect(back.tabs).toEqual(workspace.tabs)
    expect(back.drafts[0]!.request.url).toBe('http://x/draft')
    expect(await kit.fail('workspace.save', { tabs: [{ id: 't1' }] })).toMatchObject({ code: 'invalid_input' })
    const huge = {
      ...workspace,
      drafts: [
        {
          tabId: 't1',
          request: { kind: 'http' as const, name: 'Big', method: 'POST', url: 'x', body: { type: 'text' as const, text: 'x'.repeat(6 * 1024 * 1024) } }
        }
      ]
    }
    expect(await kit.fail('workspace.save', huge)).toMatchObject({ code: 'workspace_too_large' })
    await writeFile(join(kit.dataDir, 'workspace.json'), '{ damaged')
    expect(await kit.call('workspace.get')).toEqual({ tabs: [], activeTabId: null, drafts: [] })
  })
})

describe('history', () => {
  const request = (name: string, url: string) => ({ kind: 'http' as const, name, method: 'GET', url })

  it('records unresolved requests, lists them by day newest first, searches, and clears', async () => {
    await kit.call('history.add', { request: request('Notes', '{{playground}}/api/notes'), response: { status: 200, timeMs: 12, sizeBytes: 345 } })
    await kit.call('history.add', { request: { kind: 'sse', name: 'Clock', url: '{{playground}}/sse/clock' } })
    const list = await kit.call('history.list', {})
    expect(list.total).toBe(2)
    expect(list.days).toHaveLength(1)
    expect(list.days[0]!.entries.map((e) => e.request.name)).toEqual(['Clock', 'Notes'])
    expect(list.days[0]!.entries[1]!.request.url).toBe('{{playground}}/api/notes')
    expect((await kit.call('history.list', { query: 'notes' })).days[0]!.entries.map((e) => e.request.name)).toEqual(['Notes'])
    expect((await kit.call('history.list', { query: 'get api/notes' })).days[0]!.entries).toHaveLength(1)
    expect(kit.events.filter((e) => e.name === 'history.changed')).toHaveLength(2)
    await kit.call('history.clear')
    expect((await kit.call('history.list')).total).toBe(0)
    expect((await listFiles(join(kit.dataDir, 'history'))).filter((f) => f !== 'limit.json')).toEqual([])
  })

  it('prunes the oldest past the limit, which the user can set (default 1,000)', async () => {
    expect((await kit.call('history.list')).limit).toBe(1000)
    for (let i = 0; i < 8; i++) await kit.call('history.add', { request: request(`R${i}`, `http://x/${i}`) })
    expect(await kit.call('history.setLimit', { limit: 5 })).toEqual({ limit: 5 })
    const names = (await kit.call('history.list')).days.flatMap((d) => d.entries.map((e) => e.request.name))
    expect(names).toEqual(['R7', 'R6', 'R5', 'R4', 'R3'])
    await kit.call('history.add', { request: request('R8', 'http://x/8') })
    const after = await kit.call('history.list', { limit: 2 })
    expect(after.total).toBe(5)
    expect(after.days.flatMap((d) => d.entries.map((e) => e.request.name))).toEqual(['R8', 'R7'])
    expect(await kit.fail('history.setLimit', { limit: 0 })).toMatchObject({ code: 'invalid_input' })
  })

  it('groups entries by day across days', async () => {
    let now = new Date('2026-01-01T10:00:00Z')
    const history = new HistoryStore(join(kit.dataDir, 'h2'), () => now)
    await history.add({ request: request('Old', 'http://x') })
    now = new Date('2026-01-03T09:00:00Z')
    await history.add({ request: request('New', 'http://x') })
    const list = await new HistoryStore(join(kit.dataDir, 'h2')).list()
    expect(list.days.map((d) => [d.day, d.entries.map((e) => e.request.name)])).toEqual([
      ['2026-01-03', ['New']],
      ['2026-01-01', ['Old']]
    ])
  })
})
