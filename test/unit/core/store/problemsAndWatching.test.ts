import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { servicesKit, waitFor } from './storeTestKit'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

async function newCollection() {
  const folder = join(kit.base, 'col')
  const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
  return { folder, id }
}

describe('a broken file among good ones', () => {
  it('is reported by path and line, the rest loads, and the file stays byte-for-byte', async () => {
    const { folder, id } = await newCollection()
    await kit.call('request.create', { collectionId: id, request: { kind: 'http', name: 'Good', method: 'GET', url: 'http://x' } })
    await mkdir(join(folder, 'sub'))
    await writeFile(join(folder, 'sub', 'fine.yaml'), 'kind: sse\nname: Fine\nurl: http://x/sse\n')
    const syntax = 'kind: http\nname: Broken\nmethod: GET\nurl: "unterminated\n'
    const schema = 'kind: http\nname: Wrong\nmethod: GET\nurl: http://x\nsettings:\n  timeoutMs: soon\n'
    await writeFile(join(folder, 'broken.yaml'), syntax)
    await writeFile(join(folder, 'sub', 'wrong.yaml'), schema)
    await writeFile(join(folder, 'sub', 'folder.yaml'), 'name: [\n')

    const tree = await kit.call('collection.open', { path: folder })
    expect(tree.problems.map((p) => [p.path, p.line])).toEqual([
      ['broken.yaml', 4],
      ['sub/folder.yaml', 1],
      ['sub/wrong.yaml', 6]
    ])
    expect(tree.problems[2]!.message).toMatch(/settings\.timeoutMs/)
    const names = tree.root.children.flatMap((c) => (c.type === 'folder' ? c.children.map((g) => g.name) : [c.name]))
    expect(names).toEqual(['Good', 'Fine'])

    expect(await kit.fail('request.read', { collectionId: id, path: 'broken.yaml' })).toMatchObject({ code: 'file_unreadable' })
    // Operations that would rewrite the broken folder.yaml are refused rather than lose its content.
    expect(await kit.fail('item.reorder', { collectionId: id, folder: 'sub', order: ['fine.yaml'] })).toMatchObject({ code: 'file_unreadable' })
    expect(await readFile(join(folder, 'broken.yaml'), 'utf8')).toBe(syntax)
    expect(await readFile(join(folder, 'sub', 'wrong.yaml'), 'utf8')).toBe(schema)
    expect(await readFile(join(folder, 'sub', 'folder.yaml'), 'utf8')).toBe('name: [\n')
  })
})

describe('changes on disk by someone else', () => {
  it('announce collection.changed, and a stale save is refused with conflict until forced', async () => {
    const { folder, id } = await newCollection()
    const made = await kit.call('request.create', { collectionId: id, request: { kind: 'http', name: 'Notes', method: 'GET', url: 'http://x/1' } })
    await kit.call('collection.tree', { collectionId: id })
    const opened = await kit.call('request.read', { collectionId: id, path: made.path })
    // Parley's own writes are not news.
    await kit.call('request.save', { collectionId: id, path: made.path, request: { ...opened.request, url: 'http://x/2' }, baseHash: opened.hash })
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(kit.events.filter((e) => e.name === 'collection.changed')).toEqual([])

    const fresh = await kit.call('request.read', { collectionId: id, path: made.path })
    const pulled = 'kind: http\nname: Notes\nmethod: GET\nurl: http://x/from-git\n'
    await writeFile(join(folder, 'notes.yaml'), pulled)
    await writeFile(join(folder, 'new-from-git.yaml'), 'kind: sse\nname: Clock\nurl: http://x/sse\n')
    const changed = () => kit.events.filter((e) => e.name === 'collection.changed').map((e) => e.payload as { collectionId: string; paths: string[] })
    // A busy machine may deliver the two writes in two bursts.
    await waitFor(() => new Set(changed().flatMap((c) => c.paths)).size >= 2)
    expect(changed()[0]!.collectionId).toBe(id)
    expect(new Set(changed().flatMap((c) => c.paths))).toEqual(new Set(['notes.yaml', 'new-from-git.yaml']))
    const tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.root.children.map((c) => c.name)).toEqual(['Clock', 'Notes'])

    const stale = await kit.fail('request.save', {
      collectionId: id,
      path: made.path,
      request: { ...fresh.request, url: 'http://x/mine' },
      baseHash: fresh.hash
    })
    expect(stale.code).toBe('conflict')
    expect(stale.message).toContain('notes.yaml')
    expect(stale.hint).toMatch(/[Cc]hoose/)
    expect(await readFile(join(folder, 'notes.yaml'), 'utf8')).toBe(pulled)

    await kit.call('request.save', {
      collectionId: id,
      path: made.path,
      request: { ...fresh.request, url: 'http://x/mine' },
      baseHash: fresh.hash,
      force: true
    })
    expect(await readFile(join(folder, 'notes.yaml'), 'utf8')).toContain('http://x/mine')
  })

  it('notices files deleted and folders added by someone else', async () => {
    const { folder, id } = await newCollection()
    await kit.call('request.create', { collectionId: id, request: { kind: 'http', name: 'Gone', method: 'GET', url: 'http://x' } })
    await kit.call('collection.tree', { collectionId: id })
    await rm(join(folder, 'gone.yaml'))
    await mkdir(join(folder, 'pulled'))
    await writeFile(join(folder, 'pulled', 'one.yaml'), 'kind: websocket\nname: One\nurl: ws://x\n')
    await waitFor(() =>
      kit.events
        .filter((e) => e.name === 'collection.changed')
        .flatMap((e) => (e.payload as { paths: string[] }).paths)
        .includes('pulled/one.yaml')
    )
    const paths = kit.events.flatMap((e) => (e.name === 'collection.changed' ? (e.payload as { paths: string[] }).paths : []))
    expect(paths).toContain('gone.yaml')
    const tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.root.children.map((c) => c.name)).toEqual(['pulled'])
  })

  it('a save without baseHash does not overwrite an existing file', async () => {
    const { id } = await newCollection()
    const made = await kit.call('request.create', { collectionId: id, request: { kind: 'http', name: 'A', method: 'GET', url: 'http://x' } })
    expect(
      await kit.fail('request.save', { collectionId: id, path: made.path, request: { kind: 'http', name: 'A', method: 'PUT', url: 'http://y' } })
    ).toMatchObject({ code: 'conflict' })
  })
})

describe("Parley's own changes", () => {
  it('are never announced as changes on disk, whatever the operation', async () => {
    const { id } = await newCollection()
    await kit.call('collection.tree', { collectionId: id })
    const req = { kind: 'http' as const, name: 'One', method: 'GET', url: 'http://x' }
    const a = await kit.call('folder.create', { collectionId: id, name: 'A' })
    const b = await kit.call('folder.create', { collectionId: id, parent: a.path, name: 'B' })
    const one = await kit.call('request.create', { collectionId: id, folder: b.path, request: req })
    await kit.call('request.rename', { collectionId: id, path: one.path, name: 'Two' })
    await kit.call('request.duplicate', { collectionId: id, path: `${b.path}/two.yaml` })
    await kit.call('request.move', { collectionId: id, path: `${b.path}/two.yaml`, toFolder: '' })
    await kit.call('folder.rename', { collectionId: id, path: a.path, name: 'Renamed' })
    await kit.call('folder.duplicate', { collectionId: id, path: 'renamed' })
    await kit.call('folder.move', { collectionId: id, path: 'renamed-copy', toFolder: 'renamed' })
    await kit.call('item.reorder', { collectionId: id, folder: '', order: ['two.yaml', 'renamed'] })
    await kit.call('folder.delete', { collectionId: id, path: 'renamed' })
    await kit.call('trash.undo', {})
    await kit.call('environment.save', { collectionId: id, name: 'Env', variables: [] })
    await kit.call('environment.delete', { collectionId: id, id: 'env' })
    await kit.call('folder.save', { collectionId: id, path: '', settings: { name: 'Col 2' } })
    await new Promise((resolve) => setTimeout(resolve, 600))
    const announced = kit.events.flatMap((e) => (e.name === 'collection.changed' ? (e.payload as { paths: string[] }).paths : []))
    expect(announced).toEqual([])
    const tree = await kit.call('collection.tree', { collectionId: id })
    expect(tree.problems).toEqual([])
    expect(tree.root.children.map((c) => c.path)).toEqual(['two.yaml', 'renamed'])
  })
})
