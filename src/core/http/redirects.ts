import type { HeaderList } from '../../shared/http'
import { getHeader } from './headerList'

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** Where a response redirects to, or null when it is not a redirect we can follow. */
export function redirectTarget(status: number, headers: HeaderList, from: URL): URL | null {
  if (!REDIRECT_STATUSES.has(status)) return null
  const location = getHeader(headers, 'location')
  if (!location) return null
  try {
    const target = new URL(location, from)
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return null
    // The fragment of the original URL carries over when the Location has none (RFC 9110 section 10.2.2).
    if (!target.hash && from.hash) target.hash = from.hash
    return target
  } catch {
    return null
  }
}

/**
 * The method and body of the next hop, as browsers do it (Fetch standard, "HTTP-redirect fetch"):
 * 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET; 307 and 308 keep both.
 */
export function redirectMethod(status: number, method: string): { method: string; keepBody: boolean } {
  const upper = method.toUpperCase()
  if (status === 303 && upper !== 'GET' && upper !== 'HEAD') return { method: 'GET', keepBody: false }
  if ((status === 301 || status === 302) && upper === 'POST') return { method: 'GET', keepBody: false }
  return { method, keepBody: true }
}

/** Same scheme, host and port: credentials may follow a redirect only within one origin. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin
}
