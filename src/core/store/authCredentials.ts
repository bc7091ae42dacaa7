import { createHash, randomBytes } from 'node:crypto'
import type { CredentialsMode, SavedRequest } from '../../shared/collection'
import type { HttpAuth } from '../../shared/http'
import { secretKey, type SecretStore } from './secretStore'

/** The auth fields that hold a credential, per auth type. Usernames, key names and ids are not secret. */
const credentialFields: Partial<Record<HttpAuth['type'], readonly string[]>> = {
  basic: ['password'],
  bearer: ['token'],
  digest: ['password'],
  apikey: ['value'],
  oauth2: ['clientSecret', 'password'],
  awsv4: ['secretAccessKey', 'sessionToken']
}

/**
 * What a collection file holds instead of a credential: a reference to its encrypted value in the
 * data dir. Written as a `{{$…}}` dynamic name so that, should one ever reach a send unrevealed
 * (on a machine that does not have the value), resolution stops with an error instead of sending it.
 */
const referencePattern = /^\{\{\$secret:([0-9a-f]{32})\}\}$/
/** Values made only of `{{variable}}` references: not a literal credential, so they stay in the file. */
const variablesOnly = /^(\s*\{\{[^{}]+\}\}\s*)+$/

/** The secret-store key of an auth credential: per collection, so another collection cannot name it. */
function credentialKey(collectionId: string, id: string): string {
  return secretKey(collectionId, 'auth', id)
}

/**
 * Literal credentials in auth fields (bearer token, passwords, API key value, OAuth 2.0 client
 * secret, AWS secret key and session token) kept out of collection files: saved encrypted in the
 * data dir beside secret variables, with a reference in the file, and put back when a file is read.
 */
export class AuthCredentials {
  /**
   * The id last stored for a value in a collection, by a hash of both: an import of thousands of
   * requests with the same token stores it once instead of rewriting the secrets file per request.
   */
  private readonly idsByValue = new Map<string, string>()

  constructor(private readonly secrets: SecretStore) {}

  /** The auth with each reference replaced by its value; a reference with no value here stays as is. */
  async reveal(collectionId: string, auth: HttpAuth): Promise<HttpAuth> {
    const fields = credentialFields[auth.type]
    if (!fields) return auth
    const next: Record<string, unknown> = { ...auth }
    for (const field of fields) {
      const id = referenceId(next[field])
      if (id === undefined) continue
      const value = await this.secrets.get(credentialKey(collectionId, id))
      if (value !== undefined) next[field] = value
    }
    return next as HttpAuth
  }

  /**
   * The auth as a collection file in this mode holds it. With `secret-store`, each literal credential
   * is stored and replaced by a reference: the one the file had when its value is unchanged (so
   * saving an unchanged request rewrites nothing), otherwise a new one. Empty values, references
   * and `{{variables}}` stay as they are; with `files`, everything does.
   */
  async stash(collectionId: string, auth: HttpAuth, previous: HttpAuth | undefined, mode: CredentialsMode): Promise<HttpAuth> {
    const fields = credentialFields[auth.type]
    if (!fields || mode === 'files') return auth
    const next: Record<string, unknown> = { ...auth }
    const before: Record<string, unknown> = previous?.type === auth.type ? { ...previous } : {}
    const updates = new Map<string, string>()
    for (const field of fields) {
      const value = next[field]
      if (typeof value !== 'string' || value === '' || variablesOnly.test(value)) continue
      const previousId = referenceId(before[field])
      if (previousId !== undefined && (await this.secrets.get(credentialKey(collectionId, previousId))) === value) {
        next[field] = before[field]
        continue
      }
      const valueHash = createHash('sha256').update(`${collectionId}\u0000${value}`).digest('hex')
      const known = this.idsByValue.get(valueHash)
      // Sharing an id is safe: a stored value is never changed in place, a changed one gets a new id.
      if (known !== undefined && (await this.secrets.get(credentialKey(collectionId, known))) === value) {
        next[field] = `{{$secret:${known}}}`
        continue
      }
      const id = randomBytes(16).toString('hex')
      updates.set(credentialKey(collectionId, id), value)
      this.idsByValue.set(valueHash, id)
      next[field] = `{{$secret:${id}}}`
    }
    if (updates.size > 0) await this.secrets.setMany(updates)
    return next as HttpAuth
  }

  /** A request with its auth revealed (only HTTP requests have one). */
  async revealRequest<R extends SavedRequest>(collectionId: string, request: R): Promise<R> {
    if (request.kind !== 'http') return request
    return { ...request, auth: await this.reveal(collectionId, request.auth) }
  }

  /** A request as its file holds it in this mode; `previous` is the file's current content, if any. */
  async stashRequest<R extends SavedRequest>(collectionId: string, request: R, previous: SavedRequest | undefined, mode: CredentialsMode): Promise<R> {
    if (request.kind !== 'http') return request
    const before = previous?.kind === 'http' ? previous.auth : undefined
    return { ...request, auth: await this.stash(collectionId, request.auth, before, mode) }
  }
}

function referenceId(value: unknown): string | undefined {
  return typeof value === 'string' ? referencePattern.exec(value)?.[1] : undefined
}

/** Whether a text is a reference to a credential in the data dir, as a collection file holds it. */
export function isCredentialReference(value: string): boolean {
  return referencePattern.test(value)
}
