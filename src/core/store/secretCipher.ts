import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmod, link, mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ParleyError } from '../../shared/errors'

/**
 * Turns a secret into text safe to store and back. The file-key cipher below is the default;
 * Electron's main injects `createSecretCipher(dataDir, safeStorage)` (the OS keychain) without core knowing.
 * `context` is bound to the ciphertext, so a value cannot be moved to another variable's slot.
 */
export interface SecretCipher {
  encrypt(plain: string, context: string): Promise<string>
  decrypt(stored: string, context: string): Promise<string>
}

const keyBytes = 32

/** AES-256-GCM with a random key kept in `<dataDir>/secret.key` (mode 0600). */
export class FileKeyCipher implements SecretCipher {
  private key: Promise<Buffer> | undefined

  constructor(private readonly dataDir: string) {}

  /** Where the key lives; exposed for tests and for the user's own backup. */
  get keyPath(): string {
    return join(this.dataDir, 'secret.key')
  }

  async encrypt(plain: string, context: string): Promise<string> {
    const key = await this.loadKey()
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.')
  }

  async decrypt(stored: string, context: string): Promise<string> {
    const [version, iv, tag, body] = stored.split('.')
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
      throw new ParleyError('secret_unreadable', 'A stored secret has an unknown format.', 'Enter the value again.')
    }
    const key = await this.loadKey()
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
    } catch {
      throw new ParleyError(
        'secret_unreadable',
        'A stored secret could not be decrypted (the key in secret.key does not match).',
        'Enter the secret value again; it will be stored with the current key.'
      )
    }
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey().catch((error: unknown) => {
      this.key = undefined
      throw error
    })
    return this.key
  }

  private async readOrCreateKey(): Promise<Buffer> {
    try {
      return checkKey(await readFile(this.keyPath), this.keyPath)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    await mkdir(this.dataDir, { recursive: true })
    // Write a temp file, then link it into place: link never replaces, so two processes starting
    // at once agree on one key, and a crash never leaves a half-written key behind.
    const temp = join(this.dataDir, `.secret.key.${randomBytes(6).toString('hex')}.tmp`)
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(randomBytes(keyBytes))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await chmod(temp, 0o600)
    try {
      await link(temp, this.keyPath)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      await rm(temp, { force: true })
    }
    return checkKey(await readFile(this.keyPath), this.keyPath)
  }
}

/** The part of Electron's `safeStorage` Parley uses; core never imports electron, main passes it in. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

const safeStoragePrefix = 'ss1.'

/** Encrypts with the OS keychain through Electron's `safeStorage`; output is `ss1.<base64>`. */
export class SafeStorageCipher implements SecretCipher {
  constructor(private readonly safeStorage: SafeStorageLike) {}

  // async although safeStorage is synchronous, so its throws become rejections like the file cipher's.
  async encrypt(plain: string, context: string): Promise<string> {
    // safeStorage takes no associated data, so the slot travels inside the sealed text and is checked on the way out.
    const sealed = this.safeStorage.encryptString(JSON.stringify({ c: context, v: plain }))
    return safeStoragePrefix + sealed.toString('base64')
  }

  async decrypt(stored: string, context: string): Promise<string> {
    if (!stored.startsWith(safeStoragePrefix)) {
      throw new ParleyError('secret_unreadable', 'A stored secret has an unknown format.', 'Enter the value again.')
    }
    let opened: unknown
    try {
      opened = JSON.parse(this.safeStorage.decryptString(Buffer.from(stored.slice(safeStoragePrefix.length), 'base64')))
    } catch {
      throw new ParleyError(
        'secret_unreadable',
        'A stored secret could not be decrypted with the system keychain.',
        'Unlock the keychain and try again, or enter the secret value again.'
      )
    }
    const sealed = opened as { c?: unknown; v?: unknown } | null
    if (sealed === null || typeof sealed !== 'object' || sealed.c !== context || typeof sealed.v !== 'string') {
      throw new ParleyError('secret_unreadable', 'A stored secret belongs to another variable.', 'Enter the value again.')
    }
    return sealed.v
  }
}

/**
 * The cipher a shell should use. Encrypts with `safeStorage` when given and available, else with the
 * file key; decrypts by the stored value's prefix, so values written by either shell (both share one
 * data dir) open wherever that is possible. Without `safeStorage` (the browser host) an `ss1.` value
 * is refused with `secret_unreadable`.
 */
export function createSecretCipher(dataDir: string, safeStorage?: SafeStorageLike): SecretCipher {
  const fileKey = new FileKeyCipher(dataDir)
  const keychain = safeStorage ? new SafeStorageCipher(safeStorage) : undefined
  return {
    encrypt: async (plain, context) =>
      keychain !== undefined && safeStorage?.isEncryptionAvailable() === true ? keychain.encrypt(plain, context) : fileKey.encrypt(plain, context),
    decrypt: async (stored, context) => {
      if (!stored.startsWith(safeStoragePrefix)) return fileKey.decrypt(stored, context)
      if (keychain) return keychain.decrypt(stored, context)
      throw new ParleyError(
        'secret_unreadable',
        'This secret was saved by the desktop app with the system keychain, which the browser host cannot open.',
        'Enter the value again here, or use the desktop app.'
      )
    }
  }
}

function checkKey(key: Buffer, path: string): Buffer {
  if (key.length !== keyBytes) {
    throw new ParleyError(
      'secret_key_damaged',
      `${path} should hold ${keyBytes} bytes but holds ${key.length}.`,
      'Restore it from a backup, or delete it (stored secrets will then have to be entered again).'
    )
  }
  return key
}
