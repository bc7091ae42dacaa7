import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { createSecretCipher, FileKeyCipher, SafeStorageCipher, type SafeStorageLike } from '../../../../src/core/store/secretCipher'
import { SecretStore, secretKey } from '../../../../src/core/store/secretStore'
import type { CallInput, CallName, CallOutput } from '../../../../src/shared/contract'
import { allText } from './storeTestKit'
import { tempDir } from '../../support/tempDir'

/** Stands in for Electron's safeStorage: XOR with a fixed byte, so the plaintext never shows, and switchable. */
function fakeSafeStorage(available = true): SafeStorageLike & { available: boolean; calls: string[] } {
  const xor = (bytes: Buffer): Buffer => Buffer.from(bytes.map((b) => b ^ 0x5a))
  return {
    available,
    calls: [],
    isEncryptionAvailable() {
      return this.available
    },
    encryptString(plain) {
      this.calls.push('encrypt')
      if (!this.available) throw new Error('Encryption is not available.')
      return Buffer.concat([Buffer.from('FAKE'), xor(Buffer.from(plain, 'utf8'))])
    },
    decryptString(encrypted) {
      this.calls.push('decrypt')
      if (!this.available) throw new Error('Decryption is not available.')
      if (encrypted.subarray(0, 4).toString() !== 'FAKE') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return xor(encrypted.subarray(4)).toString('utf8')
    }
  }
}

const plain = 'sk-live-4242-never-in-git'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, remove: cleanup } = await tempDir())
})
afterEach(async () => {
  await cleanup()
})

describe('SafeStorageCipher', () => {
  it('round-trips values, tagged ss1. and without the plaintext in them', async () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage())
    for (const value of [plain, '', 'ünïcødé ✓ "quotes" \n newline']) {
      const stored = await cipher.encrypt(value, 'slot')
      expect(stored.startsWith('ss1.')).toBe(true)
      if (value !== '') expect(stored).not.toContain(value)
      expect(await cipher.decrypt(stored, 'slot')).toBe(value)
    }
  })

  it('binds each value to its context and refuses it in another slot', async () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage())
    const stored = await cipher.encrypt(plain, secretKey('c', 'collection', 'a'))
    await expect(cipher.decrypt(stored, secretKey('c', 'collection', 'b'))).rejects.toMatchObject({ code: 'secret_unreadable' })
  })

  it('reports a value the keychain cannot open as secret_unreadable', async () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage())
    await expect(cipher.decrypt('ss1.bm90IHNlYWxlZA==', 'slot')).rejects.toMatchObject({ code: 'secret_unreadable' })
    await expect(cipher.decrypt('v1.a.b.c', 'slot')).rejects.toMatchObject({ code: 'secret_unreadable' })
  })
})

describe('createSecretCipher', () => {
  it('encrypts with safeStorage when it is available', async () => {
    const safeStorage = fakeSafeStorage()
    const cipher = createSecretCipher(dir, safeStorage)
    const stored = await cipher.encrypt(plain, 'slot')
    expect(stored.startsWith('ss1.')).toBe(true)
    expect(stored).not.toContain(plain)
    expect(await cipher.decrypt(stored, 'slot')).toBe(plain)
    expect(safeStorage.calls).toEqual(['encrypt', 'decrypt'])
  })

  it('falls back to the file key when safeStorage is unavailable', async () => {
    const safeStorage = fakeSafeStorage(false)
    const cipher = createSecretCipher(dir, safeStorage)
    const stored = await cipher.encrypt(plain, 'slot')
    expect(stored.startsWith('v1.')).toBe(true)
    expect(safeStorage.calls).toEqual([])
    expect(await cipher.decrypt(stored, 'slot')).toBe(plain)
    expect(await new FileKeyCipher(dir).decrypt(stored, 'slot')).toBe(plain)
  })

  it('still opens values the file key wrote (the browser host) when safeStorage is present', async () => {
    const written = await createSecretCipher(dir).encrypt(plain, 'slot')
    expect(written.startsWith('v1.')).toBe(true)
    const desktop = createSecretCipher(dir, fakeSafeStorage())
    expect(await desktop.decrypt(written, 'slot')).toBe(plain)
    await expect(desktop.decrypt(written, 'other')).rejects.toMatchObject({ code: 'secret_unreadable' })
  })

  it('without safeStorage refuses an ss1. value with secret_unreadable and a hint', async () => {
    const written = await createSecretCipher(dir, fakeSafeStorage()).encrypt(plain, 'slot')
    await expect(createSecretCipher(dir).decrypt(written, 'slot')).rejects.toMatchObject({
      code: 'secret_unreadable',
      message: 'This secret was saved by the desktop app with the system keychain, which the browser host cannot open.',
      hint: 'Enter the value again here, or use the desktop app.'
    })
  })
})

describe('a keychain secret seen from the browser host', () => {
  const key = secretKey('c', 'collection', 'token')
  const variables = [{ name: 'token', value: '', enabled: true, secret: true }]

  it('reveals as empty and marked unreadable, and saving the empty field keeps the desktop value', async () => {
    await new SecretStore(dir, createSecretCipher(dir, fakeSafeStorage())).setMany(new Map([[key, plain]]))
    const browser = new SecretStore(dir, createSecretCipher(dir))
    const [revealed] = await browser.reveal(variables, () => key)
    expect(revealed).toMatchObject({ ...variables[0], unreadable: { code: 'secret_unreadable' } })
    await browser.stash(variables, () => key, variables)
    expect(await new SecretStore(dir, createSecretCipher(dir, fakeSafeStorage())).get(key)).toBe(plain)
  })

  it('is replaced when a value is entered again, with the file key', async () => {
    await new SecretStore(dir, createSecretCipher(dir, fakeSafeStorage())).setMany(new Map([[key, plain]]))
    const browser = new SecretStore(dir, createSecretCipher(dir))
    await browser.stash([{ ...variables[0]!, value: 'new-value' }], () => key, variables)
    const stored = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')).entries[key] as string
    expect(stored.startsWith('v1.')).toBe(true)
    expect(await new SecretStore(dir, createSecretCipher(dir, fakeSafeStorage())).get(key)).toBe('new-value')
  })
})

describe('services with the safeStorage cipher', () => {
  let services: Services
  beforeEach(async () => {
    services = await createServices({
      dataDir: join(dir, 'data'),
      shell: 'browser',
      appVersion: '0',
      statusIntervalMs: 0,
      secretCipher: createSecretCipher(join(dir, 'data'), fakeSafeStorage())
    })
  })
  afterEach(async () => {
    await services.dispose()
  })

  async function call<K extends CallName>(name: K, input?: CallInput<K>): Promise<CallOutput<K>> {
    const result = await services.invoke(name, input)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.value as CallOutput<K>
  }

  it('keeps a collection secret in secrets.json as ss1., out of the collection folder, and resolves it', async () => {
    const folder = join(dir, 'col')
    const { id } = await call('collection.create', { path: folder, name: 'Col' })
    await call('folder.save', {
      collectionId: id,
      path: '',
      settings: { name: 'Col', variables: [{ name: 'token', value: plain, enabled: true, secret: true }] }
    })

    expect(await allText(folder)).not.toContain(plain)
    const secrets = JSON.parse(await readFile(join(dir, 'data', 'secrets.json'), 'utf8')) as { entries: Record<string, string> }
    const stored = Object.values(secrets.entries)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.startsWith('ss1.')).toBe(true)
    expect(await allText(join(dir, 'data'))).not.toContain(plain)

    const resolved = await call('vars.resolve', { collectionId: id, path: 'x.yaml', text: 'Bearer {{token}}' })
    expect(resolved.text).toBe(`Bearer ${plain}`)
  })
})
