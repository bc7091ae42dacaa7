import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import busboy from 'busboy'
import type { RequestContext, Route } from '../http/router'
import { HttpError, sendJson } from '../http/reply'

// The echo hashes the body as it streams, so a 1 GB upload is measured exactly without being held in
// memory; only the first MAX_SHOWN bytes are kept to show back (and to parse forms and JSON from).
const MAX_SHOWN = 2 * 1024 * 1024

export interface EchoedFile {
  name: string
  filename: string | undefined
  contentType: string
  size: number
  sha256: string
}

/** Repeated keys become arrays so `?a=1&a=2` is distinguishable from `?a=1`. */
export function paramsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of params) {
    const existing = out[key]
    if (existing === undefined) out[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else out[key] = [existing, value]
  }
  return out
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    if (name && !(name in cookies)) cookies[name] = part.slice(eq + 1).trim()
  }
  return cookies
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

/** `cut` says the bytes stop mid-body, where a multi-byte character may be split: that is not invalid. */
function decodeUtf8(bytes: Buffer, cut: boolean): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut })
  } catch {
    return null
  }
}

/** Starts busboy on the live request; resolves once every part (and every file stream) is read. */
function parseMultipart(req: IncomingMessage) {
  let parser: busboy.Busboy
  try {
    parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_SHOWN } })
  } catch (error) {
    throw new HttpError(400, 'Malformed multipart Content-Type', {
      detail: error instanceof Error ? error.message : String(error)
    })
  }
  const fields: Array<{ name: string; value: string; truncated: boolean }> = []
  const files: Array<Promise<EchoedFile>> = []
  parser.on('field', (name, value, info) => fields.push({ name, value, truncated: info.valueTruncated }))
  parser.on('file', (name, stream, info) => {
    files.push(
      new Promise((resolve, reject) => {
        const hash = createHash('sha256')
        let size = 0
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk)
          size += chunk.length
        })
        stream.on('error', reject)
        stream.on('end', () => resolve({ name, filename: info.filename, contentType: info.mimeType, size, sha256: hash.digest('hex') }))
      })
    )
  })
  const done = new Promise<{ fields: typeof fields; files: EchoedFile[] }>((resolve, reject) => {
    parser.on('error', (error: Error) => reject(new HttpError(400, 'Malformed multipart body', { detail: error.message })))
    parser.on('close', () => {
      Promise.all(files).then((done) => resolve({ fields, files: done }), reject)
    })
  })
  req.pipe(parser)
  return done
}

function readStreamed(req: IncomingMessage) {
  return new Promise<{ shown: Buffer; bytes: number; sha256: string; truncated: boolean }>((resolve, reject) => {
    const hash = createHash('sha256')
    const kept: Buffer[] = []
    let bytes = 0
    let keptBytes = 0
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk)
      bytes += chunk.length
      if (keptBytes < MAX_SHOWN) {
        const slice = chunk.subarray(0, MAX_SHOWN - keptBytes)
        kept.push(slice)
        keptBytes += slice.length
      }
    })
    req.on('end', () => resolve({ shown: Buffer.concat(kept), bytes, sha256: hash.digest('hex'), truncated: bytes > keptBytes }))
    req.on('error', reject)
  })
}

async function echo({ req, res, url }: RequestContext): Promise<void> {
  const type = mediaType(req)
  const multipartDone = type.startsWith('multipart/') ? parseMultipart(req) : undefined
  const [body, multipart] = await Promise.all([readStreamed(req), multipartDone])
  const text = decodeUtf8(body.shown, body.truncated)

  let form: Record<string, string | string[]> | null = null
  if (type === 'application/x-www-form-urlencoded' && text !== null && !body.truncated) {
    form = paramsToObject(new URLSearchParams(text))
  }
  let json: unknown = null
  let jsonError: string | undefined
  if ((type === 'application/json' || type.endsWith('+json')) && text !== null && !body.truncated) {
    try {
      json = JSON.parse(text)
    } catch (error) {
      jsonError = error instanceof Error ? error.message : String(error)
    }
  }

  const rawHeaders: Array<[string, string]> = []
  for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!])

  sendJson(res, 200, {
    method: req.method,
    path: url.pathname,
    url: req.url,
    httpVersion: req.httpVersion,
    query: paramsToObject(url.searchParams),
    headers: req.headers,
    rawHeaders,
    cookies: parseCookies(req.headers.cookie),
    body: {
      bytes: body.bytes,
      sha256: body.sha256,
      text,
      base64: text === null ? body.shown.toString('base64') : null,
      truncated: body.truncated
    },
    json,
    jsonError,
    form,
    multipart: multipart ?? null
  })
}

export function echoRoutes(): Route[] {
  return [
    { methods: '*', path: '/echo', summary: 'echoes method, query, headers, cookies, body, form and multipart', handler: echo },
    { methods: '*', path: '/echo/*', handler: echo },
    { methods: '*', path: '/get', summary: 'same as /echo (where /redirect/:n ends)', handler: echo }
  ]
}
