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
      next[field] = await this.referenceFor(collectionId, value, before[field], updates)
    }
    if (updates.size > 0) await this.secrets.setMany(updates)
    return next as HttpAuth
  }

  /**
   * The reference a file holds for a credential: the previous one when its value is unchanged (so
   * saving an unchanged request rewrites nothing), else one known for the same value, else a new one
   * whose value joins `updates`.
   */
  private async referenceFor(collectionId: string, value: string, previous: unknown, updates: Map<string, string>): Promise<string> {
    const previousId = referenceId(previous)
    if (previousId !== undefined && (await this.secrets.get(credentialKey(collectionId, previousId))) === value) return previous as string
    const valueHash = createHash('sha256').update(`${collectionId}\u0000${value}`).digest('hex')
    const known = this.idsByValue.get(valueHash)
    // Sharing an id is safe: a stored value is never changed in place, a changed one gets a new id.
    if (known !== undefined && (await this.secrets.get(credentialKey(collectionId, known))) === value) return `{{$secret:${known}}}`
    const id = randomBytes(16).toString('hex')
    updates.set(credentialKey(collectionId, id), value)
    this.idsByValue.set(valueHash, id)
    return `{{$secret:${id}}}`
  }

  /** A request with its credentials revealed: an HTTP request's auth, a Socket.IO request's auth payload. */
  async revealRequest<R extends SavedRequest>(collectionId: string, request: R): Promise<R> {
    if (request.kind === 'http') return { ...request, auth: await this.reveal(collectionId, request.auth) }
    if (request.kind !== 'socketio') return request
    const id = referenceId(request.auth)
    const value = id === undefined ? undefined : await this.secrets.get(credentialKey(collectionId, id))
    return value === undefined ? request : { ...request, auth: value }
  }

  /** A request as its file holds it in this mode; `previous` is the file's current content, if any. */
  async stashRequest<R extends SavedRequest>(collectionId: string, request: R, previous: SavedRequest | undefined, mode: CredentialsMode): Promise<R> {
    if (request.kind === 'http') {
      const before = previous?.kind === 'http' ? previous.auth : undefined
      return { ...request, auth: await this.stash(collectionId, request.auth, before, mode) }
    }
    // The Socket.IO handshake's auth payload carries tokens as often as not: the whole JSON text is one
    // credential, kept in the file only when every string in it is a {{variable}} (or it is not JSON).
    if (request.kind !== 'socketio' || mode === 'files' || !payloadHoldsLiterals(request.auth)) return request
    const updates = new Map<string, string>()
    const auth = await this.referenceFor(collectionId, request.auth, previous?.kind === 'socketio' ? previous.auth : undefined, updates)
    if (updates.size > 0) await this.secrets.setMany(updates)
    return { ...request, auth }
  }
}

/** Whether a JSON auth payload holds a literal string (not only `{{variables}}`, numbers and booleans). */
function payloadHoldsLiterals(text: string): boolean {
  if (text.trim() === '' || referencePattern.test(text)) return false
  const literal = (value: unknown): boolean => {
    if (typeof value === 'string') return value !== '' && !variablesOnly.test(value)
    if (Array.isArray(value)) return value.some(literal)
    if (value !== null && typeof value === 'object') return Object.values(value).some(literal)
    return false
  }
  try {
    return literal(JSON.parse(text))
  } catch {
    // Not JSON yet (a `{{variable}}` for the whole payload, or text being typed): a literal unless it is only variables.
    return !variablesOnly.test(text)
  }
}

function referenceId(value: unknown): string | undefined {
  return typeof value === 'string' ? referencePattern.exec(value)?.[1] : undefined
}

/** Whether a text is a reference to a credential in the data dir, as a collection file holds it. */
export function isCredentialReference(value: string): boolean {
  return referencePattern.test(value)
}
