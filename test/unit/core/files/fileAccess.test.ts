import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startRecordingServer } from '../../../e2e/recordingServer'
import type { HttpRequestInput } from '../../../../src/shared/http'
import { servicesKit } from '../store/storeTestKit'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
let server: Awaited<ReturnType<typeof startRecordingServer>>
let outside: string
let collection: { id: string; path: string }

beforeEach(async () => {
  kit = await servicesKit()
  server = await startRecordingServer()
  outside = join(kit.base, 'outside')
  await mkdir(outside)
  await writeFile(join(outside, 'id_rsa'), 'PRIVATE KEY OUTSIDE')
  collection = await kit.call('collection.create', { path: join(kit.base, 'col'), name: 'Col' })
})
afterEach(async () => {
  await server.close()
  await kit.dispose()
})

const upload = (path: string): HttpRequestInput => ({
  method: 'POST',
  url: `${server.url}/upload`,
  body: { type: 'multipart', parts: [{ kind: 'file', name: 'key', path }] }
})
const binary = (path: string): HttpRequestInput => ({ method: 'PUT', url: `${server.url}/put`, body: { type: 'binary', path } })
const send = (request: HttpRequestInput, collectionId?: string) =>
  kit.call('http.send', collectionId ? { requestId: crypto.randomUUID(), request, context: { collectionId } } : { requestId: crypto.randomUUID(), request })
const refusal = (request: HttpRequestInput, collectionId?: string) =>
  kit.fail('http.send', collectionId ? { requestId: 'r', request, context: { collectionId } } : { requestId: 'r', request })

describe('files a request reads when sent', () => {
  it('are sent from inside the collection folder, by absolute or relative path', async () => {
    await mkdir(join(collection.path, 'files'))
    await writeFile(join(collection.path, 'files', 'photo.bin'), 'INSIDE')
    await send(binary(join(collection.path, 'files', 'photo.bin')), collection.id)
    expect(server.last().body.toString()).toBe('INSIDE')
    // Relative paths are relative to the collection folder, so a collection in git carries its files.
    await send(upload('files/photo.bin'), collection.id)
    expect(server.last().body.toString()).toContain('INSIDE')
    expect(server.last().body.toString()).toContain('filename="photo.bin"')
  })

  it('are refused outside the collection, before a byte is read or sent, naming the file and how to allow it', async () => {
    const secret = join(outside, 'id_rsa')
    const error = await refusal(upload(secret), collection.id)
    expect(error.code).toBe('file_not_allowed')
    expect(error.message).toContain(secret)
    expect(error.message).toContain('multipart field "key"')
    expect(error.hint).toContain('Allow this file')
    expect(await refusal(binary('../outside/id_rsa'), collection.id)).toMatchObject({ code: 'file_not_allowed' })
    expect(await refusal({ method: 'GET', url: server.url, settings: { caFiles: [secret] } }, collection.id)).toMatchObject({ code: 'file_not_allowed' })
    expect(
      await refusal({ method: 'GET', url: server.url, settings: { clientCert: { type: 'pem', certPath: 'cert.pem', keyPath: secret } } }, collection.id)
    ).toMatchObject({ code: 'file_not_allowed', message: expect.stringContaining('client key') })
    expect(server.received).toHaveLength(0)
  })

  it('are refused when a symlink inside the collection points out of it', async () => {
    await symlink(join(outside, 'id_rsa'), join(collection.path, 'innocent.txt'))
    const error = await refusal(upload(join(collection.path, 'innocent.txt')), collection.id)
    expect(error.code).toBe('file_not_allowed')
    expect(error.message).toContain(join(outside, 'id_rsa'))
    // A linked folder is no way out either.
    await symlink(outside, join(collection.path, 'linked'))
    expect(await refusal(binary('linked/id_rsa'), collection.id)).toMatchObject({ code: 'file_not_allowed' })
    expect(server.received).toHaveLength(0)
  })

  it('may come from the data dir (files chosen in the window are copied there), with or without a collection', async () => {
    const { uploadId, path } = await kit.call('files.begin', { name: 'chosen.txt' })
    await kit.call('files.append', { uploadId, base64: Buffer.from('CHOSEN').toString('base64') })
    await send(binary(path), collection.id)
    expect(server.last().body.toString()).toBe('CHOSEN')
    await send(binary(path))
    expect(server.last().body.toString()).toBe('CHOSEN')
  })

  it('of an unsaved tab may read only the data dir or files the user allowed', async () => {
    await writeFile(join(collection.path, 'in-collection.txt'), 'X')
    expect(await refusal(binary(join(collection.path, 'in-collection.txt')))).toMatchObject({ code: 'file_not_allowed' })
    expect(await refusal(binary(join(outside, 'id_rsa')))).toMatchObject({ code: 'file_not_allowed' })
    await kit.call('files.allow', { request: binary(join(outside, 'id_rsa')) })
    await send(binary(join(outside, 'id_rsa')))
    expect(server.last().body.toString()).toBe('PRIVATE KEY OUTSIDE')
  })

  it('once allowed by the user are remembered per collection, in the data dir, across restarts', async () => {
    const secret = join(outside, 'id_rsa')
    const allowed = await kit.call('files.allow', { request: upload(secret), context: { collectionId: collection.id } })
    expect(allowed.allowed).toEqual([secret])
    await send(upload(secret), collection.id)
    expect(server.last().body.toString()).toContain('PRIVATE KEY OUTSIDE')

    // Not for another collection, nor for unsaved tabs.
    const other = await kit.call('collection.create', { path: join(kit.base, 'other'), name: 'Other' })
    expect(await refusal(upload(secret), other.id)).toMatchObject({ code: 'file_not_allowed' })
    expect(await refusal(upload(secret))).toMatchObject({ code: 'file_not_allowed' })

    // Remembered in the data dir, not in the collection.
    const { allText } = await import('../store/storeTestKit')
    expect(await allText(collection.path)).not.toContain('id_rsa')
    const restarted = await import('../../../../src/core/services').then((m) =>
      m.createServices({ dataDir: kit.dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    )
    const result = await restarted.invoke('http.send', { requestId: 'again', request: upload(secret), context: { collectionId: collection.id } })
    expect(result.ok).toBe(true)
    await restarted.dispose()
  })

  it('resolve {{variables}} before the check, so a variable cannot point a path out', async () => {
    await kit.call('folder.save', { collectionId: collection.id, path: '', settings: { name: 'Col', variables: [{ name: 'dir', value: outside }] } })
    expect(await refusal(binary('{{dir}}/id_rsa'), collection.id)).toMatchObject({ code: 'file_not_allowed' })
  })
})
