import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpBody, MultipartPart } from '../../../shared/http'
import { asArray, asString, field } from './importModel'
import { mediaExample, schemaExample } from './schemaExample'

export type Param = Record<string, unknown>

interface OperationBody {
  body: HttpBody
  /** A Content-Type header to send, when the body type does not imply the documented one. */
  contentType?: string
  /** Said in the request's description: other media types the operation accepts. */
  note?: string
}

const isJson = (type: string): boolean => /^application\/(.+\+)?json\b/i.test(type)
const isXml = (type: string): boolean => /[/+]xml\b/i.test(type)

/** The request body of an operation, with an example built from its schema. */
export function operationBody(
  operation: unknown,
  params: Param[],
  swagger: boolean,
  doc: unknown,
  where: string,
  unsupported: UnsupportedItem[]
): OperationBody {
  if (swagger) return swaggerBody(operation, params, doc, where, unsupported)
  const content = (field(field(operation, 'requestBody'), 'content') as Record<string, unknown> | undefined) ?? {}
  const types = Object.keys(content)
  if (types.length === 0) return { body: { type: 'none' } }
  const preference = [
    isJson,
    (t: string) => t === 'application/x-www-form-urlencoded',
    (t: string) => t.startsWith('multipart/'),
    isXml,
    (t: string) => t.startsWith('text/')
  ]
  const chosen = preference.map((test) => types.find(test)).find((t) => t !== undefined) ?? types[0] ?? ''
  const others = types.filter((t) => t !== chosen)
  const note = others.length > 0 ? `Also accepts: ${others.join(', ')}.` : undefined
  const media = content[chosen]
  const body = bodyFor(chosen, mediaExample(media), field(media, 'schema'), where, unsupported)
  return { ...body, ...(note ? { note } : {}) }
}

function bodyFor(type: string, example: unknown, schema: unknown, where: string, unsupported: UnsupportedItem[]): Omit<OperationBody, 'note'> {
  const lower = type.toLowerCase()
  if (isJson(lower)) {
    return {
      body: { type: 'json', text: example === undefined ? '' : JSON.stringify(example, null, 2) },
      ...(lower === 'application/json' ? {} : { contentType: type })
    }
  }
  if (lower === 'application/x-www-form-urlencoded') {
    const value = example !== null && typeof example === 'object' ? (example as Record<string, unknown>) : {}
    return { body: { type: 'form', fields: Object.entries(value).map(([name, v]) => ({ name, value: text(v), enabled: true })) } }
  }
  if (lower.startsWith('multipart/')) {
    const properties = (field(schema, 'properties') as Record<string, unknown> | undefined) ?? {}
    const value = example !== null && typeof example === 'object' ? (example as Record<string, unknown>) : {}
    const parts: MultipartPart[] = Object.entries(properties).map(([name, property]) =>
      isBinary(property)
        ? { kind: 'file', name, path: '', enabled: true }
        : { kind: 'text', name, value: text(value[name] ?? schemaExample(property)), enabled: true }
    )
    if (parts.some((p) => p.kind === 'file')) unsupported.push({ item: where, what: 'The form has file parts: choose their files in Parley.' })
    return { body: { type: 'multipart', parts } }
  }
  if (isXml(lower)) {
    const xml = typeof example === 'string' ? example : ''
    if (xml === '') unsupported.push({ item: where, what: 'The XML body has no example (Parley builds examples for JSON only); it was left empty.' })
    return { body: { type: 'xml', text: xml }, ...(lower === 'application/xml' ? {} : { contentType: type }) }
  }
  if (lower.startsWith('text/')) return { body: { type: 'text', text: text(example ?? ''), contentType: type } }
  unsupported.push({ item: where, what: `The body is ${type}: choose a file to send in Parley.` })
  return { body: { type: 'binary', path: '', contentType: type } }
}

/** Swagger 2.0: one `in: body` parameter, or `in: formData` parameters, typed by `consumes`. */
function swaggerBody(operation: unknown, params: Param[], doc: unknown, where: string, unsupported: UnsupportedItem[]): OperationBody {
  const consumes = asArray(field(operation, 'consumes') ?? field(doc, 'consumes')).map((c) => asString(c))
  const bodyParam = params.find((p) => p['in'] === 'body')
  const formParams = params.filter((p) => p['in'] === 'formData')
  if (bodyParam) {
    const type = consumes.find(isJson) ?? consumes.find(isXml) ?? consumes[0] ?? 'application/json'
    const example = bodyParam['x-example'] ?? schemaExample(bodyParam['schema'])
    const others = consumes.filter((t) => t !== type)
    const body = bodyFor(type, example, bodyParam['schema'], '', [])
    return { ...body, ...(others.length > 0 ? { note: `Also accepts: ${others.join(', ')}.` } : {}) }
  }
  if (formParams.length > 0) {
    const multipart = consumes.some((t) => t.startsWith('multipart/')) || formParams.some((p) => p['type'] === 'file')
    if (multipart) {
      if (formParams.some((p) => p['type'] === 'file')) unsupported.push({ item: where, what: 'The form has file parts: choose their files in Parley.' })
      return {
        body: {
          type: 'multipart',
          parts: formParams.map((p): MultipartPart =>
            p['type'] === 'file'
              ? { kind: 'file', name: asString(p['name']), path: '', enabled: true }
              : { kind: 'text', name: asString(p['name']), value: text(p['x-example'] ?? p['default'] ?? schemaExample(p) ?? ''), enabled: true }
          )
        }
      }
    }
    return {
      body: {
        type: 'form',
        fields: formParams.map((p) => ({ name: asString(p['name']), value: text(p['x-example'] ?? p['default'] ?? ''), enabled: p['required'] === true }))
      }
    }
  }
  return { body: { type: 'none' } }
}

function isBinary(schema: unknown): boolean {
  const format = asString(field(schema, 'format'))
  if (format === 'binary' || format === 'base64') return true
  if (field(schema, 'contentMediaType') !== undefined && field(schema, 'type') === 'string') return true
  return field(schema, 'type') === 'array' && isBinary(field(schema, 'items'))
}

function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)
}
