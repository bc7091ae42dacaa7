import { z } from 'zod'
import { SavedRequestSchema, VariableSchema, type RequestScripts, type Variable, type VariableInput } from '../../../shared/collection'
import { ScriptsSchema } from '../../../shared/scripts'
import type { UnsupportedItem } from '../../../shared/convert'
import { HttpAuthSchema, HttpSettingsSchema, KeyValueSchema, type HttpAuth, type HttpBody, type KeyValue } from '../../../shared/http'
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
import { headers, insomniaAuth, templates, withQuery } from './insomniaParts'
import { insomniaV5Resources } from './insomniaV5'
import { realtimeRequest } from './insomniaRealtime'

type Resource = Record<string, unknown>

/** Resource types that hold a place in the request tree. */
const treeTypes = new Set(['request_group', 'request', 'websocket_request', 'socketio_request', 'socket_io_request', 'grpc_request', 'mcp_request'])
/** Tests, specs and mocks: counted together in one note. */
const otherTypes = new Set(['unit_test_suite', 'unit_test', 'proto_file', 'proto_directory', 'mock_server', 'mock_route', 'api_spec'])
/** Resource types read elsewhere, or that only hold UI state. */
const quietTypes = new Set([
  'websocket_payload',
  'request_group_meta',
  'request_meta',
  'grpc_request_meta',
  'websocket_request_meta',
  'environment',
  'cookie_jar',
  'workspace',
  'workspace_meta'
])

/**
 * An Insomnia v4 export: the workspace's request groups become folders, requests and WebSocket
 * requests keep their place, the base environment becomes the collection's variables and each
 * sub-environment an environment. `{{ _.name }}` becomes `{{name}}`; template tags (`{% … %}`)
 * have no counterpart and are reported. An Insomnia v5 (YAML) export is read into the same resources
 * first, as Insomnia itself does.
 */
export function importInsomnia(doc: unknown): ImportedCollection {
  const v5 = /^(collection|spec|environment)\.insomnia\.rest\//.test(asString(field(doc, 'type')))
  const unsupported: UnsupportedItem[] = []
  const list = v5 ? insomniaV5Resources(doc, unsupported) : asArray(field(doc, 'resources'))
  const resources: Resource[] = []
  list.forEach((r, index) => {
    if (r !== null && typeof r === 'object' && !Array.isArray(r)) resources.push(r as Resource)
    else unsupported.push({ item: `resource ${index + 1}`, what: junkItem(r) })
  })
  const workspaces = resources.filter((r) => r['_type'] === 'workspace')
  const workspace = workspaces[0]
  const out = emptyCollection(asString(workspace?.['name']) || 'Insomnia import')
  out.unsupported.push(...unsupported)
  out.description = descriptionText(workspace?.['description'])
  // Collection headers and auth, which Insomnia has no place for, carried by Parley's own export.
  const carriedRoot = z
    .object({ headers: z.array(KeyValueSchema).default([]), auth: HttpAuthSchema.optional(), scripts: ScriptsSchema.optional() })
    .safeParse(field(workspace, '_parley'))
  if (carriedRoot.success) {
    out.headers = carriedRoot.data.headers
    if (carriedRoot.data.auth) out.auth = carriedRoot.data.auth
    if (carriedRoot.data.scripts) out.scripts = carriedRoot.data.scripts
  }
  if (workspaces.length > 1)
    out.unsupported.push({ item: out.name, what: `The export holds ${workspaces.length} workspaces; they were imported into one collection.` })
  const children = new Map<string, Resource[]>()
  const ids = new Set(resources.map((r) => asString(r['_id'])))
  for (const r of resources) {
    const parent = asString(r['parentId'])
    const siblings = children.get(parent)
    if (siblings) siblings.push(r)
    else children.set(parent, [r])
  }
  const byOrder = (a: Resource, b: Resource): number => Number(a['metaSortKey'] ?? 0) - Number(b['metaSortKey'] ?? 0)
  const roots = workspaces.map((w) => asString(w['_id']))
  const placed = new Set<Resource>()

  const one = (r: Resource, path: string, depth: number): ImportedItem | undefined => {
    placed.add(r)
    const name = itemName(r['name'], 'Untitled')
    const where = path === '' ? name : `${path} / ${name}`
    switch (r['_type']) {
      case 'request_group': {
        const folderHeaders = headers(r['headers']).map((h) => ({
          ...h,
          name: templates(h.name, where, out.unsupported),
          value: templates(h.value, where, out.unsupported)
        }))
        const folder: ImportedFolder = {
          type: 'folder',
          name,
          description: descriptionText(r['description']),
          headers: folderHeaders,
          variables: [],
          items: build(asString(r['_id']), where, depth + 1)
        }
        const environment = Object.entries((r['environment'] as Record<string, unknown> | undefined) ?? {})
        folder.variables.push(
          ...(carriedVariables(r) ??
            environment.flatMap(
              ([key, value]) =>
                importVariable(key, templates(asString(value, JSON.stringify(value)), where, out.unsupported), { where, unsupported: out.unsupported }) ?? []
            ))
        )
        const auth = insomniaAuth(r['authentication'], where, out.unsupported)
        if (auth)
          folder.auth = Object.fromEntries(
            Object.entries(auth).map(([k, v]) => [k, typeof v === 'string' ? templates(v, where, out.unsupported) : v])
          ) as HttpAuth
        const folderScripts = requestScripts(r).scripts
        if (folderScripts) folder.scripts = folderScripts
        return folder
      }
      case 'request': {
        const http = request(r, name, where, out.unsupported)
        // Parley's own Insomnia export marks SSE requests, which Insomnia keeps as HTTP ones.
        if (field(r['_parley'], 'kind') !== 'sse') return { type: 'request', request: http }
        const body = http.body.type === 'text' || http.body.type === 'json' || http.body.type === 'xml' ? http.body.text : ''
        const carried = SavedRequestSchema.safeParse({
          kind: 'sse',
          name,
          url: http.url,
          headers: field(r['_parley'], 'headers'),
          steps: field(r['_parley'], 'steps'),
          scripts: field(r['_parley'], 'scripts'),
          descriptions: field(r['_parley'], 'descriptions')
        })
        const sse = {
          kind: 'sse' as const,
          name,
          description: http.description,
          method: http.method,
          url: http.url,
          headers: carried.success && carried.data.kind === 'sse' ? carried.data.headers : http.headers,
          body,
          withLastEventId: field(r['_parley'], 'withLastEventId') !== false,
          ...(carried.success && carried.data.kind === 'sse' && carried.data.steps ? { steps: carried.data.steps } : {}),
          ...(carried.success && carried.data.kind === 'sse' && carried.data.scripts ? { scripts: carried.data.scripts } : {}),
          ...(http.descriptions ? { descriptions: http.descriptions } : {})
        }
        return { type: 'request', request: sse }
      }
      case 'websocket_request':
      case 'socketio_request':
      case 'socket_io_request': {
        const realtime = realtimeRequest(r, name, where, out.unsupported)
        // Parley's own export carries what Insomnia has no field for (emits, subprotocols…).
        const carried =
          field(r['_parley'], 'kind') === realtime.kind
            ? SavedRequestSchema.safeParse({ ...(r['_parley'] as object), name, description: realtime.description })
            : undefined
        return { type: 'request', request: carried?.success ? carried.data : realtime }
      }
      case 'grpc_request':
        out.unsupported.push({ item: where, what: 'gRPC requests are not supported by Parley; it was skipped.' })
        return undefined
      case 'mcp_request':
        out.unsupported.push({ item: where, what: 'MCP requests are not supported by Parley; it was skipped.' })
        return undefined
      default:
        return undefined
    }
  }
  const build = (parentId: string, path: string, depth: number): ImportedItem[] => {
    if (depth > maxImportDepth) throw tooDeep(path)
    const items: ImportedItem[] = []
    for (const r of [...(children.get(parentId) ?? [])].sort(byOrder)) {
      if (placed.has(r) || !treeTypes.has(asString(r['_type']))) continue
      const item = one(r, path, depth)
      if (item) items.push(item)
    }
    return items
  }
  out.items = roots.flatMap((id) => build(id, '', 0))

  // Requests and folders whose parent is missing, or whose parents form a loop, go to the top level:
  // first those whose parent is missing (their own children come along), then what the loops hold.
  const stray = resources.filter((r) => !placed.has(r) && treeTypes.has(asString(r['_type'])))
  const missingParent = (r: Resource): boolean => !ids.has(asString(r['parentId']))
  for (const r of [...stray.filter(missingParent), ...stray.filter((r) => !missingParent(r))]) {
    if (placed.has(r)) continue
    const name = itemName(r['name'], 'Untitled')
    const item = one(r, '', 0)
    if (!item) continue
    out.items.push(item)
    const parent = asString(r['parentId'])
    out.unsupported.push({
      item: name,
      what: missingParent(r)
        ? `Its parent (${parent || 'none'}) is not in the file; it was imported at the top level.`
        : `Its parent (${parent}) is part of a loop of folders that are each other's parents; it was imported at the top level.`
    })
  }

  // The base environment (child of the workspace) holds collection variables; its children are the environments.
  const bases = resources.filter((r) => r['_type'] === 'environment' && roots.includes(asString(r['parentId'])))
  const usedEnvironments = new Set<Resource>(bases)
  for (const base of bases) {
    out.variables.push(...envVariables(base, out.name, out.unsupported))
    for (const sub of (children.get(asString(base['_id'])) ?? []).filter((r) => r['_type'] === 'environment').sort(byOrder)) {
      usedEnvironments.add(sub)
      out.environments.push({ name: itemName(sub['name'], 'Environment'), variables: envVariables(sub, asString(sub['name']), out.unsupported) })
    }
  }
  // Environments under a folder, or whose parent is missing, still come in, with a note.
  for (const env of resources.filter((r) => r['_type'] === 'environment' && !usedEnvironments.has(r))) {
    const name = itemName(env['name'], 'Environment')
    out.environments.push({ name, variables: envVariables(env, name, out.unsupported) })
    out.unsupported.push({
      item: name,
      what: `This environment is not under the workspace's base environment (its parent is ${asString(env['parentId']) || 'none'}); it was imported as an environment of the collection.`
    })
  }
  for (const r of resources) {
    const type = asString(r['_type'])
    if (treeTypes.has(type) || quietTypes.has(type) || otherTypes.has(type)) continue
    out.unsupported.push({
      item: itemName(r['name'], asString(r['_id']) || 'Unnamed'),
      what: `An Insomnia ${type || 'untyped'} resource has no Parley counterpart; it was skipped.`
    })
  }
  const other = resources.filter((r) => otherTypes.has(asString(r['_type'])))
  if (other.length > 0) out.unsupported.push({ item: out.name, what: `${other.length} unit tests, proto files, API specs or mocks are not imported.` })
  const cookies = resources.filter((r) => r['_type'] === 'cookie_jar').reduce((n, jar) => n + asArray(jar['cookies']).length, 0)
  if (cookies > 0)
    out.unsupported.push({
      item: out.name,
      what: `${cookies} saved cookie${cookies === 1 ? ' is' : 's are'} not imported; Parley's cookie jar collects them as you send.`
    })
  return out
}

function request(r: Resource, name: string, where: string, unsupported: UnsupportedItem[]) {
  const hs = headers(r['headers'])
  const settings: Record<string, unknown> = {}
  if (r['settingFollowRedirects'] === 'on') settings['followRedirects'] = true
  if (r['settingFollowRedirects'] === 'off') settings['followRedirects'] = false
  // Settings Insomnia has no field for, carried by Parley's own export.
  const carried = HttpSettingsSchema.safeParse(field(r['_parley'], 'settings'))
  if (carried.success && field(r['_parley'], 'settings') !== undefined) Object.assign(settings, carried.data)
  const tidy = (text: string): string => templates(text, where, unsupported)
  // The body first: it may take the Content-Type header over.
  const body = insomniaBody(r['body'], hs, where, unsupported, tidy)
  const auth = insomniaAuth(r['authentication'], where, unsupported) ?? { type: 'inherit' as const }
  return {
    kind: 'http' as const,
    name,
    description: descriptionText(r['description']),
    ...requestScripts(r),
    method: asString(r['method'], 'GET').toUpperCase() || 'GET',
    url: tidy(withQuery(asString(r['url']), r['parameters'], where, unsupported)),
    headers: hs.map((h) => ({ ...h, name: tidy(h.name), value: tidy(h.value) })),
    body,
    auth: Object.fromEntries(Object.entries(auth).map(([key, value]) => [key, typeof value === 'string' ? tidy(value) : value])) as HttpAuth,
    settings,
    ...carriedExtras(r['_parley'])
  }
}

function partType(param: unknown): { contentType?: string } {
  const type = asString(field(param, 'contentType'))
  return type === '' ? {} : { contentType: type }
}

function insomniaBody(body: unknown, hs: KeyValue[], where: string, unsupported: UnsupportedItem[], tidy: (text: string) => string): HttpBody {
  const mimeType = asString(field(body, 'mimeType'))
  const text = tidy(asString(field(body, 'text')))
  const params = asArray(field(body, 'params'))
  const at = hs.findIndex((h) => h.name.toLowerCase() === 'content-type')
  const drop = (): void => {
    if (at >= 0) hs.splice(at, 1)
  }
  if (mimeType === '' && text === '' && params.length === 0 && field(body, 'text') === undefined) return { type: 'none' }
  if (mimeType === 'multipart/form-data') {
    drop()
    return {
      type: 'multipart',
      parts: params.map((p) =>
        field(p, 'type') === 'file'
          ? {
              kind: 'file' as const,
              name: asString(field(p, 'name')),
              path: asString(field(p, 'fileName')),
              enabled: field(p, 'disabled') !== true,
              ...partType(p)
            }
          : {
              kind: 'text' as const,
              name: asString(field(p, 'name')),
              value: tidy(asString(field(p, 'value'))),
              enabled: field(p, 'disabled') !== true,
              ...partType(p)
            }
      )
    }
  }
  if (mimeType === 'application/x-www-form-urlencoded') {
    drop()
    return {
      type: 'form',
      fields: params.map((p) => ({ name: asString(field(p, 'name')), value: tidy(asString(field(p, 'value'))), enabled: field(p, 'disabled') !== true }))
    }
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
    return {
      type: 'graphql',
      query: asString(field(parsed, 'query')),
      variables: variables === undefined ? '' : JSON.stringify(variables, null, 2),
      ...(field(parsed, 'operationName') ? { operationName: asString(field(parsed, 'operationName')) } : {})
    }
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

/** Variables as Parley's own export writes them beside Insomnia's flat data: with secret and disabled ones. */
function carriedVariables(r: Resource): Variable[] | undefined {
  const parsed = z.array(VariableSchema).safeParse(field(r['_parley'], 'variables'))
  return parsed.success && field(r['_parley'], 'variables') !== undefined ? parsed.data : undefined
}

function envVariables(env: Resource, where: string, unsupported: UnsupportedItem[]): VariableInput[] {
  const carried = carriedVariables(env)
  if (carried) return carried
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

/** A request's pre-request and after-response scripts, kept as text with it. */
function requestScripts(r: Resource): { scripts?: RequestScripts } {
  const pre = asString(r['preRequestScript'])
  const post = asString(r['afterResponseScript'])
  if (pre.trim() === '' && post.trim() === '') return {}
  return { scripts: { ...(pre.trim() === '' ? {} : { pre }), ...(post.trim() === '' ? {} : { post }) } }
}
