import { parse as parseYaml } from 'yaml'
import type { ImportFormat } from '../../../shared/convert'
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
  if (/^\s*(\$\s+)?curl(\.exe)?\s/i.test(text)) return 'curl'
  return detectDocument(readDocument(text))
}

export function detectDocument(doc: unknown): ImportFormat {
  if (doc === undefined) return 'unknown'
  const info = field(doc, 'info')
  const schema = String(field(info, 'schema') ?? '')
  if (/getpostman\.com|schema\.postman\.com/.test(schema) || (info !== undefined && Array.isArray(field(doc, 'item')))) return 'postman-collection'
  if (Array.isArray(field(doc, 'values')) && (field(doc, '_postman_variable_scope') !== undefined || typeof field(doc, 'name') === 'string')) {
    return 'postman-environment'
  }
  if (field(doc, '_type') === 'export' && field(doc, '__export_format') !== undefined) return 'insomnia'
  if (/^collection\.insomnia\.rest\//.test(String(field(doc, 'type') ?? ''))) return 'insomnia'
  if (field(doc, 'openapi') !== undefined || field(doc, 'swagger') !== undefined) return 'openapi'
  if (Array.isArray(field(field(doc, 'log'), 'entries'))) return 'har'
  return 'unknown'
}
