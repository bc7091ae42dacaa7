import { access, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { servicesKit } from './storeTestKit'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

describe('nothing is replaced silently', () => {
  it('a save after the file was deleted on disk is refused with deleted_on_disk until forced', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    const made = await kit.call('request.create', { collectionId: id, request: { kind: 'http', name: 'Gone', method: 'GET', url: 'http://x' } })
    await rm(join(folder, made.path))
    const edited = { kind: 'http' as const, name: 'Gone', method: 'POST', url: 'http://edited' }
    const refused = await kit.fail('request.save', { collectionId: id, path: made.path, request: edited, baseHash: made.hash })
    expect(refused).toMatchObject({ code: 'deleted_on_disk' })
    expect(refused.message).toContain(made.path)
    await expect(access(join(folder, made.path))).rejects.toMatchObject({ code: 'ENOENT' })
    // Choosing "Save again" recreates it with the edits.
    await kit.call('request.save', { collectionId: id, path: made.path, request: edited, baseHash: made.hash, force: true })
    expect(await readFile(join(folder, made.path), 'utf8')).toContain('http://edited')
  })

  it('a history entry that cannot be written is an error that says where, not an internal one', async () => {
    // A file where the history folder should be: every write into it fails.
    await writeFile(join(kit.dataDir, 'history'), 'not a folder')
    const error = await kit.fail('history.add', { request: { kind: 'http', name: 'A', method: 'GET', url: 'http://x' } })
    expect(error.code).toBe('write_failed')
    expect(error.message).toContain(join(kit.dataDir, 'history'))
    expect(error.hint).toMatch(/writable/)
  })
})
