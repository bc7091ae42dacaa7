import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { stringify } from 'yaml'
import { type FolderNode, type SavedRequest, type Variable } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, HttpBody, HttpRequest, KeyValue } from '../../../shared/http'
import { loadCollection } from '../../store/collectionLoader'
import { resolveInside } from '../../store/collectionPaths'
import { readSchema } from '../../store/formatMigrations'
import { fromYaml } from '../../store/yamlFormat'
import { withoutStoredCredentials } from './storedCredentials'

type Json = Record<string, unknown>

/**
 * A collection folder as an Insomnia v5 export (`type: collection.insomnia.rest/5.0`, the YAML that
 * Insomnia 10 and 11 import): folders with their headers, auth and variables, HTTP, WebSocket and
 * Socket.IO requests, scripts, the collection's variables as the base environment and each
 * environment as a sub-environment. `{{name}}` becomes Insomnia's `{{ _.name }}`. Secret values stay
 * out; SSE requests, which Insomnia has no type for, become HTTP requests that Parley reads back as SSE,
 * and realtime fields Insomnia lacks travel under `_parley`.
 */
export async function exportInsomnia(collectionPath: string): Promise<{ yaml: string; unsupported: UnsupportedItem[] }> {
  const loaded = await loadCollection(resolve(collectionPath))
  const unsupported: UnsupportedItem[] = loaded.problems.map((p) => ({
    item: p.path,
    what: `The file could not be read (line ${p.line}: ${p.message}), so it was left out.`
  }))
  const where = loaded.name
  const id = (prefix: string, path: string): string => `${prefix}_${createHash('sha256').update(`${loaded.root}\0${path}`).digest('hex').slice(0, 32)}`
  const secrets = (list: Variable[], label: string): void => {
    const names = list.filter((v) => v.secret).map((v) => v.name)
    if (names.length > 0) unsupported.push({ item: label, what: `Secret values (${names.join(', ')}) are not exported; fill them in after importing.` })
    const off = list.filter((v) => !v.enabled).map((v) => v.name)
    if (off.length > 0)
      unsupported.push({
        item: label,
        what: `Disabled variables (${off.join(', ')}) have no place in an Insomnia environment: Insomnia ignores them, Parley reads them back.`
      })
  }

  const walk = async (folder: FolderNode, path: string): Promise<Json[]> => {
    const nodes: Json[] = []
    for (const [index, child] of folder.children.entries()) {
      const label = path === '' ? child.name : `${path} / ${child.name}`
      const meta = { id: id(child.type === 'folder' ? 'fld' : 'req', child.path), sortKey: index }
      if (child.type === 'folder') {
        const settings = loaded.folders.get(child.path)
        if (settings) secrets(settings.variables, label)
        nodes.push({
          name: child.name,
          meta: { ...meta, ...(settings?.description ? { description: settings.description } : {}) },
          children: await walk(child, label),
          ...scriptsOut(settings?.scripts),
          ...(settings && settings.headers.length > 0 ? { headers: headersOut(settings.headers) } : {}),
          ...(settings ? { authentication: authOut(settings.auth, label, unsupported) } : {}),
          ...(settings && settings.variables.length > 0
            ? { environment: variablesOut(settings.variables), _parley: { variables: variablesCarried(settings.variables) } }
            : {})
        })
        continue
      }
      const text = await readFile(resolveInside(loaded.root, child.path), 'utf8')
      const parsed = fromYaml(readSchema('request', loaded.formatVersion), text, child.path)
      if (!parsed.ok) continue
      nodes.push(requestOut(parsed.value, meta, label, unsupported))
    }
    return nodes
  }

  const root = loaded.file
  if (root) secrets(root.variables, where)
  const rootAuth = root && root.auth.type !== 'none' && root.auth.type !== 'inherit' ? root.auth : undefined
  if ((root?.headers.length ?? 0) > 0)
    unsupported.push({ item: where, what: 'Insomnia collections have no headers of their own: Insomnia ignores them, Parley reads them back.' })
  if (root?.scripts && (root.scripts.pre || root.scripts.post))
    unsupported.push({
      item: where,
      what: 'Insomnia collections have no scripts of their own: Insomnia ignores them, Parley reads them back (put them on a folder for Insomnia).'
    })
  if (rootAuth)
    unsupported.push({
      item: where,
      what: 'Insomnia collections have no auth of their own: Insomnia ignores it, Parley reads it back (set it on a folder for Insomnia).'
    })
  const environments = [...loaded.environments.entries()].map(([envId, env], index) => {
    secrets(env.variables, env.name)
    return {
      name: env.name,
      meta: { id: id('env', `environments/${envId}`), sortKey: index },
      data: variablesOut(env.variables),
      _parley: { variables: variablesCarried(env.variables) }
    }
  })
  const document = {
    type: 'collection.insomnia.rest/5.0',
    name: loaded.name,
    meta: { id: id('wrk', ''), ...(root?.description ? { description: root.description } : {}) },
    collection: await walk(loaded.tree, ''),
    ...((root?.headers.length ?? 0) > 0 || rootAuth || root?.scripts
      ? { _parley: { headers: root?.headers ?? [], ...(rootAuth ? { auth: rootAuth } : {}), ...(root?.scripts ? { scripts: root.scripts } : {}) } }
      : {}),
    environments: {
      name: 'Base Environment',
      meta: { id: id('env', '') },
      data: variablesOut(root?.variables ?? []),
      _parley: { variables: variablesCarried(root?.variables ?? []) },
      ...(environments.length > 0 ? { subEnvironments: environments } : {})
    }
  }
  return { yaml: stringify(document, { lineWidth: 0 }), unsupported }
}

function requestOut(saved: SavedRequest, meta: { id: string; sortKey: number }, where: string, unsupported: UnsupportedItem[]): Json {
  const described = { ...meta, ...(saved.description ? { description: saved.description } : {}) }
  switch (saved.kind) {
    case 'websocket':
      if (saved.protocols.length > 0 || saved.savedMessages.length > 0) {
        unsupported.push({
          item: where,
          what: 'Insomnia WebSocket requests hold no subprotocols or saved messages: Insomnia ignores them, Parley reads them back.'
        })
      }
      return {
        url: vars(saved.url),
        name: saved.name,
        meta: { ...described, id: meta.id.replace(/^req_/, 'ws-req_') },
        headers: headersOut(saved.headers),
        _parley: carried(saved)
      }
    case 'socketio':
      if (saved.emits.length > 0)
        unsupported.push({
          item: where,
          what: `${saved.emits.length} saved emit(s) have no place in an Insomnia Socket.IO request: Insomnia ignores them, Parley reads them back.`
        })
      return {
        url: vars(saved.url),
        name: saved.name,
        meta: { ...described, id: meta.id.replace(/^req_/, 'socketio-req_') },
        headers: headersOut(saved.headers),
        parameters: headersOut(saved.query),
        eventListeners: saved.listeners.map((l, i) => ({ id: `listener_${i}`, eventName: l.event, desc: '', isOpen: l.enabled })),
        settings: { encodeUrl: true, cookies: { send: true, store: true }, ...(saved.path !== '/socket.io' ? { path: saved.path } : {}) },
        _parley: carried(withoutStoredCredentials(saved, where, unsupported))
      }
    case 'sse': {
      const headers = saved.headers.some((h) => h.name.toLowerCase() === 'accept')
        ? saved.headers
        : [...saved.headers, { name: 'Accept', value: 'text/event-stream', enabled: true }]
      return {
        ...httpOut(
          { method: saved.method, url: saved.url, headers, body: saved.body === '' ? { type: 'none' } : { type: 'text', text: saved.body } },
          saved.name,
          described,
          where,
          unsupported
        ),
        // Insomnia has no SSE type: the marker lets Parley read it back as one.
        _parley: {
          kind: 'sse',
          headers: saved.headers,
          withLastEventId: saved.withLastEventId,
          ...(saved.steps ? { steps: saved.steps } : {}),
          ...(saved.scripts ? { scripts: saved.scripts } : {}),
          ...(Object.keys(saved.descriptions ?? {}).length > 0 ? { descriptions: saved.descriptions } : {})
        }
      }
    }
    case 'http': {
      const out = httpOut(saved, saved.name, described, where, unsupported) as Record<string, unknown>
      // Assertion rows and descriptions in other languages have no place in Insomnia: carried for Parley.
      const extras = {
        ...(saved.assertions.length > 0 ? { assertions: saved.assertions } : {}),
        ...(Object.keys(saved.descriptions ?? {}).length > 0 ? { descriptions: saved.descriptions } : {})
      }
      if (saved.assertions.length > 0)
        unsupported.push({
          item: where,
          what: `Insomnia has no assertion rows: the ${saved.assertions.length} row(s) travel in the file for Parley to read back; Insomnia does not run them.`
        })
      const carriedBefore = (out['_parley'] as Record<string, unknown> | undefined) ?? {}
      return { ...out, ...scriptsOut(saved.scripts), ...(Object.keys(extras).length > 0 ? { _parley: { ...carriedBefore, ...extras } } : {}) }
    }
  }
}

/** Pre-request and after-response scripts as Insomnia v5 writes them, on requests and folders. */
function scriptsOut(scripts: { pre?: string | undefined; post?: string | undefined } | undefined): Json {
  if (!scripts || (!scripts.pre && !scripts.post)) return {}
  return { scripts: { ...(scripts.pre ? { preRequest: scripts.pre } : {}), ...(scripts.post ? { afterResponse: scripts.post } : {}) } }
}

/**
 * What Insomnia has no field for (emits, namespaces, subprotocols, saved messages…) travels under
 * `_parley`, which Insomnia ignores and Parley's importer reads back, so a round trip keeps it all.
 */
function carried(saved: SavedRequest): Json {
  const { name: _name, description: _description, ...fields } = saved
  return fields
}

type HttpLike = Pick<HttpRequest, 'method' | 'url' | 'headers' | 'body'> & Partial<Pick<HttpRequest, 'auth' | 'settings'>>

function httpOut(request: HttpLike, name: string, meta: Json, where: string, unsupported: UnsupportedItem[]): Json {
  const headers = [...request.headers]
  const body = bodyOut(request.body, headers)
  const settings = request.settings
  if (settings) {
    const lost = [
      settings.timeoutMs > 0 ? 'timeout' : '',
      settings.proxy !== 'system' ? 'proxy' : '',
      settings.clientCert || settings.caFiles.length > 0 ? 'certificates' : '',
      settings.httpVersion !== 'auto' ? 'HTTP version' : '',
      !settings.verifyTls ? 'TLS verification off' : ''
    ].filter((s) => s !== '')
    if (lost.length > 0)
      unsupported.push({
        item: where,
        what: `Insomnia requests cannot hold these settings: ${lost.join(', ')} (Insomnia ignores them, Parley reads them back).`
      })
  }
  const carriedSettings =
    settings &&
    (settings.timeoutMs > 0 ||
      settings.proxy !== 'system' ||
      settings.clientCert ||
      settings.caFiles.length > 0 ||
      settings.httpVersion !== 'auto' ||
      !settings.verifyTls ||
      settings.maxRedirects !== 10)
  return {
    url: vars(request.url),
    name,
    meta,
    method: request.method,
    ...(body ? { body } : {}),
    ...(headers.length > 0 ? { headers: headersOut(headers) } : {}),
    ...(request.auth ? { authentication: authOut(request.auth, where, unsupported) } : {}),
    settings: {
      renderRequestBody: true,
      encodeUrl: true,
      followRedirects: settings ? (settings.followRedirects ? 'on' : 'off') : 'global',
      cookies: { send: true, store: true },
      rebuildPath: true
    },
    ...(carriedSettings ? { _parley: { settings } } : {})
  }
}

function bodyOut(body: HttpBody, headers: KeyValue[]): Json | undefined {
  const typed = (contentType: string | undefined): void => {
    if (contentType && !headers.some((h) => h.name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: contentType, enabled: true })
  }
  switch (body.type) {
    case 'none':
      return undefined
    case 'json':
      return { mimeType: 'application/json', text: vars(body.text) }
    case 'xml':
      return { mimeType: 'application/xml', text: vars(body.text) }
    case 'text':
      return { ...(body.contentType ? { mimeType: body.contentType } : {}), text: vars(body.text) }
    case 'form':
      return {
        mimeType: 'application/x-www-form-urlencoded',
        params: body.fields.map((f) => ({ name: vars(f.name), value: vars(f.value), ...(f.enabled ? {} : { disabled: true }) }))
      }
    case 'multipart':
      return {
        mimeType: 'multipart/form-data',
        params: body.parts.map((p) => ({
          name: vars(p.name),
          ...(p.kind === 'file' ? { type: 'file', fileName: p.path } : { value: vars(p.value) }),
          ...(p.contentType ? { contentType: p.contentType } : {}),
          ...(p.enabled ? {} : { disabled: true })
        }))
      }
    case 'binary':
      typed(body.contentType)
      return { mimeType: 'application/octet-stream', fileName: body.path }
    case 'graphql': {
      let variables: unknown
      try {
        variables = body.variables.trim() === '' ? undefined : JSON.parse(body.variables)
      } catch {
        variables = undefined
      }
      return {
        mimeType: 'application/graphql',
        text: JSON.stringify({
          query: body.query,
          ...(variables === undefined ? {} : { variables }),
          ...(body.operationName ? { operationName: body.operationName } : {})
        })
      }
    }
  }
}

function authOut(auth: HttpAuth, where: string, unsupported: UnsupportedItem[]): Json {
  switch (auth.type) {
    case 'inherit':
      return {}
    case 'none':
      return { type: 'none' }
    case 'basic':
    case 'digest':
      return { type: auth.type, username: vars(auth.username), password: vars(auth.password) }
    case 'bearer':
      return { type: 'bearer', token: vars(auth.token), ...(auth.prefix !== 'Bearer' ? { prefix: auth.prefix } : {}) }
    case 'apikey':
      return { type: 'apikey', key: vars(auth.key), value: vars(auth.value), addTo: auth.in === 'query' ? 'queryParams' : 'header' }
    case 'awsv4':
      return {
        type: 'iam',
        accessKeyId: vars(auth.accessKeyId),
        secretAccessKey: vars(auth.secretAccessKey),
        region: vars(auth.region),
        service: vars(auth.service),
        ...(auth.sessionToken ? { sessionToken: vars(auth.sessionToken) } : {})
      }
    case 'oauth2':
      if (auth.grant === 'password' && !auth.username) unsupported.push({ item: where, what: 'The OAuth 2.0 password grant has no username.' })
      // Insomnia has no device code grant: it goes out as authorization code, with its URLs.
      if (auth.grant === 'device_code')
        unsupported.push({ item: where, what: 'Insomnia has no OAuth 2.0 device code grant; it was exported as authorization code.' })
      return {
        type: 'oauth2',
        grantType: auth.grant === 'device_code' ? 'authorization_code' : auth.grant,
        accessTokenUrl: vars(auth.tokenUrl),
        ...(auth.authUrl ? { authorizationUrl: vars(auth.authUrl) } : {}),
        ...(auth.redirectUri ? { redirectUrl: vars(auth.redirectUri) } : {}),
        ...(auth.grant === 'authorization_code' || auth.grant === 'device_code'
          ? { usePkce: auth.pkce !== false, ...(auth.pkce !== false ? { pkceMethod: 'S256' } : {}) }
          : {}),
        clientId: vars(auth.clientId),
        clientSecret: vars(auth.clientSecret),
        ...(auth.username ? { username: vars(auth.username) } : {}),
        ...(auth.password ? { password: vars(auth.password) } : {}),
        ...(auth.scope ? { scope: vars(auth.scope) } : {}),
        ...(auth.audience ? { audience: vars(auth.audience) } : {}),
        credentialsInBody: auth.clientAuth === 'body'
      }
  }
}

function headersOut(list: KeyValue[]): Json[] {
  return list.map((h) => ({
    name: vars(h.name),
    value: vars(h.value),
    ...(h.description ? { description: h.description } : {}),
    ...(h.enabled ? {} : { disabled: true })
  }))
}

/** Variables as an Insomnia environment object: secret values left empty. */
function variablesOut(list: Variable[]): Json {
  const out: Json = {}
  for (const v of list) if (v.enabled) out[v.name] = v.secret ? '' : v.value
  return out
}

/** The variables whole (disabled and secret ones, secret values empty) for Parley to read back. */
function variablesCarried(list: Variable[]): Variable[] {
  return list.map((v) => (v.secret ? { ...v, value: '' } : v))
}

/** `{{name}}` as Insomnia writes it, `{{ _.name }}`; Parley's dynamic values (`{{$uuid}}`) stay. */
function vars(text: string): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, '{{ _.$1 }}')
}
