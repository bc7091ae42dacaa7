import { getIntrospectionQuery } from 'graphql'
import { ParleyError } from '../../shared/errors'
import { MAX_SCHEMA_SOURCE_BYTES } from '../../shared/graphql'
import type { HttpRequest, HttpResponse } from '../../shared/http'
import type { HttpEngine } from '../http/engine'
import { schemaFromIntrospection } from './schemaText'
import type { GraphQLSchema } from 'graphql'

/** The GraphQL request as an introspection POST: same URL, headers, auth and settings, a new body. */
export function introspectionRequest(request: HttpRequest, withArgDeprecations: boolean): HttpRequest {
  const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: withArgDeprecations })
  return { ...request, method: 'POST', body: { type: 'graphql', query, variables: '', operationName: 'IntrospectionQuery' } }
}

/**
 * Sends the introspection query (already prepared: variables resolved, headers and auth inherited)
 * and builds the schema. Servers that do not know `includeDeprecated` on arguments (older
 * graphql-js, some others) get the query again without it.
 */
export async function introspect(
  http: Pick<HttpEngine, 'send' | 'readBody' | 'discardBody'>,
  requestId: string,
  prepared: HttpRequest
): Promise<GraphQLSchema> {
  let answer = await ask(http, requestId, introspectionRequest(prepared, true))
  if (!hasSchema(answer.json)) {
    const retry = await ask(http, `${requestId}-retry`, introspectionRequest(prepared, false))
    if (hasSchema(retry.json)) answer = retry
  }
  const { response, json, text } = answer
  if (hasSchema(json)) return schemaFromIntrospection(json, `The introspection answer of ${prepared.url}`)
  const errors = errorsOf(json)
  if (errors.length > 0) {
    throw new ParleyError(
      'introspection_failed',
      `${prepared.url} answered the introspection query with ${errors.length === 1 ? 'an error' : 'errors'}: ${errors.slice(0, 3).join('; ')}`,
      'The server may have introspection turned off (many do in production): load the schema from a .graphql or introspection .json file instead.'
    )
  }
  const status = `HTTP ${response.status} ${response.statusText}`.trim()
  const preview = text.trim().slice(0, 200)
  throw new ParleyError(
    'introspection_failed',
    `${prepared.url} did not answer the introspection query with a schema (${status}${preview ? `: ${preview}` : ', empty body'}).`,
    response.status === 401 || response.status === 403
      ? "Check the request's auth and headers: introspection is sent with them."
      : 'Check that the URL is the GraphQL endpoint (often /graphql), or load the schema from a file.'
  )
}

async function ask(
  http: Pick<HttpEngine, 'send' | 'readBody' | 'discardBody'>,
  requestId: string,
  request: HttpRequest
): Promise<{ response: HttpResponse; json: unknown; text: string }> {
  const response = await http.send(requestId, request)
  const text = await bodyText(http, response)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { response, json, text }
}

function hasSchema(json: unknown): boolean {
  const data = (json as { data?: { __schema?: unknown } } | undefined)?.data
  return typeof data?.__schema === 'object' && data.__schema !== null
}

function errorsOf(json: unknown): string[] {
  const errors = (json as { errors?: unknown } | undefined)?.errors
  return Array.isArray(errors) ? errors.map((e) => String((e as { message?: unknown })?.message ?? JSON.stringify(e))) : []
}

/** The whole answer as text, up to the limit; a large one was kept in a file by the engine, read and then removed. */
async function bodyText(http: Pick<HttpEngine, 'readBody' | 'discardBody'>, response: HttpResponse): Promise<string> {
  const body = response.body
  if (body.kind === 'inline') return body.text ?? Buffer.from(body.base64, 'base64').toString('utf8')
  try {
    if (body.size > MAX_SCHEMA_SOURCE_BYTES) {
      throw new ParleyError(
        'schema_too_large',
        `The introspection answer is ${body.size} bytes, more than the ${MAX_SCHEMA_SOURCE_BYTES} Parley reads.`,
        'Load the schema from an SDL file instead: it is much smaller.'
      )
    }
    const chunks: Buffer[] = []
    for (let offset = 0; offset < body.size;) {
      const slice = await http.readBody(body.bodyId, offset, 1024 * 1024)
      chunks.push(Buffer.from(slice.base64, 'base64'))
      offset += slice.length
      if (slice.eof || slice.length === 0) break
    }
    return Buffer.concat(chunks).toString('utf8')
  } finally {
    await http.discardBody(body.bodyId).catch(() => undefined)
  }
}
