import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, HttpBody, KeyValue } from '../../../shared/http'
import { bodyFromText } from '../bodyFromText'
import {
  asArray,
  asString,
  descriptionText,
  emptyCollection,
  field,
  importVariable,
  itemName,
  type ImportedCollection,
  type ImportedFolder,
  type ImportedItem
} from './importModel'

type Resource = Record<string, unknown>

/**
 * An Insomnia v4 export: the workspace's request groups become folders, requests and WebSocket
 * requests keep their place, the base environment becomes the collection's variables and each
 * sub-environment an environment. `{{ _.name }}` becomes `{{name}}`; template tags (`{% … %}`)
 * and scripts have no counterpart and are reported.
 */
export function importInsomnia(doc: unknown): ImportedCollection {
  if (/^collection\.insomnia\.rest\//.test(asString(field(doc, 'type')))) {
    const out = emptyCollection(asString(field(doc, 'name')) || 'Insomnia collection')
    out.unsupported.push({ item: out.name, what: 'This is an Insomnia v5 (YAML) file, which Parley cannot read yet: export as "Insomnia v4 (JSON)" instead.' })
    return out
  }
  const resources = asArray(field(doc, 'resources')).filter((r): r is Resource => r !== null && typeof r === 'object')
  const workspaces = resources.filter((r) => r['_type'] === 'workspace')
  const workspace = workspaces[0]
  const out = emptyCollection(asString(workspace?.['name']) || 'Insomnia import')
  out.description = descriptionText(workspace?.['description'])
  if (workspaces.length > 1) out.unsupported.push({ item: out.name, what: `The export holds ${workspaces.length} workspaces; they were imported into one collection.` })
  const children = new Map<string, Resource[]>()
  for (const r of resources) {
    const parent = asString(r['parentId'])
    children.set(parent, [...(children.get(parent) ?? []), r])
  }
  const byOrder = (a: Resource, b: Resource): number => Number(a['metaSortKey'] ?? 0) - Number(b['metaSortKey'] ?? 0)
  const roots = workspaces.map((w) => asString(w['_id']))

  const build = (parentId: string, path: string): ImportedItem[] => {
    const items: ImportedItem[] = []
    for (const r of [...(children.get(parentId) ?? [])].sort(byOrder)) {
      const name = itemName(r['name'], 'Untitled')
      const where = path === '' ? name : `${path} / ${name}`
      switch (r['_type']) {
        case 'request_group': {
          const folder: ImportedFolder = { type: 'folder', name, description: descriptionText(r['description']), headers: headers(r['headers']), variables: [], items: build(asString(r['_id']), where) }
          for (const [key, value] of Object.entries((r['environment'] as Record<string, unknown> | undefined) ?? {})) {
            const v = importVariable(key, templates(asString(value, JSON.stringify(value)), where, out.unsupported), { where, unsupported: out.unsupported })
            if (v) folder.variables.push(v)
          }
          const auth = insomniaAuth(r['authentication'], where, out.unsupported)
          if (auth) folder.auth = Object.fromEntries(Object.entries(auth).map(([k, v]) => [k, typeof v === 'string' ? templates(v, where, out.unsupported) : v])) as HttpAuth
          scripts(r, where, out.unsupported)
          items.push(folder)
          break
        }
        case 'request':
          items.push({ type: 'request', request: request(r, name, where, out.unsupported) })
          break
        case 'websocket_request':
          items.push({
            type: 'request',
            request: { kind: 'websocket', name, description: descriptionText(r['description']), url: templates(withQuery(asString(r['url']), r['parameters'], where, out.unsupported), where, out.unsupported), headers: headers(r['headers']) }
          })
          break
        case 'grpc_request':
          out.unsupported.push({ item: where, what: 'gRPC requests are not supported by Parley.' })
          break
        case 'websocket_payload':
        case 'request_group_meta':
        case 'request_meta':
          break
        default:
          break
      }
    }
    return items
  }
  out.items = roots.flatMap((id) => build(id, ''))

  // The base environment (child of the workspace) holds collection variables; its children are the environments.
  const bases = resources.filter((r) => r['_type'] === 'environment' && roots.includes(asString(r['parentId'])))
  for (const base of bases) {
    out.variables.push(...envVariables(base, out.name, out.unsupported))
    for (const sub of (children.get(asString(base['_id'])) ?? []).filter((r) => r['_type'] === 'environment').sort(byOrder)) {
      out.environments.push({ name: itemName(sub['name'], 'Environment'), variables: envVariables(sub, asString(sub['name']), out.unsupported) })
    }
  }
  const other = resources.filter((r) => ['unit_test_suite', 'unit_test', 'proto_file', 'mock_server', 'mock_route'].includes(asString(r['_type'])))
  if (other.length > 0) out.unsupported.push({ item: out.name, what: `${other.length} unit tests, proto files or mocks are not imported.` })
  const cookies = resources.filter((r) => r['_type'] === 'cookie_jar').reduce((n, jar) => n + asArray(jar['cookies']).length, 0)
  if (cookies > 0) out.unsupported.push({ item: out.name, what: `${cookies} saved cookie${cookies === 1 ? ' is' : 's are'} not imported; Parley's cookie jar collects them as you send.` })
  return out
}

function request(r: Resource, name: string, where: string, unsupported: UnsupportedItem[]) {
  const hs = headers(r['headers'])
  const settings: Record<string, unknown> = {}
  if (r['settingFollowRedirects'] === 'on') settings['followRedirects'] = true
  if (r['settingFollowRedirects'] === 'off') settings['followRedirects'] = false
  scripts(r, where, unsupported)
  const tidy = (text: string): string => templates(text, where, unsupported)
  // The body first: it may take the Content-Type header over.
  const body = insomniaBody(r['body'], hs, where, unsupported, tidy)
  const auth = insomniaAuth(r['authentication'], where, unsupported) ?? { type: 'inherit' as const }
  return {
    kind: 'http' as const,
    name,
    description: descriptionText(r['description']),
    method: asString(r['method'], 'GET').toUpperCase() || 'GET',
    url: tidy(withQuery(asString(r['url']), r['parameters'], where, unsupported)),
    headers: hs.map((h) => ({ ...h, name: tidy(h.name), value: tidy(h.value) })),
    body,
    auth: Object.fromEntries(Object.entries(auth).map(([key, value]) => [key, typeof value === 'string' ? tidy(value) : value])) as HttpAuth,
    settings
  }
}

function headers(list: unknown): KeyValue[] {
  return asArray(list)
    .filter((h) => asString(field(h, 'name')) !== '')
    .map((h) => ({ name: asString(field(h, 'name')), value: asString(field(h, 'value')), enabled: field(h, 'disabled') !== true }))
}

/** Insomnia keeps query parameters apart from the URL; Parley keeps them in it. */
function withQuery(url: string, parameters: unknown, where: string, unsupported: UnsupportedItem[]): string {
  const params = asArray(parameters).filter((p) => asString(field(p, 'name')) !== '')
  const enabled = params.filter((p) => field(p, 'disabled') !== true)
  for (const p of params.filter((q) => field(q, 'disabled') === true)) {
    unsupported.push({ item: where, what: `The disabled query parameter "${asString(field(p, 'name'))}" was left out (Parley keeps the query in the URL).` })
  }
  if (enabled.length === 0) return url
  const query = enabled.map((p) => `${encodeURIComponent(asString(field(p, 'name')))}=${encodeURIComponent(asString(field(p, 'value'))).replace(/%7B/g, '{').replace(/%7D/g, '}')}`).join('&')
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

function insomniaBody(body: unknown, hs: KeyValue[], where: string, unsupported: UnsupportedItem[], tidy: (text: string) => string): HttpBody {
  const mimeType = asString(field(body, 'mimeType'))
  const text = tidy(asString(field(body, 'text')))
  const params = asArray(field(body, 'params'))
  const at = hs.findIndex((h) => h.name.toLowerCase() === 'content-type')
  const drop = (): void => {
    if (at >= 0) hs.splice(at, 1)
  }
  if (mimeType === '' && text === '' && params.length === 0) return { type: 'none' }
  if (mimeType === 'multipart/form-data') {
    drop()
    return {
      type: 'multipart',
      parts: params.map((p) =>
        field(p, 'type') === 'file'
          ? { kind: 'file' as const, name: asString(field(p, 'name')), path: asString(field(p, 'fileName')), enabled: field(p, 'disabled') !== true }
          : { kind: 'text' as const, name: asString(field(p, 'name')), value: tidy(asString(field(p, 'value'))), enabled: field(p, 'disabled') !== true }
      )
    }
  }
  if (mimeType === 'application/x-www-form-urlencoded') {
    drop()
    return { type: 'form', fields: params.map((p) => ({ name: asString(field(p, 'name')), value: tidy(asString(field(p, 'value'))), enabled: field(p, 'disabled') !== true })) }
  }
  if (mimeType === 'application/graphql') {
    drop()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = { query: text }
    }
    const variables = field(parsed, 'variables')
    return { type: 'graphql', query: asString(field(parsed, 'query')), variables: variables === undefined ? '' : JSON.stringify(variables, null, 2), ...(field(parsed, 'operationName') ? { operationName: asString(field(parsed, 'operationName')) } : {}) }
  }
  const fileName = asString(field(body, 'fileName'))
  if (fileName !== '' || mimeType === 'application/octet-stream') {
    if (fileName === '') unsupported.push({ item: where, what: 'The body file was not chosen in Insomnia; choose it in Parley.' })
    const contentType = at >= 0 ? hs[at]?.value : undefined
    drop()
    return { type: 'binary', path: fileName, ...(contentType ? { contentType } : {}) }
  }
  const headerType = at >= 0 ? hs[at]?.value : undefined
  const mapped = bodyFromText(text, headerType ?? (mimeType || undefined))
  if (mapped.headerEdit === 'drop') drop()
  return mapped.body
}

/** Insomnia auth; undefined means inherit (an empty object, or no auth at all). */
function insomniaAuth(auth: unknown, where: string, unsupported: UnsupportedItem[]): HttpAuth | undefined {
  const type = asString(field(auth, 'type'))
  const p = (key: string): string => asString(field(auth, key))
  if (type === '' || type === 'inherit') return undefined
  if (field(auth, 'disabled') === true || type === 'none') return { type: 'none' }
  switch (type) {
    case 'basic':
      return { type: 'basic', username: p('username'), password: p('password') }
    case 'digest':
      return { type: 'digest', username: p('username'), password: p('password') }
    case 'bearer':
      return { type: 'bearer', token: p('token'), prefix: field(auth, 'prefix') === undefined ? 'Bearer' : p('prefix') || 'Bearer' }
    case 'apikey':
      return { type: 'apikey', key: p('key'), value: p('value'), in: p('addTo') === 'queryParams' ? 'query' : 'header' }
    case 'iam':
      return { type: 'awsv4', accessKeyId: p('accessKeyId'), secretAccessKey: p('secretAccessKey'), region: p('region'), service: p('service'), ...(p('sessionToken') ? { sessionToken: p('sessionToken') } : {}) }
    case 'oauth2': {
      const grant = p('grantType')
      if (grant === 'client_credentials' || grant === 'password') {
        return {
          type: 'oauth2',
          grant,
          tokenUrl: p('accessTokenUrl'),
          clientId: p('clientId'),
          clientSecret: p('clientSecret'),
          ...(p('username') ? { username: p('username') } : {}),
          ...(p('password') ? { password: p('password') } : {}),
          ...(p('scope') ? { scope: p('scope') } : {}),
          ...(p('audience') ? { audience: p('audience') } : {}),
          clientAuth: field(auth, 'credentialsInBody') === true ? 'body' : 'basic'
        }
      }
      unsupported.push({ item: where, what: `OAuth 2.0 with the ${grant} grant needs a browser sign-in, which Parley does not do yet; the request has no auth.` })
      return { type: 'none' }
    }
    default:
      unsupported.push({ item: where, what: `${type} auth is not supported by Parley; the request was imported without auth.` })
      return { type: 'none' }
  }
}

function envVariables(env: Resource, where: string, unsupported: UnsupportedItem[]) {
  const data = (env['data'] as Record<string, unknown> | undefined) ?? {}
  const out = []
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && typeof value === 'object') {
      unsupported.push({ item: where, what: `The nested variable "${key}" was kept as JSON text (Parley variables are flat).` })
    }
    const v = importVariable(key, typeof value === 'string' ? templates(value, where, unsupported) : value, { where, unsupported })
    if (v) out.push(v)
  }
  return out
}

/** `{{ _.token }}` and `{{ token }}` become `{{token}}`; template tags stay as text and are reported. */
function templates(text: string, where: string, unsupported: UnsupportedItem[]): string {
  if (/\{%/.test(text)) unsupported.push({ item: where, what: `A template tag (${/\{%\s*\w+/.exec(text)?.[0] ?? '{%'} … %}) has no Parley counterpart; it was kept as text.` })
  return text.replace(/\{\{\s*(?:_\.)?([A-Za-z0-9_.-]+)\s*\}\}/g, '{{$1}}')
}

function scripts(r: Resource, where: string, unsupported: UnsupportedItem[]): void {
  for (const key of ['preRequestScript', 'afterResponseScript']) {
    const text = asString(r[key]).trim()
    if (text !== '') unsupported.push({ item: where, what: `A ${key === 'preRequestScript' ? 'pre-request' : 'after-response'} script; Parley does not run scripts.` })
  }
}
