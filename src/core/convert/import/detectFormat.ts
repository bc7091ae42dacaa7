import { parse as parseYaml } from 'yaml'
import type { ImportFormat } from '../../../shared/convert'
import { looksLikeCurl } from '../curl/curlScript'
import { brunoFolderMark } from './brunoFolder'
import { field } from './importModel'

/** A document read as JSON, or YAML (OpenAPI is often YAML); undefined when it is neither. */
export function readDocument(text: string): unknown {
  const trimmed = text.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed)
    } catch {
      // Fall through: YAML is a superset of JSON and reports the position of the mistake.
    }
  }
  try {
    const value: unknown = parseYaml(trimmed, { maxAliasCount: 1000 })
    return value !== null && typeof value === 'object' ? value : undefined
  } catch {
    return undefined
  }
}

/** Which format a file is in, from the marks each tool leaves in its exports. */
export function detectFormat(text: string): ImportFormat {
  if (looksLikeCurl(text)) return 'curl'
  return detectDocument(readDocument(text))
}

export function detectDocument(doc: unknown): ImportFormat {
  if (doc === undefined) return 'unknown'
  if (field(doc, '_type') === 'export' && field(doc, '__export_format') !== undefined) return 'insomnia'
  if (/^(collection|spec|environment)\.insomnia\.rest\//.test(String(field(doc, 'type') ?? ''))) return 'insomnia'
  if (field(doc, 'openapi') !== undefined || field(doc, 'swagger') !== undefined) return 'openapi'
  if (Array.isArray(field(field(doc, 'log'), 'entries'))) return 'har'
  if (field(doc, 'parleyImport') === brunoFolderMark) return 'bruno'
  if (field(doc, 'parleyImport') === 'files') {
    // Several files chosen together: the format of the first one Parley can import.
    for (const f of Array.isArray(field(doc, 'files')) ? (field(doc, 'files') as unknown[]) : []) {
      const format = detectDocument(readDocument(String(field(f, 'text') ?? '')))
      if (format !== 'unknown' && format !== 'curl') return format
    }
    return 'unknown'
  }
  const items = field(doc, 'items')
  const brunoTypes = ['http-request', 'graphql-request', 'folder', 'ws-request', 'grpc-request']
  if (
    field(doc, 'brunoConfig') !== undefined ||
    (Array.isArray(items) && field(doc, 'version') !== undefined && items.some((i) => brunoTypes.includes(String(field(i, 'type')))))
  )
    return 'bruno'
  const collection = postmanCollectionOf(doc)
  const info = field(collection, 'info')
  const schema = String(field(info, 'schema') ?? '')
  if (/getpostman\.com|schema\.postman\.com/.test(schema) || (info !== undefined && Array.isArray(field(collection, 'item')))) return 'postman-collection'
  // A v2 collection with no `info` block (newman's fixtures, hand-written ones): items that are requests or folders.
  if (info === undefined && isPostmanItemList(field(collection, 'item'))) return 'postman-collection'
  const environment = postmanEnvironmentOf(doc)
  const values = field(environment, 'values')
  if (Array.isArray(values) && (field(environment, '_postman_variable_scope') !== undefined || typeof field(environment, 'name') === 'string')) {
    return 'postman-environment'
  }
  // An environment with only `values` (as newman and the API accept it): each value a `{ key, value }`.
  if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof field(v, 'key') === 'string')) return 'postman-environment'
  return 'unknown'
}

/** Postman's API (and Bruno's importer) wrap a collection as `{ "collection": { info, item } }`. */
export function postmanCollectionOf(doc: unknown): unknown {
  const inner = field(doc, 'collection')
  return field(doc, 'item') === undefined && inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : doc
}

/** The same envelope for environments: `{ "environment": { name, values } }`. */
export function postmanEnvironmentOf(doc: unknown): unknown {
  const inner = field(doc, 'environment')
  return field(doc, 'values') === undefined && inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : doc
}

function isPostmanItemList(items: unknown): boolean {
  return Array.isArray(items) && items.length > 0 && items.some((item) => field(item, 'request') !== undefined || Array.isArray(field(item, 'item')))
}
