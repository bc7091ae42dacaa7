import { buildClientSchema, buildSchema, isSpecifiedScalarType, printSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql'
import { ParleyError } from '../../shared/errors'
import { MAX_SCHEMA_SDL_CHARS, type GraphqlSchema, type GraphqlSchemaSource } from '../../shared/graphql'

/**
 * A schema from the text of a file or an introspection answer: SDL (`type Query { … }`) or
 * introspection JSON (`{ "data": { "__schema": … } }`, `{ "__schema": … }`). Throws a readable
 * `invalid_schema` error that says what was wrong, with line and column for SDL.
 */
export function schemaFromText(text: string, where: string): { schema: GraphQLSchema; format: 'sdl' | 'introspection-json' } {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '')
    throw new ParleyError(
      'invalid_schema',
      `${where} is empty.`,
      'Choose a .graphql file with the schema in SDL, or the JSON answer of an introspection query.'
    )
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { schema: schemaFromIntrospectionJson(trimmed, where), format: 'introspection-json' }
  try {
    return { schema: buildSchema(trimmed), format: 'sdl' }
  } catch (error) {
    throw new ParleyError(
      'invalid_schema',
      `${where} is not a valid GraphQL schema: ${firstLine(error)}`,
      'It should be SDL (type Query { … }) or the JSON answer of an introspection query.'
    )
  }
}

/** The `__schema` of an introspection answer, checked and built. */
export function schemaFromIntrospectionJson(text: string, where: string): GraphQLSchema {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ParleyError(
      'invalid_schema',
      `${where} is not valid JSON: ${firstLine(error)}`,
      'An introspection result is JSON like { "data": { "__schema": { … } } }.'
    )
  }
  return schemaFromIntrospection(parsed, where)
}

export function schemaFromIntrospection(parsed: unknown, where: string): GraphQLSchema {
  const record = (parsed ?? {}) as Record<string, unknown>
  const data = (typeof record['data'] === 'object' && record['data'] !== null ? record['data'] : record) as Record<string, unknown>
  if (typeof data['__schema'] !== 'object' || data['__schema'] === null) {
    throw new ParleyError(
      'invalid_schema',
      `${where} holds no "__schema".`,
      'An introspection result is JSON like { "data": { "__schema": { … } } }, as the introspection query returns it.'
    )
  }
  try {
    return buildClientSchema(data as unknown as IntrospectionQuery)
  } catch (error) {
    throw new ParleyError('invalid_schema', `${where} is not a usable introspection result: ${firstLine(error)}`, 'Fetch it again, or load the schema as SDL.')
  }
}

/** What goes to the window: the schema printed as SDL, and what it came from. */
export function schemaResult(schema: GraphQLSchema, source: GraphqlSchemaSource, fetchedAt: Date): Omit<GraphqlSchema, 'cached'> {
  const sdl = printSchema(schema)
  if (sdl.length > MAX_SCHEMA_SDL_CHARS) {
    throw new ParleyError(
      'schema_too_large',
      `The schema is ${sdl.length.toLocaleString('en')} characters as SDL, more than the ${MAX_SCHEMA_SDL_CHARS.toLocaleString('en')} Parley handles.`,
      'Use a smaller schema file (the part of the API you call).'
    )
  }
  const typeCount = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type)).length
  return { sdl, source, fetchedAt: fetchedAt.toISOString(), typeCount }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}
