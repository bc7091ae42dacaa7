import type { HttpBody, HttpRequest, HttpResponse, KeyValue } from '../../shared/http'
import { HttpRequestSchema } from '../../shared/http'
import { ParleyError } from '../../shared/errors'

/**
 * Parley's request and response in the shapes Postman scripts expect (`pm.request`, `pm.response`,
 * `pm.sendRequest`), and a script's edits back into Parley's request.
 */

export interface ScriptHeader {
  key: string
  value: string
  disabled?: boolean
}

export interface ScriptBody {
  mode: string
  raw?: string
  urlencoded?: ScriptHeader[]
  graphql?: { query: string; variables: string }
}

export interface ScriptRequestData {
  method: string
  url: string
  headers: ScriptHeader[]
  body: ScriptBody
}

export interface ScriptResponseData {
  code: number
  status: string
  headers: [string, string][]
  body: string
  responseTime: number
  responseSize: number
}

export function toScriptRequest(request: HttpRequest): ScriptRequestData {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers.map((h) => ({ key: h.name, value: h.value, ...(h.enabled ? {} : { disabled: true }) })),
    body: toScriptBody(request.body)
  }
}

function toScriptBody(body: HttpBody): ScriptBody {
  switch (body.type) {
    case 'json':
    case 'text':
    case 'xml':
      return { mode: 'raw', raw: body.text }
    case 'form':
      return { mode: 'urlencoded', urlencoded: body.fields.map((f) => ({ key: f.name, value: f.value, ...(f.enabled ? {} : { disabled: true }) })) }
    case 'graphql':
      return { mode: 'graphql', graphql: { query: body.query, variables: body.variables } }
    case 'multipart':
      return { mode: 'formdata' }
    case 'binary':
      return { mode: 'file' }
    case 'none':
      return { mode: 'none' }
  }
}

const toKeyValues = (headers: unknown): KeyValue[] =>
  Array.isArray(headers)
    ? headers
        .filter((h): h is ScriptHeader => typeof h === 'object' && h !== null && typeof (h as ScriptHeader).key === 'string')
        .map((h) => ({ name: h.key, value: String(h.value ?? ''), enabled: !h.disabled }))
    : []

/** The request after a pre-request script: its method, URL, headers and body as the script left them. */
export function applyScriptRequest(request: HttpRequest, edited: unknown): HttpRequest {
  if (typeof edited !== 'object' || edited === null) return request
  const data = edited as Partial<ScriptRequestData>
  const method = typeof data.method === 'string' && data.method.trim() ? data.method.trim().toUpperCase() : request.method
  return HttpRequestSchema.parse({
    ...request,
    method,
    url: typeof data.url === 'string' ? data.url : request.url,
    headers: toKeyValues(data.headers),
    body: data.body ? fromScriptBody(request.body, data.body) : request.body
  })
}

function fromScriptBody(original: HttpBody, body: ScriptBody): HttpBody {
  if (body.mode === 'raw') {
    const text = String(body.raw ?? '')
    if (original.type === 'json' || original.type === 'xml') return { ...original, text }
    if (original.type === 'text') return { ...original, text }
    return looksLikeJson(text) ? { type: 'json', text } : { type: 'text', text }
  }
  if (body.mode === 'urlencoded') return { type: 'form', fields: toKeyValues(body.urlencoded) }
  if (body.mode === 'graphql' && body.graphql) {
    return { type: 'graphql', query: String(body.graphql.query ?? ''), variables: String(body.graphql.variables ?? '') }
  }
  if (body.mode === 'none') return { type: 'none' }
  return original
}

const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text)

/** A `pm.sendRequest` argument (a URL, or Postman's request object) as a Parley request. */
export function fromPostmanRequest(asked: unknown): HttpRequest {
  if (typeof asked === 'string') return HttpRequestSchema.parse({ method: 'GET', url: asked })
  if (typeof asked !== 'object' || asked === null) {
    throw new ParleyError('invalid_request', 'pm.sendRequest needs a URL or a request object.', 'Pass a URL, or { url, method, header, body }.')
  }
  const r = asked as { url?: unknown; method?: unknown; header?: unknown; headers?: unknown; body?: unknown }
  const url =
    typeof r.url === 'string'
      ? r.url
      : typeof r.url === 'object' && r.url !== null && typeof (r.url as { raw?: unknown }).raw === 'string'
        ? (r.url as { raw: string }).raw
        : ''
  if (!url) throw new ParleyError('invalid_request', 'pm.sendRequest was given no URL.', 'Pass { url: "https://…" }.')
  const rawHeaders = r.header ?? r.headers
  const headers: KeyValue[] = Array.isArray(rawHeaders)
    ? toKeyValues(rawHeaders.map((h: unknown) => (typeof h === 'string' ? splitHeader(h) : h)))
    : typeof rawHeaders === 'object' && rawHeaders !== null
      ? Object.entries(rawHeaders).map(([name, value]) => ({ name, value: String(value), enabled: true }))
      : []
  const body = r.body as ScriptBody | undefined
  const method = typeof r.method === 'string' && r.method ? r.method.toUpperCase() : 'GET'
  return HttpRequestSchema.parse({
    method,
    url,
    headers,
    body: body && typeof body === 'object' ? fromScriptBody({ type: 'none' }, { ...body, mode: String(body.mode ?? 'raw') }) : { type: 'none' },
    // A script's request must end: Parley's engine has no limit by default.
    settings: { timeoutMs: 30_000 }
  })
}

function splitHeader(line: string): ScriptHeader {
  const colon = line.indexOf(':')
  return { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }
}

export function toScriptResponse(response: HttpResponse, body: string): ScriptResponseData {
  return {
    code: response.status,
    status: response.statusText,
    headers: response.headers,
    body,
    responseTime: Math.round(response.durationMs),
    responseSize: response.sizes.bodyDecoded
  }
}
