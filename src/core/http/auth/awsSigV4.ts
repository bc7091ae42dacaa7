import { createHash, createHmac } from 'node:crypto'
import type { HeaderList } from '../../../shared/http'
import { withHeader, withoutHeaders } from '../headerList'
import { sameOrigin } from '../redirects'
import type { AuthProvider } from './provider'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string | undefined
  region: string
  service: string
}

// RFC 3986 unreserved characters stay; everything else is %XX in upper case, as SigV4 requires.
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function canonicalPath(url: URL, service: string): string {
  const segments = url.pathname.split('/').map((s) => encodeRfc3986(safeDecode(s)))
  const once = segments.join('/') || '/'
  // Every service but S3 encodes the path a second time (AWS SigV4 docs, "canonical URI").
  return service === 's3'
    ? once
    : once
        .split('/')
        .map((s) => encodeRfc3986(s))
        .join('/')
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function canonicalQuery(url: URL): string {
  const pairs: Array<[string, string]> = []
  for (const [k, v] of url.searchParams) pairs.push([encodeRfc3986(k), encodeRfc3986(v)])
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest()

/** The AWS date stamp `YYYYMMDDTHHMMSSZ` of a time. */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[:-]|\.\d{3}/g, '')
}

/**
 * Signs a request with AWS Signature Version 4: adds X-Amz-Date, X-Amz-Content-Sha256, the session
 * token when given, and the Authorization header covering host and every x-amz-* and content-type header.
 */
export function signAwsV4(
  credentials: AwsCredentials,
  request: { method: string; url: URL; headers: HeaderList; payloadSha256: string },
  now = new Date()
): HeaderList {
  const date = amzDate(now)
  const day = date.slice(0, 8)
  let headers = withoutHeaders(request.headers, 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token')
  headers = [...headers, ['X-Amz-Date', date], ['X-Amz-Content-Sha256', request.payloadSha256]]
  if (credentials.sessionToken) headers.push(['X-Amz-Security-Token', credentials.sessionToken])

  const signed = new Map<string, string[]>()
  signed.set('host', [request.url.host])
  for (const [name, value] of headers) {
    const lower = name.toLowerCase()
    if (lower === 'host' || lower.startsWith('x-amz-') || lower === 'content-type' || lower === 'content-md5') {
      const list = lower === 'host' ? [] : (signed.get(lower) ?? [])
      list.push(value.trim().replace(/\s+/g, ' '))
      signed.set(lower, list)
    }
  }
  const names = [...signed.keys()].sort()
  const canonicalHeaders = names.map((n) => `${n}:${signed.get(n)!.join(',')}\n`).join('')
  const signedHeaders = names.join(';')
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.url, credentials.service),
    canonicalQuery(request.url),
    canonicalHeaders,
    signedHeaders,
    request.payloadSha256
  ].join('\n')
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n')
  const kDate = hmac(`AWS4${credentials.secretAccessKey}`, day)
  const kSigning = hmac(hmac(hmac(kDate, credentials.region), credentials.service), 'aws4_request')
  const signature = createHmac('sha256', kSigning).update(stringToSign).digest('hex')
  return withHeader(
    headers,
    'Authorization',
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  )
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** AWS Signature v4: every exchange to the original origin is signed anew (date, payload hash). */
export const awsV4Provider: AuthProvider<'awsv4'> = {
  type: 'awsv4',
  start: async (auth, headers, _url, ctx) => ({
    headers,
    session: {
      info: null,
      exchange: async ({ method, url, originalUrl, headers: hopHeaders, body }) => {
        if (!sameOrigin(url, originalUrl)) return hopHeaders
        const payloadSha256 = body ? await ctx.control.guard(body.sha256()) : EMPTY_SHA256
        return signAwsV4(auth, { method, url, headers: hopHeaders, payloadSha256 })
      }
    }
  })
}
