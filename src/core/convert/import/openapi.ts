import { dereference } from '@readme/openapi-parser'
import type { VariableInput } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, HttpBody, KeyValue } from '../../../shared/http'
import {
  asArray,
  asString,
  descriptionText,
  emptyCollection,
  field,
  itemName,
  type ImportedCollection,
  type ImportedFolder,
  type ImportedRequest
} from './importModel'
import { operationBody, type Param } from './openapiBody'
import { dereferenceBeside } from './openapiRefs'
import { schemeAuth, type SchemeAuth } from './openapiSecurity'

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * OpenAPI 3.0/3.1 and Swagger 2.0: one request per operation, in a folder per (first) tag. The
 * first server becomes the `baseUrl` variable (every server an environment when there are more),
 * bodies get an example built from their schema, security schemes become auth with `{{variables}}`.
 * External `$ref`s resolve against the files chosen beside the spec (`beside`), and only those.
 */
export async function importOpenApi(raw: unknown, beside: Map<string, string> = new Map()): Promise<ImportedCollection> {
  const info = field(raw, 'info')
  const out = emptyCollection(asString(field(info, 'title')) || 'OpenAPI import')
  const version = asString(field(info, 'version'))
  out.description = [descriptionText(field(info, 'description')), version ? `Version ${version}.` : ''].filter((s) => s !== '').join('\n\n')
  let doc: unknown
  try {
    doc =
      beside.size > 0
        ? await dereferenceBeside(raw, beside, out.name, out.unsupported)
        : await dereference(structuredClone(raw) as never, { dereference: { circular: 'ignore' }, resolve: { external: false } })
  } catch (error) {
    out.unsupported.push({
      item: out.name,
      what: `Some $ref pointers could not be resolved (${(error as Error).message.split('\n')[0]}); their schemas give no examples.`
    })
    doc = raw
  }
  const swagger = field(doc, 'swagger') !== undefined
  servers(doc, swagger, out)

  // Security: every scheme once, then the document's default requirement as the collection's auth.
  const schemes = (field(field(doc, 'components'), 'securitySchemes') ?? field(doc, 'securityDefinitions') ?? {}) as Record<string, unknown>
  const mapped = new Map<string, SchemeAuth | undefined>()
  for (const [name, scheme] of Object.entries(schemes)) mapped.set(name, schemeAuth(name, scheme, out.unsupported))
  const requirementAuth = (requirements: unknown): HttpAuth => {
    for (const requirement of asArray(requirements)) {
      const names = Object.keys((requirement as Record<string, unknown> | null) ?? {})
      if (names.length === 0) return { type: 'none' }
      const found = mapped.get(names[0] ?? '')
      if (found) {
        for (const variable of found.variables) addVariable(out.variables, variable)
        return found.auth
      }
    }
    return { type: 'none' }
  }
  const globalSecurity = field(doc, 'security')
  out.auth = requirementAuth(globalSecurity)

  const folders = new Map<string, ImportedFolder>()
  for (const tag of asArray(field(doc, 'tags'))) {
    const name = asString(field(tag, 'name'))
    if (name !== '')
      folders.set(name, {
        type: 'folder',
        name: itemName(name, 'Untagged'),
        description: descriptionText(field(tag, 'description')),
        headers: [],
        variables: [],
        items: []
      })
  }
  const paths = (field(doc, 'paths') as Record<string, unknown> | undefined) ?? {}
  for (const [path, pathItem] of Object.entries(paths)) {
    // The document's order of operations, as its author wrote them.
    for (const method of Object.keys((pathItem as Record<string, unknown> | null) ?? {}).filter((key) => (methods as readonly string[]).includes(key))) {
      const operation = field(pathItem, method)
      const request = operationRequest(path, method, pathItem, operation, swagger, doc, out.unsupported)
      const security = field(operation, 'security')
      request.request = {
        ...request.request,
        auth: security === undefined || JSON.stringify(security) === JSON.stringify(globalSecurity) ? { type: 'inherit' } : requirementAuth(security)
      } as typeof request.request
      const tag = asString(asArray(field(operation, 'tags'))[0])
      if (tag === '') {
        out.items.push(request)
        continue
      }
      if (!folders.has(tag)) folders.set(tag, { type: 'folder', name: itemName(tag, 'Untagged'), description: '', headers: [], variables: [], items: [] })
      folders.get(tag)?.items.push(request)
    }
  }
  out.items = [...[...folders.values()].filter((f) => f.items.length > 0), ...out.items]
  const webhooks = Object.keys((field(doc, 'webhooks') as Record<string, unknown> | undefined) ?? {})
  if (webhooks.length > 0) out.unsupported.push({ item: out.name, what: `${webhooks.length} webhooks (requests the API sends to you) are not imported.` })
  return out
}

function addVariable(variables: VariableInput[], variable: VariableInput): void {
  if (!variables.some((v) => v.name === variable.name)) variables.push(variable)
}

/** Servers: the first is `baseUrl`; with several, each becomes an environment that sets it. */
function servers(doc: unknown, swagger: boolean, out: ImportedCollection): void {
  let urls: Array<{ url: string; name: string }>
  if (swagger) {
    const host = asString(field(doc, 'host'))
    const basePath = asString(field(doc, 'basePath')).replace(/\/+$/, '')
    const schemes = asArray(field(doc, 'schemes')).map((s) => asString(s))
    urls =
      host === ''
        ? [{ url: basePath, name: 'default' }]
        : (schemes.length > 0 ? schemes : ['https']).map((scheme) => ({ url: `${scheme}://${host}${basePath}`, name: scheme }))
  } else {
    urls = asArray(field(doc, 'servers')).map((server, i) => {
      let url = asString(field(server, 'url'))
      for (const [key, variable] of Object.entries((field(server, 'variables') as Record<string, unknown> | undefined) ?? {})) {
        url = url.split(`{${key}}`).join(asString(field(variable, 'default')))
      }
      return { url: url.replace(/\/+$/, ''), name: asString(field(server, 'description')) || `Server ${i + 1}` }
    })
  }
  const first = urls[0]?.url ?? ''
  out.variables.push({ name: 'baseUrl', value: first, enabled: true, secret: false })
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(first)) {
    out.unsupported.push({
      item: out.name,
      what: `The server URL "${first}" is relative (to wherever the API description is hosted): set the baseUrl variable to the full address.`
    })
  }
  if (urls.length > 1) {
    for (const server of urls)
      out.environments.push({ name: itemName(server.name, server.url), variables: [{ name: 'baseUrl', value: server.url, enabled: true, secret: false }] })
  }
}

function operationRequest(
  path: string,
  method: string,
  pathItem: unknown,
  operation: unknown,
  swagger: boolean,
  doc: unknown,
  unsupported: UnsupportedItem[]
): ImportedRequest {
  const name = itemName(
    asString(field(operation, 'summary')) || asString(field(operation, 'operationId')) || `${method.toUpperCase()} ${path}`,
    `${method.toUpperCase()} ${path}`
  )
  const where = `${method.toUpperCase()} ${path}`
  // Operation parameters override path-level ones of the same name and place.
  const params = new Map<string, Param>()
  for (const p of [...asArray(field(pathItem, 'parameters')), ...asArray(field(operation, 'parameters'))]) {
    params.set(`${asString(field(p, 'in'))}:${asString(field(p, 'name'))}`, p as Param)
  }
  const notes: string[] = []
  let url = `{{baseUrl}}${path}`
  const query: string[] = []
  const optional: string[] = []
  const headers: KeyValue[] = []
  const cookies: string[] = []
  for (const p of params.values()) {
    const pName = asString(field(p, 'name'))
    const value = paramExample(p, swagger)
    switch (asString(field(p, 'in'))) {
      case 'path':
        url = url.split(`{${pName}}`).join(value === undefined ? `{{${pName}}}` : String(value))
        break
      case 'query':
        if (field(p, 'required') === true || value !== undefined)
          query.push(`${encodeURIComponent(pName)}=${encodeURIComponent(value === undefined ? '' : String(Array.isArray(value) ? value.join(',') : value))}`)
        else optional.push(pName)
        break
      case 'header':
        if (!['accept', 'content-type', 'authorization'].includes(pName.toLowerCase())) {
          headers.push({ name: pName, value: value === undefined ? '' : String(value), enabled: field(p, 'required') === true || value !== undefined })
        }
        break
      case 'cookie':
        cookies.push(`${pName}=${value === undefined ? '' : String(value)}`)
        break
    }
  }
  if (cookies.length > 0) headers.push({ name: 'Cookie', value: cookies.join('; '), enabled: true })
  if (query.length > 0) url += `?${query.join('&')}`
  if (optional.length > 0) notes.push(`Optional query parameters: ${optional.join(', ')}.`)
  const body: { body: HttpBody; contentType?: string; note?: string } = operationBody(operation, [...params.values()], swagger, doc, where, unsupported)
  if (body.contentType) headers.push({ name: 'Content-Type', value: body.contentType, enabled: true })
  if (body.note) notes.push(body.note)
  if (field(operation, 'deprecated') === true) notes.unshift('Deprecated.')
  const callbacks = Object.keys((field(operation, 'callbacks') as Record<string, unknown> | undefined) ?? {})
  if (callbacks.length > 0) unsupported.push({ item: where, what: `Callbacks (${callbacks.join(', ')}) are not imported.` })
  if (field(operation, 'servers') !== undefined)
    unsupported.push({ item: where, what: "The operation has its own servers; it uses the collection's baseUrl instead." })
  const description = [descriptionText(field(operation, 'description')), ...notes].filter((s) => s !== '').join('\n\n')
  return { type: 'request', request: { kind: 'http', name, description, method: method.toUpperCase(), url, headers, body: body.body } }
}

function paramExample(p: Param, swagger: boolean): unknown {
  const direct = field(p, 'example') ?? field(p, 'x-example')
  if (direct !== undefined) return direct
  const examples = field(p, 'examples')
  if (examples && typeof examples === 'object') {
    const first = field(Object.values(examples as Record<string, unknown>)[0], 'value')
    if (first !== undefined) return first
  }
  // Swagger 2 puts type and default on the parameter itself; OpenAPI 3 in its schema.
  const schema = swagger ? p : field(p, 'schema')
  const value = field(schema, 'default') ?? field(schema, 'example') ?? asArray(field(schema, 'enum'))[0]
  // An invented value (0, "string") would send a wrong request quietly; {{name}} or empty asks for one.
  return value
}
