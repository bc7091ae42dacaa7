import { SavedRequestSchema, type RequestScripts, type SavedRequestInput } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpBody, HttpRequestInput, KeyValue, MultipartPart } from '../../../shared/http'
import { bodyFromText } from '../bodyFromText'
import {
  asArray,
  asString,
  carriedExtras,
  descriptionText,
  emptyCollection,
  field,
  importVariable,
  itemName,
  type ImportedCollection,
  type ImportedFolder,
  type ImportedItem,
  junkItem,
  maxImportDepth,
  tooDeep
} from './importModel'
import { postmanCollectionOf } from './detectFormat'
import { postmanAuth } from './postmanAuth'
import { examplesFromPostman } from '../../compare/postmanExamples'

const languageTypes: Record<string, string> = { text: 'text/plain', html: 'text/html', javascript: 'application/javascript' }

/**
 * A Postman collection (v2.0 or v2.1): folders, requests, variables, auth, bodies, descriptions.
 * Request scripts are kept with the request, saved responses as examples beside it; folder scripts and settings
 * Parley lacks are listed as unsupported.
 */
export function importPostmanCollection(file: unknown): ImportedCollection {
  const doc = postmanCollectionOf(file)
  const info = field(doc, 'info')
  const out = emptyCollection(asString(field(info, 'name')) || 'Postman collection')
  const where = out.name
  out.description = descriptionText(field(info, 'description'))
  out.auth = postmanAuth(field(doc, 'auth'), where, out.unsupported) ?? { type: 'none' }
  for (const variable of asArray(field(doc, 'variable'))) {
    const v = importVariable(field(variable, 'key') ?? field(variable, 'id'), field(variable, 'value'), {
      enabled: field(variable, 'disabled') !== true,
      secret: field(variable, 'type') === 'secret' || field(field(variable, '_parley'), 'secret') === true,
      where,
      unsupported: out.unsupported
    })
    if (v) out.variables.push(v)
  }
  const collectionScripts = requestScripts(doc, where, out.unsupported).scripts
  if (collectionScripts) out.scripts = collectionScripts
  out.headers = carriedHeaders(doc)
  out.items = items(field(doc, 'item'), '', out.unsupported, 0, out.headers)
  return out
}

function items(list: unknown, path: string, unsupported: UnsupportedItem[], depth: number, inherited: KeyValue[]): ImportedItem[] {
  if (depth > maxImportDepth) throw tooDeep(path)
  const out: ImportedItem[] = []
  for (const [index, item] of asArray(list).entries()) {
    const name = itemName(field(item, 'name'), 'Untitled')
    const where = path === '' ? name : `${path} / ${name}`
    if (!isPostmanItem(item)) {
      unsupported.push({
        item: `${path === '' ? '' : `${path} / `}item ${index + 1}${field(item, 'name') === undefined ? '' : ` (${name})`}`,
        what: junkItem(item)
      })
      continue
    }
    if (Array.isArray(field(item, 'item'))) {
      const folder: ImportedFolder = {
        type: 'folder',
        name,
        description: descriptionText(field(item, 'description')),
        headers: carriedHeaders(item),
        variables: [],
        items: items(field(item, 'item'), where, unsupported, depth + 1, [...inherited, ...carriedHeaders(item)]),
        // Folder scripts run around every request inside, outer to inner, as in Postman.
        ...requestScripts(item, where, unsupported)
      }
      const auth = postmanAuth(field(item, 'auth'), where, unsupported)
      if (auth) folder.auth = auth
      for (const variable of asArray(field(item, 'variable'))) {
        const v = importVariable(field(variable, 'key'), field(variable, 'value'), {
          enabled: field(variable, 'disabled') !== true,
          secret: field(variable, 'type') === 'secret' || field(field(variable, '_parley'), 'secret') === true,
          where,
          unsupported
        })
        if (v) folder.variables.push(v)
      }
      out.push(folder)
      continue
    }
    const request = field(item, 'request')
    const { examples, skipped } = examplesFromPostman(field(item, 'response'))
    if (skipped > 0) unsupported.push({ item: where, what: `${skipped} saved example response${skipped === 1 ? '' : 's'} without a status code.` })
    const parley = parleyRequest(item, name, where, unsupported)
    if (parley) {
      out.push({ type: 'request', request: parley })
      continue
    }
    out.push({
      type: 'request',
      request: {
        kind: 'http',
        name,
        description: descriptionText(field(item, 'description') ?? field(request, 'description')),
        ...requestScripts(item, where, unsupported),
        ...postmanRequest(request, item, where, unsupported, inherited),
        ...carriedExtras(field(item, '_parley'))
      },
      ...(examples.length > 0 ? { examples } : {})
    })
  }
  return out
}

/**
 * Parley's own Postman export writes WebSocket, Socket.IO and SSE requests, which Postman files
 * cannot hold, as GET items carrying the Parley request under `_parley`: read them back whole.
 */
function parleyRequest(item: unknown, name: string, where: string, unsupported: UnsupportedItem[]): SavedRequestInput | undefined {
  const carried = field(item, '_parley')
  const kind = field(carried, 'kind')
  if (kind !== 'websocket' && kind !== 'socketio' && kind !== 'sse') return undefined
  const description = descriptionText(field(item, 'description') ?? field(field(item, 'request'), 'description'))
  const base = kind === 'sse' ? postmanRequest(field(item, 'request'), item, where, []) : undefined
  const body = base?.body?.type === 'text' ? base.body.text : ''
  const candidate =
    kind === 'sse'
      ? { kind, name, description, method: base?.method, url: base?.url, body, ...(carried as object) }
      : { ...(carried as object), kind, name, description }
  const parsed = SavedRequestSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  unsupported.push({
    item: where,
    what: `The ${kind} request Parley wrote into this file could not be read back (${parsed.error.issues[0]?.message ?? 'invalid'}); it was imported as HTTP.`
  })
  return undefined
}

/** Folder and collection headers Parley's own export carries (Postman has none): see exportPostman. */
function carriedHeaders(owner: unknown): KeyValue[] {
  return asArray(field(field(owner, '_parley'), 'headers')).flatMap((h) =>
    typeof field(h, 'name') === 'string'
      ? [
          {
            name: asString(field(h, 'name')),
            value: asString(field(h, 'value')),
            enabled: field(h, 'enabled') !== false,
            ...(asString(field(h, 'description')) ? { description: asString(field(h, 'description')) } : {})
          }
        ]
      : []
  )
}

/** A request's headers without the copies of its folders' headers that the export put first. */
function withoutCopies(headers: KeyValue[], inherited: KeyValue[]): KeyValue[] {
  if (inherited.length === 0 || headers.length < inherited.length) return headers
  const same = inherited.every((h, i) => headers[i]?.name === h.name && headers[i]?.value === h.value && headers[i]?.enabled === h.enabled)
  return same ? headers.slice(inherited.length) : headers
}

/** A folder (`item` list) or a request (a URL string or an object, even an empty one Postman opens as a blank request). */
function isPostmanItem(item: unknown): boolean {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false
  if (Array.isArray(field(item, 'item'))) return true
  const request = field(item, 'request')
  if (typeof request === 'string') return true
  return request !== null && typeof request === 'object' && !Array.isArray(request)
}

function postmanRequest(request: unknown, item: unknown, where: string, unsupported: UnsupportedItem[], inherited: KeyValue[] = []): HttpRequestInput {
  // A request may be just its URL.
  if (typeof request === 'string') return { method: 'GET', url: request }
  const headers: KeyValue[] = withoutCopies(headerList(field(request, 'header')), inherited)
  const body = postmanBody(field(request, 'body'), headers, where, unsupported)
  const auth = postmanAuth(field(request, 'auth'), where, unsupported) ?? { type: 'inherit' as const }
  const settings: Record<string, unknown> = {}
  const behavior = field(item, 'protocolProfileBehavior')
  if (behavior && typeof behavior === 'object') {
    for (const [key, value] of Object.entries(behavior)) {
      if (key === 'followRedirects' && typeof value === 'boolean') settings['followRedirects'] = value
      else if (key === 'strictSSL' && typeof value === 'boolean') settings['verifyTls'] = value
      else if (key === 'maxRedirects' && typeof value === 'number') settings['maxRedirects'] = Math.min(100, Math.max(0, Math.floor(value)))
      else if (key !== 'disableBodyPruning') unsupported.push({ item: where, what: `The setting ${key} is not supported by Parley.` })
    }
  }
  return {
    method: asString(field(request, 'method'), 'GET').toUpperCase() || 'GET',
    url: postmanUrl(field(request, 'url'), where, unsupported),
    headers,
    body,
    auth,
    settings
  }
}

function headerList(value: unknown): KeyValue[] {
  // v2.0 allows headers as one "Name: value\n" string.
  if (typeof value === 'string') {
    return value
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes(':'))
      .map((line) => ({ name: line.slice(0, line.indexOf(':')).trim(), value: line.slice(line.indexOf(':') + 1).trim(), enabled: true }))
  }
  return asArray(value).map((h) => ({
    name: asString(field(h, 'key')),
    value: asString(field(h, 'value')),
    enabled: field(h, 'disabled') !== true,
    ...(descriptionText(field(h, 'description')) ? { description: descriptionText(field(h, 'description')) } : {})
  }))
}

/**
 * The URL as Postman shows it (`raw`). Path variables (`:id`) take their saved value, or become
 * `{{id}}`; disabled query parameters have no place in a URL, so they are reported.
 */
function postmanUrl(url: unknown, where: string, unsupported: UnsupportedItem[]): string {
  if (typeof url === 'string') return url
  let raw = asString(field(url, 'raw'))
  if (raw === '') {
    const host = asArray(field(url, 'host'))
      .map((p) => asString(p))
      .join('.')
    const path = asArray(field(url, 'path'))
      .map((p) => asString(typeof p === 'object' ? field(p, 'value') : p))
      .join('/')
    const protocol = asString(field(url, 'protocol'))
    const port = asString(field(url, 'port'))
    const query = asArray(field(url, 'query')).filter((q) => field(q, 'disabled') !== true)
    raw = `${protocol ? `${protocol}://` : ''}${host}${port ? `:${port}` : ''}${path ? `/${path}` : ''}`
    if (query.length > 0) raw += `?${query.map((q) => `${asString(field(q, 'key'))}=${asString(field(q, 'value'))}`).join('&')}`
  }
  for (const q of asArray(field(url, 'query'))) {
    if (field(q, 'disabled') === true) {
      unsupported.push({ item: where, what: `The disabled query parameter "${asString(field(q, 'key'))}" was left out (Parley keeps the query in the URL).` })
    }
  }
  for (const variable of asArray(field(url, 'variable'))) {
    const key = asString(field(variable, 'key') ?? field(variable, 'id'))
    if (key === '') continue
    const value = asString(field(variable, 'value'))
    raw = raw.replace(new RegExp(`/:${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|\\?|#|$)`, 'g'), `/${value === '' ? `{{${key}}}` : value}`)
  }
  return raw
}

function postmanBody(body: unknown, headers: KeyValue[], where: string, unsupported: UnsupportedItem[]): HttpBody {
  if (!body || field(body, 'disabled') === true) return { type: 'none' }
  const mode = asString(field(body, 'mode'))
  switch (mode) {
    case 'raw': {
      const text = asString(field(body, 'raw'))
      const language = asString(field(field(field(body, 'options'), 'raw'), 'language'))
      const at = headers.findIndex((h) => h.enabled && h.name.toLowerCase() === 'content-type')
      const headerType = at >= 0 ? headers[at]?.value : undefined
      if (headerType === undefined && language === 'json') return { type: 'json', text }
      if (headerType === undefined && language === 'xml') return { type: 'xml', text }
      const mapped = bodyFromText(text, headerType ?? languageTypes[language] ?? (text === '' ? undefined : 'text/plain'))
      if (mapped.headerEdit === 'drop' && at >= 0) headers.splice(at, 1)
      return mapped.body
    }
    case 'urlencoded':
      return {
        type: 'form',
        fields: asArray(field(body, 'urlencoded')).map((f) => ({
          name: asString(field(f, 'key')),
          value: asString(field(f, 'value')),
          enabled: field(f, 'disabled') !== true
        }))
      }
    case 'formdata': {
      const parts: MultipartPart[] = []
      for (const f of asArray(field(body, 'formdata'))) {
        const name = asString(field(f, 'key'))
        const enabled = field(f, 'disabled') !== true
        const contentType = asString(field(f, 'contentType'))
        const typed = contentType ? { contentType } : {}
        if (field(f, 'type') !== 'file') {
          parts.push({ kind: 'text', name, value: asString(field(f, 'value')), enabled, ...typed })
          continue
        }
        const sources = Array.isArray(field(f, 'src')) ? asArray(field(f, 'src')).map((s) => asString(s)) : [asString(field(f, 'src'))]
        for (const path of sources) {
          if (path === '') unsupported.push({ item: where, what: `The file of the form part "${name}" was not chosen in Postman; choose it in Parley.` })
          parts.push({ kind: 'file', name, path, enabled, ...typed })
        }
      }
      return { type: 'multipart', parts }
    }
    case 'file': {
      const path = asString(field(field(body, 'file'), 'src'))
      if (path === '') unsupported.push({ item: where, what: 'The body file was not chosen in Postman; choose it in Parley.' })
      // The body carries its type, as Parley's binary bodies do.
      const at = headers.findIndex((h) => h.enabled && h.name.toLowerCase() === 'content-type')
      const contentType = at >= 0 ? headers[at]?.value : undefined
      if (at >= 0) headers.splice(at, 1)
      return { type: 'binary', path, ...(contentType ? { contentType } : {}) }
    }
    case 'graphql': {
      const graphql = field(body, 'graphql')
      return { type: 'graphql', query: asString(field(graphql, 'query')), variables: asString(field(graphql, 'variables')) }
    }
    case '':
      return { type: 'none' }
    default:
      unsupported.push({ item: where, what: `The ${mode} body is not supported by Parley; the request was imported without a body.` })
      return { type: 'none' }
  }
}

/** A request's pre-request and test scripts, kept as text with it. */
function requestScripts(owner: unknown, where: string, unsupported: UnsupportedItem[]): { scripts?: RequestScripts } {
  const scripts = { pre: '', post: '' }
  for (const event of asArray(field(owner, 'event'))) {
    const text = scriptText(event)
    if (text.trim() === '') continue
    const listen = asString(field(event, 'listen'))
    if (field(event, 'disabled') === true) {
      unsupported.push({ item: where, what: `A disabled ${listen === 'test' ? 'test' : listen} script was left out (Parley keeps the scripts that run).` })
      continue
    }
    if (listen === 'prerequest') scripts.pre = scripts.pre === '' ? text : `${scripts.pre}\n${text}`
    else if (listen === 'test') scripts.post = scripts.post === '' ? text : `${scripts.post}\n${text}`
    else unsupported.push({ item: where, what: `A ${listen} script has no place in Parley; it was left out.` })
  }
  if (scripts.pre === '' && scripts.post === '') return {}
  return { scripts: { ...(scripts.pre === '' ? {} : { pre: scripts.pre }), ...(scripts.post === '' ? {} : { post: scripts.post }) } }
}

function scriptText(event: unknown): string {
  const exec = field(field(event, 'script'), 'exec')
  return Array.isArray(exec) ? exec.map((l) => asString(l)).join('\n') : asString(exec)
}
