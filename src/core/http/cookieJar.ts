import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { CookieJar, MemoryCookieStore, type Cookie } from 'tough-cookie'
import { ParleyError } from '../../shared/errors'
import type { HttpCookie } from '../../shared/http'
import { writeFileAtomic } from '../store/atomicWrite'
import { writeFailure } from '../store/writeFailure'

function expiryTime(cookie: Cookie): number {
  return cookie.expiryTime() ?? Number.POSITIVE_INFINITY
}

/** The cookie of tough-cookie, as the contract shows it. */
export function describeCookie(cookie: Cookie): HttpCookie {
  // Max-Age and Expires both end up here; a session cookie has no finite expiry.
  const time = expiryTime(cookie)
  const expires = Number.isFinite(time) ? new Date(time).toISOString() : null
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.domain ?? '',
    path: cookie.path ?? '/',
    expires,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite ? String(cookie.sameSite) : null,
    hostOnly: cookie.hostOnly ?? false
  }
}

/**
 * The cookie jar, kept in memory and persisted to `<dataDir>/cookies.json` after each change. A
 * single jar for now; one per workspace later.
 */
export class PersistentCookieJar {
  private jar = new CookieJar(new MemoryCookieStore(), { looseMode: true })
  private saving: Promise<void> = Promise.resolve()
  /** Skips the jar lookup on every request while it is empty: most API calls carry no cookies. */
  private count = 0

  constructor(private readonly path: string) {}

  static inDataDir(dataDir: string): PersistentCookieJar {
    return new PersistentCookieJar(join(dataDir, 'cookies.json'))
  }

  /** A damaged jar found by `load`, set aside and reported once by whoever asks. */
  problem: ParleyError | null = null

  /**
   * Loads the saved jar. A missing file starts an empty one; a damaged one is moved aside as
   * `cookies.json.damaged-<time>` (never overwritten) and reported through `problem`.
   */
  async load(): Promise<void> {
    this.jar = new CookieJar(new MemoryCookieStore(), { looseMode: true })
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problem = this.unreadable(error, null)
      this.count = 0
      return
    }
    try {
      this.jar = await CookieJar.deserialize(JSON.parse(text) as object, new MemoryCookieStore())
    } catch (error) {
      const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
      try {
        await rename(this.path, aside)
        this.problem = this.unreadable(error, aside)
      } catch (renameError) {
        this.problem = this.unreadable(error, null, renameError)
      }
    }
    this.count = (await this.all()).length
  }

  private unreadable(error: unknown, aside: string | null, asideError?: unknown): ParleyError {
    const why = error instanceof Error ? error.message : String(error)
    if (aside) {
      return new ParleyError(
        'cookies_damaged',
        `The saved cookies (${this.path}) could not be read (${why}); the file was kept as ${aside} and Parley started with no cookies.`,
        'Requests that need a login cookie will ask for it again. Delete the kept file once you no longer need it.'
      )
    }
    const moved = asideError instanceof Error ? ` It could not be set aside either (${asideError.message}).` : ''
    return new ParleyError(
      'cookies_damaged',
      `The saved cookies (${this.path}) could not be read (${why}); Parley started with no cookies.${moved}`,
      'Check the file and its permissions; cookies you get now may not be saved.'
    )
  }

  /** True while the jar holds no cookie, so a send can skip the lookup entirely. */
  get isEmpty(): boolean {
    return this.count === 0
  }

  /** The Cookie header value for a request to `url`, or '' when none apply. */
  async cookieHeader(url: URL): Promise<string> {
    if (this.count === 0) return ''
    return this.jar.getCookieString(url.href)
  }

  /**
   * Stores the Set-Cookie values of a response from `url`, as a browser would; returns those kept,
   * and the error if they could not be saved to disk (they still apply for this run).
   */
  async store(url: URL, setCookies: string[]): Promise<{ cookies: HttpCookie[]; saveError: ParleyError | null }> {
    const kept: HttpCookie[] = []
    for (const header of setCookies) {
      const cookie = await this.jar.setCookie(header, url.href, { ignoreError: true })
      if (cookie) kept.push(describeCookie(cookie))
    }
    let saveError: ParleyError | null = null
    if (setCookies.length > 0) await this.changed().catch((error: ParleyError) => (saveError = error))
    return { cookies: kept, saveError }
  }

  private async all(): Promise<Cookie[]> {
    return (await this.jar.store.getAllCookies()) ?? []
  }

  /** Every cookie in the jar, expired ones dropped. */
  async list(): Promise<HttpCookie[]> {
    const now = Date.now()
    return (await this.all()).filter((c) => expiryTime(c) > now).map(describeCookie)
  }

  /** Removes every cookie, or those of one domain and its subdomains. */
  async clear(domain?: string): Promise<number> {
    const cookies = await this.all()
    const target = domain?.toLowerCase().replace(/^\./, '')
    let removed = 0
    for (const c of cookies) {
      const d = (c.domain ?? '').toLowerCase()
      if (target === undefined || d === target || d.endsWith(`.${target}`)) {
        await this.jar.store.removeCookie(c.domain, c.path, c.key)
        removed++
      }
    }
    await this.changed()
    return removed
  }

  private async changed(): Promise<void> {
    this.count = (await this.all()).length
    // Writes queue behind each other so the file always ends with the latest jar.
    const next = this.saving.then(async () => {
      const serialized = await this.jar.serialize()
      try {
        await writeFileAtomic(this.path, JSON.stringify(serialized, null, 2), { mode: 0o600 })
      } catch (error) {
        throw writeFailure(error, 'The cookie jar', this.path)
      }
    })
    this.saving = next.catch(() => undefined)
    await next
  }

  /** Waits for pending writes. */
  async flush(): Promise<void> {
    await this.saving
  }
}
