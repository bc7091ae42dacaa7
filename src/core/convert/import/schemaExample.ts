import { asArray, field } from './importModel'

/**
 * An example value for a JSON schema (OpenAPI flavour): the schema's own example or default
 * first, then one built from its type. Depth and cycles are bounded, since dereferenced schemas
 * may refer to themselves.
 */
export function schemaExample(schema: unknown, depth = 0, seen: Set<unknown> = new Set()): unknown {
  if (schema === null || typeof schema !== 'object' || depth > 8 || seen.has(schema)) return undefined
  const own = field(schema, 'example') ?? firstExample(field(schema, 'examples')) ?? field(schema, 'default') ?? field(schema, 'const')
  if (own !== undefined) return own
  const enumValues = asArray(field(schema, 'enum'))
  if (enumValues.length > 0) return enumValues[0]
  const next = new Set(seen).add(schema)
  const allOf = asArray(field(schema, 'allOf'))
  if (allOf.length > 0) {
    const merged: Record<string, unknown> = {}
    for (const part of allOf) {
      const value = schemaExample(part, depth + 1, next)
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(merged, value)
    }
    return merged
  }
  const choice = asArray(field(schema, 'oneOf'))[0] ?? asArray(field(schema, 'anyOf'))[0]
  if (choice !== undefined) return schemaExample(choice, depth + 1, next)
  const rawType = field(schema, 'type')
  // OpenAPI 3.1 allows a list of types, e.g. ["string", "null"].
  const type = Array.isArray(rawType) ? rawType.find((t) => t !== 'null') : rawType
  const properties = field(schema, 'properties')
  if (type === 'object' || (type === undefined && properties !== undefined)) {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries((properties as Record<string, unknown> | undefined) ?? {})) {
      if (field(value, 'readOnly') === true) continue
      const example = schemaExample(value, depth + 1, next)
      if (example !== undefined) out[key] = example
    }
    return out
  }
  if (type === 'array') {
    const item = schemaExample(field(schema, 'items'), depth + 1, next)
    return item === undefined ? [] : [item]
  }
  if (type === 'string') return stringExample(String(field(schema, 'format') ?? ''))
  if (type === 'integer') return 0
  if (type === 'number') return 0
  if (type === 'boolean') return true
  return undefined
}

function firstExample(examples: unknown): unknown {
  if (Array.isArray(examples)) return examples[0]
  return undefined
}

function stringExample(format: string): string {
  switch (format) {
    case 'date':
      return '2024-01-01'
    case 'date-time':
      return '2024-01-01T00:00:00Z'
    case 'email':
      return 'user@example.com'
    case 'uuid':
      return '00000000-0000-0000-0000-000000000000'
    case 'uri':
    case 'url':
      return 'https://example.com'
    case 'binary':
      return ''
    default:
      return 'string'
  }
}

/** The example of a media type object (OpenAPI 3): `example`, the first of `examples`, or from the schema. */
export function mediaExample(media: unknown): unknown {
  const example = field(media, 'example')
  if (example !== undefined) return example
  const examples = field(media, 'examples')
  if (examples && typeof examples === 'object') {
    const first = Object.values(examples as Record<string, unknown>)[0]
    const value = field(first, 'value')
    if (value !== undefined) return value
  }
  return schemaExample(field(media, 'schema'))
}
