import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
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

describe('collection lifecycle', () => {
  it('survives a restart: open collections, active environment, workspace and secrets come back', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    await kit.call('folder.save', {
      collectionId: id,
      path: '',
      settings: { name: 'Col', variables: [{ name: 'token', value: 'T0K', enabled: true, secret: true }] }
    })
    await kit.call('environment.save', { collectionId: id, name: 'Dev', variables: [v('host', 'http://dev')] })
    await kit.call('environment.setActive', { collectionId: id, id: 'dev' })
    await kit.call('workspace.save', { tabs: [{ id: 't', title: 'x', kind: 'http' }], activeTabId: 't', drafts: [] })
    await kit.services.dispose()

    const again = await createServices({ dataDir: kit.dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    try {
      const list = await again.invoke('collection.list', {})
      expect(list).toEqual({ ok: true, value: { collections: [{ id, name: 'Col', path: folder, missing: false }] } })
      const resolved = await again.invoke('vars.resolve', { collectionId: id, text: '{{host}}?t={{token}}' })
      expect(resolved).toMatchObject({ ok: true, value: { text: 'http://dev?t=T0K' } })
      expect(await again.invoke('workspace.get', undefined)).toMatchObject({ ok: true, value: { activeTabId: 't' } })
    } finally {
      await again.dispose()
    }
  })

  it('resolves with precedence global < collection < environment < folder through vars.resolve', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    await kit.call('globals.save', { variables: [v('a', 'global'), v('b', 'global'), v('c', 'global'), v('d', 'global')] })
    await kit.call('folder.save', {
      collectionId: id,
      path: '',
      settings: { name: 'Col', variables: [v('b', 'collection'), v('c', 'collection'), v('d', 'collection')] }
    })
    await kit.call('environment.save', { collectionId: id, name: 'Env', variables: [v('c', 'environment'), v('d', 'environment')] })
    await kit.call('environment.setActive', { collectionId: id, id: 'env' })
    const outer = await kit.call('folder.create', { collectionId: id, name: 'Outer' })
    await kit.call('folder.save', { collectionId: id, path: outer.path, settings: { name: 'Outer', variables: [v('d', 'outer')] } })
    const inner = await kit.call('folder.create', { collectionId: id, parent: outer.path, name: 'Inner' })
    await kit.call('folder.save', { collectionId: id, path: inner.path, settings: { name: 'Inner', variables: [v('e', 'inner'), v('d', 'inner')] } })

    const text = '{{a}} {{b}} {{c}} {{d}}'
    const inInner = await kit.call('vars.resolve', { collectionId: id, path: `${inner.path}/req.yaml`, text })
    expect(inInner.text).toBe('global collection environment inner')
    expect(inInner.variables.map((x) => x.source)).toEqual(['global', 'collection', 'environment', 'folder'])
    expect((await kit.call('vars.resolve', { collectionId: id, path: `${outer.path}/req.yaml`, text })).text).toBe('global collection environment outer')
    expect((await kit.call('vars.resolve', { collectionId: id, path: 'req.yaml', text })).text).toBe('global collection environment environment')
    expect((await kit.call('vars.resolve', { collectionId: id, environmentId: null, text })).text).toBe('global collection collection collection')
    const missing = await kit.call('vars.resolve', { collectionId: id, text: '{{e}}' })
    expect(missing).toMatchObject({ text: null, error: { code: 'variable_missing' } })
  })

  it('duplicates a folder with its contents and secrets', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    const sub = await kit.call('folder.create', { collectionId: id, name: 'Auth' })
    await kit.call('folder.save', {
      collectionId: id,
      path: sub.path,
      settings: { name: 'Auth', variables: [{ name: 'pw', value: 'hunter2', enabled: true, secret: true }] }
    })
    await kit.call('request.create', { collectionId: id, folder: sub.path, request: { kind: 'http', name: 'Login', method: 'POST', url: 'http://x' } })
    const copy = await kit.call('folder.duplicate', { collectionId: id, path: sub.path })
    expect(copy.path).toBe('auth-copy')
    expect(await listFiles(folder)).toEqual(['auth-copy/folder.yaml', 'auth-copy/login.yaml', 'auth/folder.yaml', 'auth/login.yaml', 'parley.yaml'])
    const settings = await kit.call('folder.read', { collectionId: id, path: copy.path })
    expect(settings).toMatchObject({ name: 'Auth copy', variables: [{ name: 'pw', value: 'hunter2', secret: true }] })
  })

  it('opens only folders that hold a parley.yaml', async () => {
    const plain = join(kit.base, 'plain')
    await mkdir(plain)
    expect(await kit.fail('collection.open', { path: plain })).toMatchObject({ code: 'not_a_collection' })
    expect(await kit.fail('collection.open', { path: join(kit.base, 'nowhere') })).toMatchObject({ code: 'not_found' })
    expect(await kit.call('collection.list')).toEqual({ collections: [] })
  })

  it('remembers every collection when several are opened at once', async () => {
    const paths = ['a', 'b', 'c', 'd'].map((n) => join(kit.base, n))
    for (const path of paths) {
      await mkdir(path)
      await writeFile(join(path, 'parley.yaml'), `parley: 1\nname: ${path.slice(-1)}\n`)
    }
    await Promise.all(paths.map((path) => kit.call('collection.open', { path })))
    expect((await kit.call('collection.list')).collections.map((c) => c.name).sort()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('refuses to follow a symbolic link out of the collection', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    const outside = join(kit.base, 'outside')
    await mkdir(outside)
    await writeFile(join(outside, 'secret.yaml'), 'kind: http\nname: X\nmethod: GET\nurl: http://x\n')
    await symlink(outside, join(folder, 'link'))
    expect(await kit.fail('request.read', { collectionId: id, path: 'link/secret.yaml' })).toMatchObject({ code: 'path_outside_collection' })
    expect(
      await kit.fail('request.save', { collectionId: id, path: 'link/new.yaml', request: { kind: 'http', name: 'N', method: 'GET', url: 'x' } })
    ).toMatchObject({ code: 'path_outside_collection' })
    expect(await readFile(join(outside, 'secret.yaml'), 'utf8')).toContain('name: X')
    expect(await listFiles(outside)).toEqual(['secret.yaml'])
  })
})

describe('vars.resolveRequest', () => {
  it('returns the request ready to send, and names a missing variable', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    await kit.call('folder.save', {
      collectionId: id,
      path: '',
      settings: { name: 'Col', variables: [v('host', 'http://h'), { name: 'token', value: 'T', enabled: true, secret: true }] }
    })
    const request = { kind: 'http' as const, name: 'N {{host}}', method: 'GET', url: '{{host}}/x', auth: { type: 'bearer' as const, token: '{{token}}' } }
    const { request: ready } = await kit.call('vars.resolveRequest', { collectionId: id, path: 'n.yaml', request })
    expect(ready).toMatchObject({ name: 'N {{host}}', url: 'http://h/x', auth: { type: 'bearer', token: 'T' } })
    expect(await kit.fail('vars.resolveRequest', { collectionId: id, request: { ...request, url: '{{nope}}' } })).toMatchObject({ code: 'variable_missing' })
  })
})
