import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { type FolderNode, type RequestScripts, type Variable } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpBody, HttpRequest, KeyValue } from '../../../shared/http'
import { loadCollection } from '../../store/collectionLoader'
import { resolveInside } from '../../store/collectionPaths'
import { readSchema } from '../../store/formatMigrations'
import { fromYaml } from '../../store/yamlFormat'
import { postmanAuthOut } from './postmanAuthOut'
import { withoutStoredCredentials } from './storedCredentials'
import { withPostmanExamples } from '../../compare/postmanExamples'

export const postmanSchemaUrl = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

type Json = Record<string, unknown>

/**
 * A collection folder as a Postman v2.1 collection. Secret values stay out (they never leave the
 * data directory); folder and collection headers, which Postman lacks, are copied into each
 * request; realtime requests travel as GET items carrying the Parley request (`_parley`), and
 * settings Postman has no field for are reported.
 */
export async function exportPostman(collectionPath: string): Promise<{ json: string; unsupported: UnsupportedItem[] }> {
  const loaded = await loadCollection(resolve(collectionPath))
  const unsupported: UnsupportedItem[] = loaded.problems.map((p) => ({
    item: p.path,
    what: `The file could not be read (line ${p.line}: ${p.message}), so it was left out.`
  }))
  const root = loaded.file
  const where = loaded.name
  const walk = async (folder: FolderNode, inherited: KeyValue[], path: string): Promise<Json[]> => {
    const items: Json[] = []
    for (const child of folder.children) {
      const label = path === '' ? child.name : `${path} / ${child.name}`
      if (child.type === 'folder') {
        const settings = loaded.folders.get(child.path)
        const headers = [...inherited, ...(settings?.headers ?? [])]
        if ((settings?.headers.length ?? 0) > 0)
          unsupported.push({
            item: label,
            what: "Postman folders have no headers; they were copied into each request of the folder (Parley reads them back as the folder's)."
          })
        const auth = settings ? postmanAuthOut(settings.auth, label, unsupported) : undefined
        items.push({
          name: child.name,
          ...(settings?.description ? { description: settings.description } : {}),
          ...(settings && settings.variables.length > 0 ? { variable: variables(settings.variables, label, unsupported) } : {}),
          ...(auth ? { auth } : {}),
          ...events(settings?.scripts),
          item: await walk(child, headers, label),
          // Postman has no folder headers: the copies in each request are taken back off on import.
          ...(settings && settings.headers.length > 0 ? { _parley: { headers: settings.headers } } : {})
        })
        continue
      }
      const text = await readFile(resolveInside(loaded.root, child.path), 'utf8')
      const parsed = fromYaml(readSchema('request', loaded.formatVersion), text, child.path)
      if (!parsed.ok) continue
      const saved = withoutStoredCredentials(parsed.value, label, unsupported)
      if (saved.kind === 'socketio' || saved.kind === 'websocket') {
        // Postman's file format has no realtime requests: a GET item to the same URL that carries
        // the whole Parley request, so a round trip through the file loses nothing.
        unsupported.push({
          item: label,
          what: `Postman v2.1 files have no ${saved.kind === 'socketio' ? 'Socket.IO' : 'WebSocket'} requests: it is written as a GET item that Parley reads back whole (Postman shows it as HTTP).`
        })
        const { name, description, kind, ...fields } = saved
        items.push({
          ...requestItem(name, description, { method: 'GET', url: saved.url, headers: saved.headers, body: { type: 'none' } }, inherited, label, unsupported),
          _parley: { kind, ...fields }
        })
        continue
      }
      if (saved.kind === 'sse') {
        unsupported.push({
          item: label,
          what: 'Exported as a plain HTTP request with Accept: text/event-stream (Postman collections have no SSE type); Parley reads it back as SSE.'
        })
        const headers = saved.headers.some((h) => h.name.toLowerCase() === 'accept')
          ? saved.headers
          : [...saved.headers, { name: 'Accept', value: 'text/event-stream', enabled: true }]
        const item = requestItem(
          saved.name,
          saved.description,
          { method: saved.method, url: saved.url, headers, body: saved.body === '' ? { type: 'none' } : { type: 'text', text: saved.body } },
          inherited,
          label,
          unsupported
        )
        items.push({
          ...item,
          _parley: {
            kind: 'sse',
            headers: saved.headers,
            withLastEventId: saved.withLastEventId,
            ...(saved.steps ? { steps: saved.steps } : {}),
            ...(saved.scripts ? { scripts: saved.scripts } : {}),
            ...(Object.keys(saved.descriptions ?? {}).length > 0 ? { descriptions: saved.descriptions } : {})
          }
        })
        continue
      }
      const extras = {
        ...(saved.assertions.length > 0 ? { assertions: saved.assertions } : {}),
        ...(saved.descriptions && Object.keys(saved.descriptions).length > 0 ? { descriptions: saved.descriptions } : {})
      }
      if (saved.assertions.length > 0)
        unsupported.push({
          item: label,
          what: `Postman has no assertion rows: the ${saved.assertions.length} row(s) travel in the file for Parley to read back; Postman does not run them.`
        })
      const item = requestItem(saved.name, saved.description, saved, inherited, label, unsupported)
      items.push(await withPostmanExamples(Object.keys(extras).length > 0 ? { ...item, _parley: extras } : item, loaded.root, child.path))
    }
    return items
  }
  const rootHeaders = root?.headers ?? []
  if (rootHeaders.length > 0)
    unsupported.push({
      item: where,
      what: "Postman collections have no headers; they were copied into each request (Parley reads them back as the collection's)."
    })
  const auth = root ? postmanAuthOut(root.auth, where, unsupported) : undefined
  if (loaded.environments.size > 0)
    unsupported.push({ item: where, what: `${loaded.environments.size} environment(s) are not part of a Postman collection file.` })
  const collection = {
    info: {
      _postman_id: randomUUID(),
      name: loaded.name,
      ...(root?.description ? { description: root.description } : {}),
      schema: postmanSchemaUrl
    },
    ...events(root?.scripts),
    item: await walk(loaded.tree, rootHeaders, ''),
    ...(auth ? { auth } : {}),
    ...(root && root.variables.length > 0 ? { variable: variables(root.variables, where, unsupported) } : {}),
    ...(rootHeaders.length > 0 ? { _parley: { headers: rootHeaders } } : {})
  }
  return { json: `${JSON.stringify(collection, null, 2)}\n`, unsupported }
}

function variables(list: Variable[], where: string, unsupported: UnsupportedItem[]): Json[] {
  const secrets = list.filter((v) => v.secret).map((v) => v.name)
  if (secrets.length > 0) unsupported.push({ item: where, what: `Secret values (${secrets.join(', ')}) are not exported; fill them in after importing.` })
  // The v2.1 schema has no secret type: the mark travels under `_parley` for Parley to read back.
  return list.map((v) => ({
    key: v.name,
    value: v.secret ? '' : v.value,
    type: 'string',
    ...(v.enabled ? {} : { disabled: true }),
    ...(v.secret ? { _parley: { secret: true } } : {})
  }))
}

type RequestLike = Pick<HttpRequest, 'method' | 'url' | 'headers' | 'body'> &
  Partial<Pick<HttpRequest, 'auth' | 'settings'>> & { scripts?: RequestScripts | undefined }

function requestItem(name: string, description: string, request: RequestLike, inherited: KeyValue[], where: string, unsupported: UnsupportedItem[]): Json {
  const headers = [...inherited, ...request.headers]
  const body = postmanBody(request.body, headers)
  const auth = request.auth ? postmanAuthOut(request.auth, where, unsupported) : undefined
  return {
    name,
    ...events(request.scripts),
    ...(request.settings ? behavior(request.settings, where, unsupported) : {}),
    request: {
      method: request.method,
      header: headers.map((h) => ({
        key: h.name,
        value: h.value,
        ...(h.enabled ? {} : { disabled: true }),
        ...(h.description ? { description: h.description } : {})
      })),
      ...(body ? { body } : {}),
      url: postmanUrl(request.url),
      ...(auth ? { auth } : {}),
      ...(description ? { description } : {})
    },
    response: []
  }
}

/** Scripts as Postman events: `prerequest` before, `test` after. */
function events(scripts: RequestScripts | undefined): Json {
  const out = [
    ...(scripts?.pre ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: scripts.pre.split('\n') } }] : []),
    ...(scripts?.post ? [{ listen: 'test', script: { type: 'text/javascript', exec: scripts.post.split('\n') } }] : [])
  ]
  return out.length > 0 ? { event: out } : {}
}

function behavior(settings: HttpRequest['settings'], where: string, unsupported: UnsupportedItem[]): Json {
  const out: Json = {}
  if (!settings.followRedirects) out['followRedirects'] = false
  if (settings.maxRedirects !== 10) out['maxRedirects'] = settings.maxRedirects
  if (!settings.verifyTls) out['strictSSL'] = false
  const lost = [
    settings.timeoutMs > 0 ? 'timeout' : '',
    settings.connectTimeoutMs !== 30_000 ? 'connect timeout' : '',
    settings.proxy !== 'system' ? 'proxy' : '',
    settings.clientCert || settings.caFiles.length > 0 ? 'certificates' : '',
    settings.httpVersion !== 'auto' ? 'HTTP version' : ''
  ].filter((s) => s !== '')
  if (lost.length > 0) unsupported.push({ item: where, what: `Postman collections cannot hold these request settings: ${lost.join(', ')}.` })
  return Object.keys(out).length > 0 ? { protocolProfileBehavior: out } : {}
}

function postmanBody(body: HttpBody, headers: KeyValue[]): Json | undefined {
  const typed = (contentType: string | undefined): void => {
    if (contentType && !headers.some((h) => h.name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: contentType, enabled: true })
  }
  switch (body.type) {
    case 'none':
      return undefined
    case 'json':
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'json' } } }
    case 'xml':
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'xml' } } }
    case 'text':
      typed(body.contentType)
      // No type given stays no type (Postman reads a raw body with a language as text/plain).
      return { mode: 'raw', raw: body.text, ...(body.contentType ? { options: { raw: { language: 'text' } } } : {}) }
    case 'form':
      return { mode: 'urlencoded', urlencoded: body.fields.map((f) => ({ key: f.name, value: f.value, ...(f.enabled ? {} : { disabled: true }) })) }
    case 'multipart':
      return {
        mode: 'formdata',
        formdata: body.parts.map((p) => ({
          key: p.name,
          ...(p.kind === 'file' ? { type: 'file', src: p.path } : { type: 'text', value: p.value }),
          ...(p.contentType ? { contentType: p.contentType } : {}),
          ...(p.enabled ? {} : { disabled: true })
        }))
      }
    case 'binary':
      typed(body.contentType)
      return { mode: 'file', file: { src: body.path } }
    case 'graphql':
      return { mode: 'graphql', graphql: { query: body.query, variables: body.variables } }
  }
}

/** The URL as Postman stores it: `raw` plus the parts Postman shows (it re-reads `raw` on import). */
function postmanUrl(raw: string): Json {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(raw)
  if (!match) return { raw }
  const [, protocol, hostPort = '', path = '', query] = match
  const portAt = hostPort.startsWith('{{') ? -1 : hostPort.lastIndexOf(':')
  const host = portAt > 0 ? hostPort.slice(0, portAt) : hostPort
  return {
    raw,
    ...(protocol ? { protocol } : {}),
    host: host.startsWith('{{') ? [host] : host.split('.'),
    ...(portAt > 0 ? { port: hostPort.slice(portAt + 1) } : {}),
    path: path.split('/').filter((p) => p !== ''),
    ...(query !== undefined && query !== ''
      ? { query: query.split('&').map((pair) => ({ key: pair.split('=')[0] ?? '', value: pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : null })) }
      : {})
  }
}
