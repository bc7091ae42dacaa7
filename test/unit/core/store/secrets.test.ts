import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileKeyCipher, type SecretCipher } from '../../../../src/core/store/secretCipher'
import { SecretStore, secretKey } from '../../../../src/core/store/secretStore'
import { createCollectionServices } from '../../../../src/core/store/collectionServices'
import { EventBus } from '../../../../src/core/events'
import { allText, modeOf, servicesKit } from './storeTestKit'
import { tempDir } from '../../support/tempDir'

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

const secretValue = 'sk-live-4242-never-in-git'

describe('secret variables', () => {
  it('never reach a file in the collection folder, and come back from the data dir', async () => {
    const folder = join(kit.base, 'col')
    const { id } = await kit.call('collection.create', { path: folder, name: 'Col' })
    const variables = [
      { name: 'token', value: secretValue, enabled: true, secret: true },
      { name: 'host', value: 'http://x', enabled: true, secret: false }
    ]
    await kit.call('folder.save', { collectionId: id, path: '', settings: { name: 'Col', variables } })
    const sub = await kit.call('folder.create', { collectionId: id, name: 'Sub' })
    await kit.call('folder.save', {
      collectionId: id,
      path: sub.path,
      settings: { name: 'Sub', variables: [{ name: 'folderToken', value: `${secretValue}-f`, enabled: true, secret: true }] }
    })
    const env = await kit.call('environment.save', {
      collectionId: id,
      name: 'Staging',
      variables: [{ name: 'envToken', value: `${secretValue}-e`, enabled: true, secret: true }]
    })
    await kit.call('globals.save', { variables: [{ name: 'g', value: `${secretValue}-g`, enabled: true, secret: true }] })

    const everything = await allText(folder)
    expect(everything).not.toContain(secretValue)
    expect(everything).toContain('secret: true')
    expect(await readFile(join(folder, 'parley.yaml'), 'utf8')).toBe(
      'parley: 1\nname: Col\nvariables:\n  - name: token\n    secret: true\n  - name: host\n    value: http://x\n'
    )
    // Not in plain text in the data dir either: encrypted.
    expect(await allText(kit.dataDir)).not.toContain(secretValue)

    expect((await kit.call('folder.read', { collectionId: id, path: '' })).variables).toEqual(variables)
    expect((await kit.call('folder.read', { collectionId: id, path: sub.path })).variables[0]!.value).toBe(`${secretValue}-f`)
    const envs = await kit.call('environment.list', { collectionId: id })
    expect(envs.environments).toEqual([
      { id: env.id, name: 'Staging', variables: [{ name: 'envToken', value: `${secretValue}-e`, enabled: true, secret: true }] }
    ])
    expect((await kit.call('globals.get')).variables[0]!.value).toBe(`${secretValue}-g`)
    const resolved = await kit.call('vars.resolve', {
      collectionId: id,
      path: `${sub.path}/x.yaml`,
      environmentId: env.id,
      text: '{{token}} {{folderToken}} {{envToken}} {{g}}'
    })
    expect(resolved.text).toBe(`${secretValue} ${secretValue}-f ${secretValue}-e ${secretValue}-g`)
    expect(resolved.variables.every((v) => v.secret)).toBe(true)

    // A folder rename carries its secrets along.
    const renamed = await kit.call('folder.rename', { collectionId: id, path: sub.path, name: 'Other' })
    expect((await kit.call('folder.read', { collectionId: id, path: renamed.path })).variables[0]!.value).toBe(`${secretValue}-f`)
  })

  it('keeps the key in secret.key with mode 0600, 32 bytes', async () => {
    await kit.call('globals.save', { variables: [{ name: 'g', value: 'v', enabled: true, secret: true }] })
    const keyPath = join(kit.dataDir, 'secret.key')
    expect(await modeOf(keyPath)).toBe(0o600)
    expect((await readFile(keyPath)).length).toBe(32)
    expect(await modeOf(join(kit.dataDir, 'secrets.json'))).toBe(0o600)
  })

  it('binds each value to its slot and refuses a damaged ciphertext', async () => {
    const { dir, remove: cleanup } = await tempDir()
    try {
      const cipher = new FileKeyCipher(dir)
      const stored = await cipher.encrypt('s3cret', 'a')
      expect(await cipher.decrypt(stored, 'a')).toBe('s3cret')
      await expect(cipher.decrypt(stored, 'b')).rejects.toMatchObject({ code: 'secret_unreadable' })
      // Another instance (a restart) reads the same key.
      expect(await new FileKeyCipher(dir).decrypt(stored, 'a')).toBe('s3cret')
    } finally {
      await cleanup()
    }
  })

  it("uses an injected cipher, as Electron's safeStorage will be", async () => {
    const { dir, remove: cleanup } = await tempDir()
    try {
      const calls: string[] = []
      const rot: SecretCipher = {
        encrypt: async (plain) => (calls.push('encrypt'), `rot:${Buffer.from(plain).toString('hex')}`),
        decrypt: async (stored) => (calls.push('decrypt'), Buffer.from(stored.slice(4), 'hex').toString())
      }
      const store = new SecretStore(dir, rot)
      await store.setMany(new Map([[secretKey('c', 'collection', 'x'), 'value']]))
      expect(await new SecretStore(dir, rot).get(secretKey('c', 'collection', 'x'))).toBe('value')
      expect(calls).toEqual(['encrypt', 'decrypt'])
      const services = createCollectionServices({ dataDir: dir, events: new EventBus(), secretCipher: rot })
      await services.environments.saveGlobals([{ name: 'g', value: 'gv', enabled: true, secret: true }])
      expect((await services.environments.globals())[0]!.value).toBe('gv')
      services.dispose()
    } finally {
      await cleanup()
    }
  })

  it('drops the stored value when a variable stops being secret', async () => {
    await kit.call('globals.save', { variables: [{ name: 'g', value: secretValue, enabled: true, secret: true }] })
    await kit.call('globals.save', { variables: [{ name: 'g', value: 'plain', enabled: true, secret: false }] })
    const secrets = JSON.parse(await readFile(join(kit.dataDir, 'secrets.json'), 'utf8'))
    expect(secrets.entries).toEqual({})
  })
})
