import { readFile, stat } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import type { GraphQLSchema } from 'graphql'
import { ParleyError } from '../../shared/errors'
import { MAX_SCHEMA_SOURCE_BYTES, type GraphqlSchema } from '../../shared/graphql'
import type { HttpRequest } from '../../shared/http'
import type { SendContext } from '../../shared/sendContext'
import type { HttpEngine } from '../http/engine'
import type { Handlers } from '../invoke'
import { introspect } from './introspect'
import { schemaFromText, schemaResult } from './schemaText'

export interface GraphqlHandlerDeps {
  http: Pick<HttpEngine, 'send' | 'readBody' | 'discardBody'>
  /** The request as it goes on the wire: variables, inherited headers and auth, file checks, app settings. */
  prepare(request: HttpRequest, context: SendContext | undefined): Promise<HttpRequest>
  /** Checks one file against the file-access rule (collection folder, data dir, or chosen); returns its real path. */
  checkFile(path: string, what: string, context: SendContext | undefined): Promise<string>
  /** Schemas kept (one per URL); the oldest goes first. */
  cacheSize?: number
}

/**
 * `graphql.introspect` and `graphql.schemaFile`. Introspection goes through the HTTP engine like any
 * send, so the request's `{{variables}}`, inherited headers and auth apply; the schema is cached per
 * (resolved) URL until the window asks for a refresh.
 */
export function createGraphqlHandlers(deps: GraphqlHandlerDeps): Pick<Handlers, 'graphql.introspect' | 'graphql.schemaFile'> {
  const cache = new Map<string, Omit<GraphqlSchema, 'cached'>>()
  const cacheSize = deps.cacheSize ?? 20
  const remember = (url: string, result: Omit<GraphqlSchema, 'cached'>) => {
    cache.delete(url)
    cache.set(url, result)
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
  }
  return {
    'graphql.introspect': async ({ requestId, request, context, refresh }) => {
      const prepared = await deps.prepare(request, context)
      const url = prepared.url.trim()
      const kept = cache.get(url)
      if (kept && !refresh) return { ...kept, cached: true }
      const schema = await introspect(deps.http, requestId || randomUUID(), prepared)
      const result = schemaResult(schema, { kind: 'introspection', url }, new Date())
      remember(url, result)
      return { ...result, cached: false }
    },
    'graphql.schemaFile': async ({ path, context }) => {
      const real = await deps.checkFile(path, 'the GraphQL schema file', context)
      const { schema, format } = await readSchemaFile(real, path)
      return { ...schemaResult(schema, { kind: 'file', path, format }, new Date()), cached: false }
    }
  }
}

async function readSchemaFile(real: string, shown: string): Promise<{ schema: GraphQLSchema; format: 'sdl' | 'introspection-json' }> {
  const info = await stat(real).catch((error: NodeJS.ErrnoException) => {
    throw new ParleyError(
      'file_not_found',
      `The schema file ${shown} cannot be read: ${error.code === 'ENOENT' ? 'it does not exist' : error.message}.`,
      'Choose the file again.'
    )
  })
  if (!info.isFile()) throw new ParleyError('invalid_schema', `${shown} is not a regular file.`, 'Choose a .graphql or .json file.')
  if (info.size > MAX_SCHEMA_SOURCE_BYTES) {
    throw new ParleyError(
      'schema_too_large',
      `${shown} is ${info.size} bytes, more than the ${MAX_SCHEMA_SOURCE_BYTES} Parley reads.`,
      'Use a smaller schema file.'
    )
  }
  return schemaFromText(await readFile(real, 'utf8'), `The file ${shown}`)
}
