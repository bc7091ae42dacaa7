import type { SavedRequestInput } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, HttpBody, KeyValue, MultipartPart } from '../../../shared/http'
import type { Scripts } from '../../../shared/scripts'
import {
  asArray,
  asString,
  emptyCollection,
  field,
  importVariable,
  itemName,
  junkItem,
  maxImportDepth,
  tooDeep,
  type ImportedCollection,
  type ImportedFolder,
  type ImportedItem
} from './importModel'

/**
 * A Bruno collection as Bruno's "Export collection" writes it (JSON: `items`, `environments`,
 * `root`, `brunoConfig`), which is also what a collection folder of `.bru` files is read into (see
 * brunoFolder.ts). The collection and folders keep their headers, auth, variables and scripts;
 * requests their scripts and tests (Bruno's `tests` run after the response, so they join the
 * post-response script). Scripts keep their text as written. Bruno writes variables as `{{name}}`,
 * as Parley does.
 */
export function importBruno(doc: unknown): ImportedCollection {
  const out = emptyCollection(asString(field(doc, 'name')) || asString(field(field(doc, 'brunoConfig'), 'name')) || 'Bruno collection')
  const root = field(field(doc, 'root'), 'request')
  out.description = asString(field(field(doc, 'root'), 'docs'))
  out.headers = pairs(field(root, 'headers'))
  out.auth = brunoAuth(field(root, 'auth'), out.name, out.unsupported) ?? { type: 'none' }
  out.variables = requestVars(root, out.name, out.unsupported)
  const collectionScripts = brunoScripts(root)
  if (collectionScripts) out.scripts = collectionScripts
  out.items = items(field(doc, 'items'), '', out.unsupported, 0)
  for (const env of asArray(field(doc, 'environments'))) {
    const name = itemName(field(env, 'name'), 'Environment')
    const variables = asArray(field(env, 'variables')).flatMap(
      (v) =>
        importVariable(field(v, 'name'), field(v, 'value'), {
          enabled: field(v, 'enabled') !== false,
          secret: field(v, 'secret') === true,
          where: name,
          unsupported: out.unsupported
        }) ?? []
    )
    out.environments.push({ name, variables })
  }
  return out
}

function items(list: unknown, path: string, unsupported: UnsupportedItem[], depth: number): ImportedItem[] {
  if (depth > maxImportDepth) throw tooDeep(path)
  const sorted = asArray(list)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (Number(field(a.item, 'seq')) || a.index + 1) - (Number(field(b.item, 'seq')) || b.index + 1))
  const out: ImportedItem[] = []
  for (const { item, index } of sorted) {
    const name = itemName(field(item, 'name'), 'Untitled')
    const where = path === '' ? name : `${path} / ${name}`
    const type = asString(field(item, 'type'))
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      unsupported.push({ item: `${path === '' ? '' : `${path} / `}item ${index + 1}`, what: junkItem(item) })
      continue
    }
    if (type === 'folder') {
      const root = field(field(item, 'root'), 'request')
      const folder: ImportedFolder = {
        type: 'folder',
        name,
        description: asString(field(field(item, 'root'), 'docs')),
        headers: pairs(field(root, 'headers')),
        variables: requestVars(root, where, unsupported),
        items: items(field(item, 'items'), where, unsupported, depth + 1)
      }
      const auth = brunoAuth(field(root, 'auth'), where, unsupported)
      if (auth) folder.auth = auth
      // Folder scripts run around every request inside, outer to inner, as in Bruno.
      const scripts = brunoScripts(root)
      if (scripts) folder.scripts = scripts
      out.push(folder)
      continue
    }
    const request = brunoRequest(item, type, name, where, unsupported)
    if (request) out.push({ type: 'request', request })
  }
  return out
}

function brunoRequest(item: object, type: string, name: string, where: string, unsupported: UnsupportedItem[]): SavedRequestInput | undefined {
  const r = field(item, 'request')
  const description = asString(field(r, 'docs')) || asString(field(item, 'docs'))
  const headers = pairs(field(r, 'headers'))
  if (type === 'ws-request' || type === 'ws') {
    return { kind: 'websocket', name, description, url: asString(field(r, 'url')), headers }
  }
  if (type !== 'http-request' && type !== 'graphql-request' && type !== 'http' && type !== 'graphql') {
    unsupported.push({
      item: where,
      what:
        type === 'grpc-request' || type === 'grpc'
          ? 'gRPC requests are not supported by Parley; it was skipped.'
          : `A Bruno ${type || 'untyped'} item has no Parley counterpart; it was skipped.`
    })
    return undefined
  }
  const body = brunoBody(field(r, 'body'), type, headers, where, unsupported)
  const scripts = brunoScripts(r)
  const vars = asArray(field(field(r, 'vars'), 'req')).length + asArray(field(field(r, 'vars'), 'res')).length
  if (vars > 0)
    unsupported.push({
      item: where,
      what: `${vars} request variable(s) (vars:pre-request / vars:post-response) have no place on a Parley request; define them in an environment.`
    })
  const assertions = asArray(field(r, 'assertions')).length
  if (assertions > 0) unsupported.push({ item: where, what: `${assertions} assertion(s) are not imported; they can be written as a post-response script.` })
  return {
    kind: 'http',
    name,
    description,
    method: asString(field(r, 'method'), 'GET').toUpperCase() || 'GET',
    url: withPathParams(asString(field(r, 'url')), field(r, 'params'), where, unsupported),
    headers,
    body,
    auth: brunoAuth(field(r, 'auth'), where, unsupported) ?? { type: 'inherit' },
    ...(scripts ? { scripts } : {})
  }
}

function pairs(list: unknown): KeyValue[] {
  return asArray(list)
    .filter((p) => asString(field(p, 'name')) !== '')
    .map((p) => ({ name: asString(field(p, 'name')), value: asString(field(p, 'value')), enabled: field(p, 'enabled') !== false }))
}

/** Bruno keeps the query in the URL (its `params` mirror it); path parameters (`:id`) take their value. */
function withPathParams(url: string, params: unknown, where: string, unsupported: UnsupportedItem[]): string {
  let out = url
  for (const p of asArray(params)) {
    const name = asString(field(p, 'name'))
    if (field(p, 'type') === 'path' && name !== '') {
      const value = asString(field(p, 'value'))
      out = out.replace(new RegExp(`/:${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|\\?|#|$)`, 'g'), `/${value === '' ? `{{${name}}}` : value}`)
    } else if (field(p, 'type') === 'query' && field(p, 'enabled') === false && name !== '') {
      unsupported.push({ item: where, what: `The disabled query parameter "${name}" was left out (Parley keeps the query in the URL).` })
    }
  }
  return out
}

function brunoBody(body: unknown, type: string, headers: KeyValue[], where: string, unsupported: UnsupportedItem[]): HttpBody {
  const mode = asString(field(body, 'mode')) || (type.startsWith('graphql') ? 'graphql' : 'none')
  const dropType = (): string | undefined => {
    const at = headers.findIndex((h) => h.name.toLowerCase() === 'content-type')
    const value = at >= 0 ? headers[at]?.value : undefined
    if (at >= 0) headers.splice(at, 1)
    return value
  }
  switch (mode) {
    case 'none':
      return { type: 'none' }
    case 'json':
      dropType()
      return { type: 'json', text: asString(field(body, 'json')) }
    case 'xml':
      dropType()
      return { type: 'xml', text: asString(field(body, 'xml')) }
    case 'text':
    case 'sparql': {
      const contentType = dropType() ?? (mode === 'sparql' ? 'application/sparql-query' : undefined)
      return { type: 'text', text: asString(field(body, mode)), ...(contentType ? { contentType } : {}) }
    }
    case 'formUrlEncoded':
      dropType()
      return { type: 'form', fields: pairs(field(body, 'formUrlEncoded')) }
    case 'multipartForm':
      dropType()
      return {
        type: 'multipart',
        parts: asArray(field(body, 'multipartForm')).flatMap((p): MultipartPart[] => {
          const name = asString(field(p, 'name'))
          const enabled = field(p, 'enabled') !== false
          const contentType = asString(field(p, 'contentType'))
          const typed = contentType ? { contentType } : {}
          if (field(p, 'type') !== 'file') return [{ kind: 'text' as const, name, value: asString(field(p, 'value')), enabled, ...typed }]
          const paths = Array.isArray(field(p, 'value')) ? asArray(field(p, 'value')).map((v) => asString(v)) : [asString(field(p, 'value'))]
          return paths.map((path) => ({ kind: 'file' as const, name, path, enabled, ...typed }))
        })
      }
    case 'file': {
      const chosen = asArray(field(body, 'file')).find((f) => field(f, 'selected') !== false)
      const contentType = asString(field(chosen, 'contentType')) || dropType()
      return { type: 'binary', path: asString(field(chosen, 'filePath')), ...(contentType ? { contentType } : {}) }
    }
    case 'graphql': {
      dropType()
      const graphql = field(body, 'graphql')
      return { type: 'graphql', query: asString(field(graphql, 'query')), variables: asString(field(graphql, 'variables')) }
    }
    default:
      unsupported.push({ item: where, what: `The ${mode} body is not supported by Parley; the request was imported without a body.` })
      return { type: 'none' }
  }
}

/** Bruno auth; undefined means inherit. */
function brunoAuth(auth: unknown, where: string, unsupported: UnsupportedItem[]): HttpAuth | undefined {
  const mode = asString(field(auth, 'mode'))
  const part = (key: string): unknown => field(auth, key)
  const p = (key: string, name: string, alt?: string): string => asString(field(part(key), name) ?? (alt ? field(part(key), alt) : undefined))
  switch (mode) {
    case '':
    case 'inherit':
      return undefined
    case 'none':
      return { type: 'none' }
    case 'basic':
    case 'digest':
      return { type: mode, username: p(mode, 'username'), password: p(mode, 'password') }
    case 'bearer':
      return { type: 'bearer', token: p('bearer', 'token'), prefix: 'Bearer' }
    case 'apikey':
      return { type: 'apikey', key: p('apikey', 'key'), value: p('apikey', 'value'), in: /query/i.test(p('apikey', 'placement')) ? 'query' : 'header' }
    case 'awsv4':
      return {
        type: 'awsv4',
        accessKeyId: p('awsv4', 'accessKeyId'),
        secretAccessKey: p('awsv4', 'secretAccessKey'),
        region: p('awsv4', 'region'),
        service: p('awsv4', 'service'),
        ...(p('awsv4', 'sessionToken') ? { sessionToken: p('awsv4', 'sessionToken') } : {})
      }
    case 'oauth2': {
      const grant = p('oauth2', 'grantType', 'grant_type')
      if (grant === 'client_credentials' || grant === 'password') {
        return {
          type: 'oauth2',
          grant,
          tokenUrl: p('oauth2', 'accessTokenUrl', 'access_token_url'),
          clientId: p('oauth2', 'clientId', 'client_id'),
          clientSecret: p('oauth2', 'clientSecret', 'client_secret'),
          ...(p('oauth2', 'username') ? { username: p('oauth2', 'username') } : {}),
          ...(p('oauth2', 'password') ? { password: p('oauth2', 'password') } : {}),
          ...(p('oauth2', 'scope') ? { scope: p('oauth2', 'scope') } : {}),
          clientAuth: p('oauth2', 'credentialsPlacement', 'credentials_placement') === 'basic_auth_header' ? 'basic' : 'body'
        }
      }
      unsupported.push({
        item: where,
        what: `OAuth 2.0 with the ${grant || 'unknown'} grant needs a browser sign-in, which Parley does not do yet; it has no auth.`
      })
      return { type: 'none' }
    }
    default:
      unsupported.push({ item: where, what: `${mode} auth is not supported by Parley; it was imported without auth.` })
      return { type: 'none' }
  }
}

/** Collection and folder variables (Bruno's `vars:pre-request` of collection.bru / folder.bru). */
function requestVars(root: unknown, where: string, unsupported: UnsupportedItem[]) {
  const vars = field(root, 'vars')
  const post = asArray(field(vars, 'res')).length
  if (post > 0)
    unsupported.push({ item: where, what: `${post} post-response variable(s) are set from the response, which Parley does not do; they were left out.` })
  return asArray(field(vars, 'req')).flatMap(
    (v) => importVariable(field(v, 'name'), field(v, 'value'), { enabled: field(v, 'enabled') !== false, where, unsupported }) ?? []
  )
}

/**
 * The scripts of a request, a folder (folder.bru) or the collection (collection.bru): `script:pre-request`
 * is the pre-request script; `script:post-response` then `tests` (both run after the response) the
 * post-response one. Undefined when there are none.
 */
function brunoScripts(owner: unknown): Scripts | undefined {
  const pre = asString(field(field(owner, 'script'), 'req'))
  const post = [asString(field(field(owner, 'script'), 'res')), asString(field(owner, 'tests'))].filter((s) => s.trim() !== '').join('\n\n')
  if (pre.trim() === '' && post === '') return undefined
  return { ...(pre.trim() === '' ? {} : { pre }), ...(post === '' ? {} : { post }) }
}
