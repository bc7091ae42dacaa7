import type { HttpBody, KeyValue } from '../../shared/http'

/** Whether the Content-Type header stays, or goes because the body type now implies it. */
export type HeaderEdit = 'keep' | 'drop'

/**
 * The Parley body for a text and its Content-Type, shared by every importer: JSON, GraphQL, XML,
 * form fields or plain text. The header is dropped only when the body sends the same type itself,
 * so nothing the request sends changes.
 */
export function bodyFromText(text: string, contentType: string | undefined): { body: HttpBody; headerEdit: HeaderEdit } {
  const exact = contentType?.trim().toLowerCase()
  const media = exact?.split(';')[0]?.trim()
  if (media === undefined) {
    if (parsesAsJson(text)) return { body: jsonOrGraphql(text), headerEdit: 'keep' }
    const fields = formFields(text)
    if (fields) return { body: { type: 'form', fields }, headerEdit: 'keep' }
    return { body: { type: 'text', text }, headerEdit: 'keep' }
  }
  if (media === 'application/json' || media.endsWith('+json')) {
    return { body: jsonOrGraphql(text), headerEdit: exact === 'application/json' ? 'drop' : 'keep' }
  }
  if (media === 'application/xml' || media === 'text/xml' || media.endsWith('+xml')) {
    return { body: { type: 'xml', text }, headerEdit: exact === 'application/xml' ? 'drop' : 'keep' }
  }
  if (media === 'application/x-www-form-urlencoded') {
    const fields = formFields(text)
    if (fields && exact === media) return { body: { type: 'form', fields }, headerEdit: 'drop' }
  }
  // contentType is defined here: the body carries it, so the header would only repeat it.
  return { body: { type: 'text', text, contentType: contentType ?? '' }, headerEdit: 'drop' }
}

/** Whether a text is a JSON object or array (numbers and strings alone are not a JSON body). */
export function parsesAsJson(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    return false
  }
}

/** A JSON body shaped like a GraphQL request (`{"query": "...", "variables": {...}}`) becomes one. */
function jsonOrGraphql(text: string): HttpBody {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { type: 'json', text }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { type: 'json', text }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  const query = record['query']
  const onlyGraphqlKeys = keys.every((key) => key === 'query' || key === 'variables' || key === 'operationName')
  if (!onlyGraphqlKeys || typeof query !== 'string' || !/^\s*(query|mutation|subscription|fragment|\{)/.test(query)) {
    return { type: 'json', text }
  }
  const variables = record['variables']
  const operationName = record['operationName']
  return {
    type: 'graphql',
    query,
    variables: variables === undefined || variables === null ? '' : JSON.stringify(variables, null, 2),
    ...(typeof operationName === 'string' ? { operationName } : {})
  }
}

/** Form fields from `a=1&b=2`, or undefined when the text is not a list of pairs. */
export function formFields(text: string): KeyValue[] | undefined {
  if (text === '' || /[\r\n]/.test(text)) return undefined
  const fields: KeyValue[] = []
  for (const pair of text.split('&')) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    if (at <= 0) return undefined
    try {
      fields.push({ name: decode(pair.slice(0, at)), value: decode(pair.slice(at + 1)), enabled: true })
    } catch {
      return undefined
    }
  }
  return fields.length > 0 ? fields : undefined
}

function decode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '))
}
