import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
import type { SavedRequestInput } from '../../../../src/shared/collection'
import type { HttpAuth } from '../../../../src/shared/http'
import { startRecordingServer } from '../../../e2e/recordingServer'
import { allText, servicesKit } from './storeTestKit'
import { tempDir } from '../../support/tempDir'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
let col: { id: string; path: string }
beforeEach(async () => {
  kit = await servicesKit()
  col = await kit.call('collection.create', { path: join(kit.base, 'col'), name: 'Col' })
})
afterEach(async () => {
  await kit.dispose()
})

const token = 'tok-live-4242-never-in-git'
const withAuth = (auth: HttpAuth, name = 'Private'): SavedRequestInput => ({ kind: 'http', name, method: 'GET', url: 'http://127.0.0.1:1/private', auth })
const fileOf = (path: string): Promise<string> => readFile(join(col.path, path), 'utf8')

describe('auth credentials are kept out of collection files', () => {
  it('a bearer token is not in the saved YAML, comes back on reading, and an unchanged save rewrites nothing', async () => {
    const { path, hash } = await kit.call('request.create', { collectionId: col.id, request: withAuth({ type: 'bearer', token, prefix: 'Bearer' }) })
    const text = await fileOf(path)
    expect(text).not.toContain(token)
    expect(text).toMatch(/token: "\{\{\$secret:[0-9a-f]{32}\}\}"/)
    // Not in plain text in the data dir either: encrypted like secret variables.
    expect(await allText(kit.dataDir)).not.toContain(token)

    const read = await kit.call('request.read', { collectionId: col.id, path })
    expect(read.request).toMatchObject({ auth: { type: 'bearer', token } })
    expect(read.hash).toBe(hash)

    const saved = await kit.call('request.save', { collectionId: col.id, path, request: read.request, baseHash: read.hash })
    expect(saved.hash).toBe(hash)
    const changed = await kit.call('request.save', {
      collectionId: col.id,
      path,
      request: withAuth({ type: 'bearer', token: `${token}-2`, prefix: 'Bearer' }),
      baseHash: hash
    })
    expect(await fileOf(path)).not.toContain(token)
    expect(changed.hash).not.toBe(hash)
    expect((await kit.call('request.read', { collectionId: col.id, path })).request).toMatchObject({ auth: { token: `${token}-2` } })
  })

  it('covers every credential field, and leaves usernames, ids and {{variables}} in the file', async () => {
    const auths: Array<[HttpAuth, string[], string[]]> = [
      [{ type: 'basic', username: 'ada', password: 'pw-basic-1' }, ['pw-basic-1'], ['ada']],
      [{ type: 'digest', username: 'bob', password: 'pw-digest-2' }, ['pw-digest-2'], ['bob']],
      [{ type: 'apikey', key: 'X-Api-Key', value: 'key-value-3', in: 'header' }, ['key-value-3'], ['X-Api-Key']],
      [
        {
          type: 'oauth2',
          grant: 'password',
          tokenUrl: 'https://auth.test/token',
          clientId: 'cid',
          clientSecret: 'client-secret-4',
          username: 'u',
          password: 'pw-oauth-5',
          clientAuth: 'basic'
        },
        ['client-secret-4', 'pw-oauth-5'],
        ['cid', 'https://auth.test/token']
      ],
      [
        { type: 'awsv4', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'aws-secret-6', sessionToken: 'aws-session-7', region: 'eu-west-1', service: 's3' },
        ['aws-secret-6', 'aws-session-7'],
        ['AKIDEXAMPLE']
      ],
      [{ type: 'bearer', token: '{{token}}', prefix: 'Bearer' }, [], ['{{token}}']]
    ]
    for (const [i, [auth, secret, kept]] of auths.entries()) {
      const { path } = await kit.call('request.create', { collectionId: col.id, request: withAuth(auth, `R${i}`) })
      const text = await fileOf(path)
      for (const value of secret) expect(text).not.toContain(value)
      for (const value of kept) expect(text).toContain(value)
      expect((await kit.call('request.read', { collectionId: col.id, path })).request).toMatchObject({ auth })
    }
  })

  it('with credentials: files in parley.yaml, the token is written into the YAML; switching moves existing ones', async () => {
    const { path } = await kit.call('request.create', { collectionId: col.id, request: withAuth({ type: 'bearer', token, prefix: 'Bearer' }) })
    await kit.call('folder.save', { collectionId: col.id, path: '', settings: { name: 'Col', auth: { type: 'basic', username: 'ada', password: 'col-pw' } } })
    expect(await kit.call('collection.credentials', { collectionId: col.id })).toEqual({ credentials: 'secret-store' })
    expect(await fileOf('parley.yaml')).not.toContain('credentials')

    expect(await kit.call('collection.setCredentials', { collectionId: col.id, credentials: 'files' })).toEqual({ credentials: 'files' })
    // The rewritten files are announced, so open tabs pick up their new hashes.
    expect(kit.events).toContainEqual({ name: 'collection.changed', payload: { collectionId: col.id, paths: ['parley.yaml', path] } })
    expect(await fileOf('parley.yaml')).toContain('credentials: files')
    expect(await fileOf('parley.yaml')).toContain('password: col-pw')
    expect(await fileOf(path)).toContain(`token: ${token}`)
    const created = await kit.call('request.create', {
      collectionId: col.id,
      request: withAuth({ type: 'apikey', key: 'k', value: 'files-value', in: 'header' }, 'Other')
    })
    expect(await fileOf(created.path)).toContain('value: files-value')

    await kit.call('collection.setCredentials', { collectionId: col.id, credentials: 'secret-store' })
    const everything = await allText(col.path)
    for (const value of [token, 'col-pw', 'files-value']) expect(everything).not.toContain(value)
    expect((await kit.call('request.read', { collectionId: col.id, path })).request).toMatchObject({ auth: { token } })
    expect((await kit.call('folder.read', { collectionId: col.id, path: '' })).auth).toEqual({ type: 'basic', username: 'ada', password: 'col-pw' })
  })

  it('folder and collection auth is stored the same way, and an inheriting request sends it', async () => {
    const server = await startRecordingServer()
    try {
      const sub = await kit.call('folder.create', { collectionId: col.id, name: 'Sub' })
      await kit.call('folder.save', { collectionId: col.id, path: sub.path, settings: { name: 'Sub', auth: { type: 'bearer', token, prefix: 'Bearer' } } })
      expect(await allText(col.path)).not.toContain(token)
      expect((await kit.call('folder.read', { collectionId: col.id, path: sub.path })).auth).toMatchObject({ token })
      await kit.call('http.send', {
        requestId: 'inherit',
        request: { method: 'GET', url: `${server.url}/x`, auth: { type: 'inherit' } },
        context: { collectionId: col.id, path: `${sub.path}/r.yaml` }
      })
      expect(server.last().headers.authorization).toBe(`Bearer ${token}`)
    } finally {
      await server.close()
    }
  })

  it('an export to Postman leaves stored credentials out, and says so', async () => {
    await kit.call('request.create', { collectionId: col.id, request: withAuth({ type: 'bearer', token, prefix: 'Bearer' }) })
    const exported = await kit.call('export.postman', { collectionPath: col.path })
    expect(exported.json).not.toContain(token)
    expect(exported.json).not.toContain('$secret')
    expect(exported.unsupported.map((u) => u.what)).toContain("Credentials kept in Parley's data directory are not exported; fill them in after importing.")
  })

  it("a Socket.IO request's handshake auth payload is a credential too, unless it holds only {{variables}}", async () => {
    const socketio = (name: string, auth: string): SavedRequestInput => ({ kind: 'socketio', name, url: 'http://127.0.0.1:1', auth })
    const payload = `{"token": "${token}", "room": 7}`
    const { path } = await kit.call('request.create', { collectionId: col.id, request: socketio('Private', payload) })
    expect(await fileOf(path)).not.toContain(token)
    expect(await fileOf(path)).toMatch(/auth: "\{\{\$secret:[0-9a-f]{32}\}\}"/)
    expect(await allText(kit.dataDir)).not.toContain(token)
    const read = await kit.call('request.read', { collectionId: col.id, path })
    expect(read.request).toMatchObject({ kind: 'socketio', auth: payload })
    expect((await kit.call('request.save', { collectionId: col.id, path, request: read.request, baseHash: read.hash })).hash).toBe(read.hash)

    const variables = await kit.call('request.create', { collectionId: col.id, request: socketio('With variables', '{"token": "{{token}}", "n": 1}') })
    expect(await fileOf(variables.path)).toContain('{{token}}')

    const exported = await kit.call('export.postman', { collectionPath: col.path })
    expect(exported.json).not.toContain(token)
    expect(exported.json).not.toContain('$secret')
    const insomnia = await kit.call('export.insomnia', { collectionPath: col.path })
    expect(insomnia.yaml).not.toContain(token)
    expect(insomnia.yaml).not.toContain('$secret')
  })

  it('a token shared by many requests is stored once, not once per request', async () => {
    for (let i = 0; i < 20; i++)
      await kit.call('request.create', { collectionId: col.id, request: withAuth({ type: 'bearer', token, prefix: 'Bearer' }, `R${i}`) })
    const stored = JSON.parse(await readFile(join(kit.dataDir, 'secrets.json'), 'utf8')) as { entries: Record<string, string> }
    expect(Object.keys(stored.entries)).toHaveLength(1)
    // Changing one request's token leaves the others' alone.
    const read = await kit.call('request.read', { collectionId: col.id, path: 'r3.yaml' })
    await kit.call('request.save', {
      collectionId: col.id,
      path: 'r3.yaml',
      request: withAuth({ type: 'bearer', token: 'other', prefix: 'Bearer' }, 'R3'),
      baseHash: read.hash
    })
    expect((await kit.call('request.read', { collectionId: col.id, path: 'r4.yaml' })).request).toMatchObject({ auth: { token } })
    expect((await kit.call('request.read', { collectionId: col.id, path: 'r3.yaml' })).request).toMatchObject({ auth: { token: 'other' } })
  })

  it('imported literals are kept out too', async () => {
    const postman = {
      info: { name: 'Imported', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: {
        type: 'basic',
        basic: [
          { key: 'username', value: 'ada' },
          { key: 'password', value: 'imported-col-pw' }
        ]
      },
      item: [{ name: 'Me', request: { method: 'GET', url: 'https://x.test/me', auth: { type: 'bearer', bearer: [{ key: 'token', value: token }] } } }]
    }
    const target = join(kit.base, 'imports')
    const result = await kit.call('import.run', { text: JSON.stringify(postman), targetDir: target })
    const everything = await allText(result.collectionPath)
    expect(everything).not.toContain(token)
    expect(everything).not.toContain('imported-col-pw')
    const read = await kit.call('request.read', { collectionId: result.collectionId!, path: 'me.yaml' })
    expect(read.request).toMatchObject({ auth: { type: 'bearer', token } })
  })

  it('a reference without its value on this machine reads as the reference, and Send refuses it with a clear error', async () => {
    const { path } = await kit.call('request.create', { collectionId: col.id, request: withAuth({ type: 'bearer', token, prefix: 'Bearer' }) })
    // Another machine: the same folder, another data dir.
    const other = await tempDir()
    const elsewhere = await createServices({ dataDir: other.dir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    try {
      const opened = await elsewhere.invoke('collection.open', { path: col.path })
      if (!opened.ok) throw new Error(opened.error.message)
      const read = await elsewhere.invoke('request.read', { collectionId: col.id, path })
      if (!read.ok) throw new Error(read.error.message)
      const request = (read.value as { request: SavedRequestInput & { auth: { token: string } } }).request
      expect(request.auth.token).toMatch(/^\{\{\$secret:[0-9a-f]{32}\}\}$/)
      const sent = await elsewhere.invoke('http.send', {
        requestId: 'x',
        request: { method: 'GET', url: 'http://127.0.0.1:1/', auth: request.auth },
        context: { collectionId: col.id, path }
      })
      expect(sent).toMatchObject({ ok: false, error: { code: 'credential_missing' } })
    } finally {
      await elsewhere.dispose()
      await other.remove()
    }
  })
})

describe('the data directory is readable by the user only', () => {
  it('is made private at start even when an older version created it open', async () => {
    const { chmod, mkdir } = await import('node:fs/promises')
    const old = join(kit.base, 'old-data')
    await mkdir(old)
    await chmod(old, 0o755)
    const services = await createServices({ dataDir: old, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    expect((await stat(old)).mode & 0o777).toBe(0o700)
    await services.dispose()
  })

  it('is 0700, and history files are 0600 in a 0700 folder', async () => {
    expect((await stat(kit.dataDir)).mode & 0o777).toBe(0o700)
    const entry = await kit.call('history.add', { request: withAuth({ type: 'bearer', token, prefix: 'Bearer' }) })
    const historyDir = join(kit.dataDir, 'history')
    expect((await stat(historyDir)).mode & 0o777).toBe(0o700)
    const { readdir } = await import('node:fs/promises')
    const files = (await readdir(historyDir)).filter((name) => name.endsWith('.json'))
    expect(files.length).toBeGreaterThan(0)
    for (const name of files) expect((await stat(join(historyDir, name))).mode & 0o777, name).toBe(0o600)
    expect(entry.id).toBeTruthy()
    await kit.call('history.setLimit', { limit: 10 })
    expect((await stat(join(historyDir, 'limit.json'))).mode & 0o777).toBe(0o600)
    await kit.call('workspace.save', { tabs: [], activeTabId: null, drafts: [] })
    expect((await stat(join(kit.dataDir, 'workspace.json'))).mode & 0o777).toBe(0o600)
  })
})
