import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Variable } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from './atomicWrite'
import type { SecretCipher } from './secretCipher'

const SecretsFileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) })

/** A variable as a request sees it; `unreadable` says why a stored secret could not be opened here. */
export type RevealedVariable = Variable & { unreadable?: ParleyError }

/** Where a secret belongs: a collection (or `global`), then the scope inside it, then the variable. */
export function secretKey(owner: string, scope: string, name: string): string {
  return `${owner}\u0000${scope}\u0000${name}`
}

/**
 * Secret variable values in `<dataDir>/secrets.json`, each encrypted by the injected cipher.
 * Collection files only ever hold the variable's name with `secret: true`.
 */
export class SecretStore {
  private readonly path: string
  private entries: Promise<Map<string, string>> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher
  ) {
    this.path = join(dataDir, 'secrets.json')
  }

  /** The decrypted value, or undefined when none was stored (or it can no longer be decrypted). */
  async get(key: string): Promise<string | undefined> {
    const stored = (await this.load()).get(key)
    if (stored === undefined) return undefined
    try {
      return await this.cipher.decrypt(stored, key)
    } catch {
      return undefined
    }
  }

  /** Sets (or with `undefined`, removes) several values in one atomic write. */
  async setMany(values: ReadonlyMap<string, string | undefined>): Promise<void> {
    await this.write(values, false)
  }

  /**
   * With `keepUnreadable`, an empty value does not replace a stored one this cipher cannot open:
   * `reveal` showed it as empty, so saving that form unchanged must not destroy it.
   */
  private async write(values: ReadonlyMap<string, string | undefined>, keepUnreadable: boolean): Promise<void> {
    await this.serialised(async () => {
      const entries = await this.load()
      let changed = false
      for (const [key, value] of values) {
        if (value === undefined) {
          changed = entries.delete(key) || changed
        } else if (keepUnreadable && value === '' && (await this.isUnreadable(entries.get(key), key))) {
          continue
        } else {
          entries.set(key, await this.cipher.encrypt(value, key))
          changed = true
        }
      }
      if (changed) await this.persist(entries)
    })
  }

  private async isUnreadable(stored: string | undefined, key: string): Promise<boolean> {
    if (stored === undefined) return false
    return this.cipher.decrypt(stored, key).then(
      () => false,
      () => true
    )
  }

  /** Moves every secret whose key starts with `from` to start with `to` (a folder was renamed). */
  async renamePrefix(from: string, to: string): Promise<void> {
    await this.copyPrefix(from, to, true)
  }

  /** Copies (or with `move`, moves) every secret whose key starts with `from` to start with `to`. */
  async copyPrefix(from: string, to: string, move = false): Promise<void> {
    await this.serialised(async () => {
      const entries = await this.load()
      const moves = [...entries].filter(([key]) => key.startsWith(from))
      if (moves.length === 0) return
      const next = new Map<string, string | undefined>()
      for (const [key, stored] of moves) {
        // Re-encrypted, because the key is bound into each ciphertext.
        const plain = await this.cipher.decrypt(stored, key).catch(() => undefined)
        if (move) entries.delete(key)
        if (plain !== undefined) next.set(to + key.slice(from.length), plain)
      }
      for (const [key, plain] of next) entries.set(key, await this.cipher.encrypt(plain!, key))
      await this.persist(entries)
    })
  }

  /**
   * Fills in the values of secret variables; files hold only their names. A value this cipher cannot
   * open (saved by the desktop app's keychain and read in the browser host, or under a replaced
   * secret.key) comes back empty rather than failing the whole read: the environment and folder
   * dialogs still open and show the variable without a value, so the user sees it is missing and
   * can enter it again, and `stash` keeps the stored value while the field stays empty. Failing
   * here instead would make every request of the collection fail, and lock the dialog that fixes it.
   * Such a value carries `unreadable`, so a request that uses it fails with `secret_unreadable`
   * naming the variable instead of sending it empty.
   */
  async reveal(variables: Variable[], keyOf: (name: string) => string): Promise<RevealedVariable[]> {
    const entries = await this.load()
    return Promise.all(
      variables.map(async (v): Promise<RevealedVariable> => {
        if (!v.secret) return v
        const stored = entries.get(keyOf(v.name))
        if (stored === undefined) return { ...v, value: '' }
        try {
          return { ...v, value: await this.cipher.decrypt(stored, keyOf(v.name)) }
        } catch (error) {
          return { ...v, value: '', unreadable: error instanceof ParleyError ? error : new ParleyError('secret_unreadable', String(error)) }
        }
      })
    )
  }

  /** Stores the values of secret variables and returns the variables as a file may hold them. */
  async stash(variables: Variable[], keyOf: (name: string) => string, previous: Variable[] = []): Promise<Variable[]> {
    const updates = new Map<string, string | undefined>()
    for (const v of variables) if (v.secret) updates.set(keyOf(v.name), v.value)
    // A variable that stopped being secret, or was removed, leaves nothing behind in the data dir.
    for (const old of previous) {
      if (old.secret && !variables.some((v) => v.secret && v.name === old.name)) updates.set(keyOf(old.name), undefined)
    }
    if (updates.size > 0) await this.write(updates, true)
    return variables.map((v) => (v.secret ? { ...v, value: '' } : v))
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }

  private load(): Promise<Map<string, string>> {
    this.entries ??= this.read().catch((error: unknown) => {
      this.entries = undefined
      throw error
    })
    return this.entries
  }

  private async read(): Promise<Map<string, string>> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
      throw error
    }
    let parsed
    try {
      parsed = SecretsFileSchema.safeParse(JSON.parse(text))
    } catch {
      parsed = { success: false as const }
    }
    if (!parsed.success) {
      throw new ParleyError(
        'secrets_unreadable',
        `${this.path} is damaged.`,
        'Parley left it untouched: restore it from a backup or delete it and enter the secrets again.'
      )
    }
    return new Map(Object.entries(parsed.data.entries))
  }

  private async persist(entries: Map<string, string>): Promise<void> {
    const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, entries: sorted }, null, 2)}\n`, { mode: 0o600 })
  }
}
