import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listFiles, servicesKit } from './storeTestKit'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

const get = (name: string) => ({ kind: 'http' as const, name, method: 'GET', url: `http://x/${name}` })

async function newCollection(name = 'Demo') {
  const folder = join(kit.base, 'collections', name.toLowerCase())
  const tree = await kit.call('collection.create', { path: folder, name })
  return { folder, id: tree.id, tree }
}

describe('collections through the contract', () => {
  it('creates a collection with a parley.yaml and nothing else', async () => {
    const { folder, tree } = await newCollection()
    expect(tree).toMatchObject({ name: 'Demo', problems: [], root: { children: [] } })
    expect(await listFiles(folder)).toEqual(['parley.yaml'])
    expect(await readFile(join(folder, 'parley.yaml'), 'utf8')).toBe('parley: 1\nname: Demo\n')
  })

  it('refuses to create a collection in a folder that holds files', async () => {
    const folder = join(kit.base, 'busy')
    await mkdir(folder)
    await writeFile(join(folder, 'notes.txt'), 'x')
    expect(await kit.fail('collection.create', { path: folder, name: 'X' })).toMatchObject({ code: 'folder_not_empty' })
    expect(await kit.fail('collection.create', { path: join(folder, 'notes.txt'), name: 'X' })).toMatchObject({ code: 'folder_unusable' })
  })

  it('creates, reads, saves, renames, duplicates, moves and deletes requests, and undo restores', async () => {
    const { folder, id } = await newCollection()
    const created = await kit.call('request.create', { collectionId: id, folder: '', request: get('List notes') })
    expect(created.path).toBe('list-notes.yaml')
    const read = await kit.call('request.read', { collectionId: id, path: created.path })
    expect(read.request).toMatchObject({ name: 'List notes', method: 'GET' })
    expect(read.hash).toBe(created.hash)

    const saved = await kit.call('request.save', {
      collectionId: id,
      path: created.path,
      request: { ...read.request, url: 'http://x/changed' },
      baseHash: read.hash
    })
    expect(saved.hash).not.toBe(read.hash)
    // The cached tree follows a save without reading the folder again.
    const afterSave = await kit.call('collection.tree', { collectionId: id })
    expect(afterSave.root.children).toMatchObject([{ path: 'list-notes.yaml', url: 'http://x/changed' }])

    const renamed = await kit.call('request.rename', { collectionId: id, path: created.path, name: 'All notes' })
    expect(renamed.path).toBe('all-notes.yaml')
    const dup = await kit.call('request.duplicate', { collectionId: id, path: renamed.path })
    expect(dup.path).toBe('all-notes-copy.yaml')

    const sub = await kit.call('folder.create', { collectionId: id, parent: '', name: 'REST API' })
    expect(sub.path).toBe('rest-api')
    const moved = await kit.call('request.move', { collectionId: id, path: dup.path, toFolder: sub.path })
    expect(moved.path).toBe('rest-api/all-notes-copy.yaml')

    const tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.root.children.map((c) => [c.type, c.name])).toEqual([
      ['request', 'All notes'],
      ['folder', 'REST API']
    ])

    const { trashId } = await kit.call('request.delete', { collectionId: id, path: 'all-notes.yaml' })
    expect(await listFiles(folder)).toEqual(['parley.yaml', 'rest-api/all-notes-copy.yaml', 'rest-api/folder.yaml'])
    expect(await kit.call('trash.undo', { trashId })).toEqual({ collectionId: id, path: 'all-notes.yaml' })
    const restored = await kit.call('request.read', { collectionId: id, path: 'all-notes.yaml' })
    expect(restored.request.url).toBe('http://x/changed')

    await kit.call('folder.delete', { collectionId: id, path: 'rest-api' })
    expect(await listFiles(folder)).toEqual(['all-notes.yaml', 'parley.yaml'])
    await kit.call('trash.undo', {})
    expect(await listFiles(folder)).toContain('rest-api/all-notes-copy.yaml')
  })

  it('renames a folder: directory, display name and order entry', async () => {
    const { folder, id } = await newCollection()
    await kit.call('folder.create', { collectionId: id, parent: '', name: 'B' })
    await kit.call('folder.create', { collectionId: id, parent: '', name: 'A' })
    await kit.call('item.reorder', { collectionId: id, folder: '', order: ['b', 'a'] })
    const renamed = await kit.call('folder.rename', { collectionId: id, path: 'b', name: 'Zed' })
    expect(renamed.path).toBe('zed')
    expect(await readFile(join(folder, 'parley.yaml'), 'utf8')).toBe('parley: 1\nname: Demo\norder:\n  - zed\n  - a\n')
    expect(await readFile(join(folder, 'zed', 'folder.yaml'), 'utf8')).toBe('name: Zed\n')
  })

  it('keeps the order from the files: listed first, the rest alphabetically', async () => {
    const { id } = await newCollection()
    for (const name of ['Delta', 'Alpha', 'Charlie', 'Bravo']) {
      await kit.call('request.create', { collectionId: id, folder: '', request: get(name) })
    }
    let tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.root.children.map((c) => c.name)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta'])
    await kit.call('item.reorder', { collectionId: id, folder: '', order: ['delta.yaml', 'bravo.yaml'] })
    tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.root.children.map((c) => c.name)).toEqual(['Delta', 'Bravo', 'Alpha', 'Charlie'])
    // A new request in an ordered folder goes to the end of the list.
    await kit.call('request.create', { collectionId: id, folder: '', request: get('Aardvark') })
    tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.root.children.map((c) => c.name)).toEqual(['Delta', 'Bravo', 'Aardvark', 'Alpha', 'Charlie'])
    expect(await kit.fail('item.reorder', { collectionId: id, folder: '', order: ['nope.yaml'] })).toMatchObject({ code: 'not_found' })
    expect(await kit.fail('item.reorder', { collectionId: id, folder: '', order: ['parley.yaml'] })).toMatchObject({ code: 'not_found' })
  })

  it('searches requests of all open collections by name, URL and method', async () => {
    const one = await newCollection('One')
    const two = await newCollection('Two')
    await kit.call('request.create', { collectionId: one.id, request: get('List notes') })
    await kit.call('request.create', { collectionId: two.id, request: { kind: 'http', name: 'Make', method: 'POST', url: 'http://x/notes' } })
    await kit.call('request.create', { collectionId: two.id, request: { kind: 'sse', name: 'Clock', url: 'http://x/sse/clock' } })
    const notes = await kit.call('collection.search', { query: 'notes' })
    expect(notes.results.map((r) => [r.collectionName, r.name])).toEqual([
      ['One', 'List notes'],
      ['Two', 'Make']
    ])
    const post = await kit.call('collection.search', { query: 'post notes' })
    expect(post.results.map((r) => r.name)).toEqual(['Make'])
  })

  it('remembers open collections in the data dir and forgets closed ones', async () => {
    const { id, folder } = await newCollection()
    expect(await kit.call('collection.list')).toEqual({ collections: [{ id, name: 'Demo', path: folder, missing: false }] })
    const list = JSON.parse(await readFile(join(kit.dataDir, 'collections.json'), 'utf8'))
    expect(list.open).toEqual([folder])
    await kit.call('collection.close', { collectionId: id })
    expect(await kit.call('collection.list')).toEqual({ collections: [] })
    const reopened = await kit.call('collection.open', { path: folder })
    expect(reopened.id).toBe(id)
  })

  it('edits collection and folder settings; folder.read returns them', async () => {
    const { folder, id } = await newCollection()
    await kit.call('folder.save', {
      collectionId: id,
      path: '',
      settings: {
        name: 'Renamed',
        description: 'About',
        headers: [{ name: 'X-Team', value: 'core', enabled: true }],
        auth: { type: 'basic', username: 'u', password: 'p' },
        variables: [{ name: 'host', value: 'x', enabled: true, secret: false }]
      }
    })
    // The password is kept in the data dir; the file holds a reference to it.
    expect(await readFile(join(folder, 'parley.yaml'), 'utf8')).toMatch(
      /^parley: 1\nname: Renamed\ndescription: About\nheaders:\n {2}- name: X-Team\n {4}value: core\nauth:\n {2}type: basic\n {2}username: u\n {2}password: "\{\{\$secret:[0-9a-f]{32}\}\}"\nvariables:\n {2}- name: host\n {4}value: x\n$/
    )
    expect((await kit.call('folder.read', { collectionId: id, path: '' })).name).toBe('Renamed')
    expect((await kit.call('folder.read', { collectionId: id, path: '' })).auth).toEqual({ type: 'basic', username: 'u', password: 'p' })
    expect((await kit.call('collection.tree', { collectionId: id })).name).toBe('Renamed')
  })

  it('refuses paths that escape the collection and bad names, with invalid_input', async () => {
    const { id } = await newCollection()
    for (const path of ['../outside.yaml', '/etc/passwd', 'a/../../b.yaml', 'C:/x.yaml']) {
      expect(await kit.fail('request.read', { collectionId: id, path })).toMatchObject({ code: 'invalid_input' })
    }
    expect(await kit.fail('request.create', { collectionId: id, folder: '..', request: get('x') })).toMatchObject({ code: 'invalid_input' })
    const slash = await kit.fail('folder.create', { collectionId: id, name: 'a/b' })
    expect(slash).toMatchObject({ code: 'invalid_input' })
    expect(slash.message).toMatch(/cannot contain \//)
    expect(await kit.fail('folder.create', { collectionId: id, name: '   ' })).toMatchObject({ code: 'invalid_input' })
    expect(await kit.fail('request.read', { collectionId: id, path: 'parley.yaml' })).toMatchObject({ code: 'invalid_path' })
    expect(await kit.fail('request.save', { collectionId: 'nope', path: 'a.yaml', request: get('x') })).toMatchObject({ code: 'invalid_input' })
    expect(await kit.fail('collection.tree', { collectionId: '0123456789abcdef' })).toMatchObject({ code: 'collection_not_open' })
  })

  it("refuses a name that would take the place of Parley's own files", async () => {
    const { folder, id } = await newCollection()
    const made = await kit.call('request.create', { collectionId: id, request: get('Parley') })
    expect(made.path).toBe('parley-2.yaml')
    expect(await readFile(join(folder, 'parley.yaml'), 'utf8')).toBe('parley: 1\nname: Demo\n')
    const env = await kit.call('folder.create', { collectionId: id, name: 'Environments' })
    expect(env.path).toBe('environments-2')
  })
})
