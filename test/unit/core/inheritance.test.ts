import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { servicesKit } from './store/storeTestKit'

const kits: Awaited<ReturnType<typeof servicesKit>>[] = []
afterEach(async () => {
  await Promise.all(kits.splice(0).map((k) => k.dispose()))
})

describe('request.inherited: what a saved request inherits, and from where', () => {
  it('lists enabled headers outermost first and the nearest auth, each with its source', async () => {
    const kit = await servicesKit()
    kits.push(kit)
    const { id } = await kit.call('collection.create', { name: 'My API', path: join(kit.base, 'my-api') })
    await kit.call('folder.create', { collectionId: id, parent: '', name: 'Admin' })
    const root = await kit.call('folder.read', { collectionId: id, path: '' })
    await kit.call('folder.save', {
      collectionId: id,
      path: '',
      settings: {
        ...root,
        headers: [
          { name: 'X-Team', value: 'core', enabled: true },
          { name: 'X-Off', value: 'no', enabled: false }
        ],
        auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' }
      }
    })
    const { path: request } = await kit.call('request.create', {
      collectionId: id,
      folder: 'admin',
      request: { kind: 'http', name: 'Users', method: 'GET', url: 'http://x/users' }
    })

    const before = await kit.call('request.inherited', { collectionId: id, path: request })
    expect(before.headers).toEqual([{ name: 'X-Team', value: 'core', enabled: true, source: { kind: 'collection', name: 'My API', path: '' } }])
    expect(before.auth).toEqual({ auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' }, source: { kind: 'collection', name: 'My API', path: '' } })

    const admin = await kit.call('folder.read', { collectionId: id, path: 'admin' })
    await kit.call('folder.save', {
      collectionId: id,
      path: 'admin',
      settings: { ...admin, headers: [{ name: 'X-Scope', value: 'admin', enabled: true }], auth: { type: 'basic', username: 'root', password: 'pw' } }
    })
    const after = await kit.call('request.inherited', { collectionId: id, path: request })
    expect(after.headers.map((h) => `${h.name} from ${h.source.kind} ${h.source.name}`)).toEqual(['X-Team from collection My API', 'X-Scope from folder Admin'])
    expect(after.auth?.source).toEqual({ kind: 'folder', name: 'Admin', path: 'admin' })
  })

  it('names the collection\'s own "no auth" when nothing else sets one', async () => {
    const kit = await servicesKit()
    kits.push(kit)
    const { id } = await kit.call('collection.create', { name: 'Bare', path: join(kit.base, 'bare') })
    const { path } = await kit.call('request.create', { collectionId: id, folder: '', request: { kind: 'http', name: 'One', method: 'GET', url: 'http://x/' } })
    expect(await kit.call('request.inherited', { collectionId: id, path })).toEqual({
      headers: [],
      auth: { auth: { type: 'none' }, source: { kind: 'collection', name: 'Bare', path: '' } }
    })
  })
})
