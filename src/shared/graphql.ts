import { z } from 'zod'
import { HttpRequestSchema } from './http'
import { SendContextSchema } from './sendContext'

/**
 * GraphQL schemas as they cross the contract. Core fetches a schema by introspection (through the
 * HTTP engine, with the request's variables, headers and auth) or reads it from a file the user
 * chose, checks it with the graphql reference library, and hands the window its **SDL**:
 *
 * - it is what the window needs: `buildSchema(sdl)` gives the editor, the explorer and the
 *   variable checks a full schema with descriptions and `@deprecated` reasons;
 * - it is a third to a tenth of the introspection JSON of the same schema (no `{"kind":…,"ofType":…}`
 *   scaffolding), so it fits the contract's message limit for far larger APIs;
 * - it is text a person can read and search when something looks wrong.
 *
 * The SDL is printed by core from a schema it has already validated, so the window never parses
 * what a server sent.
 */

/** Largest SDL handed to the window (about 5 MB: GitHub's public schema is about 1.3 MB). */
export const MAX_SCHEMA_SDL_CHARS = 5_000_000
/** Largest introspection answer or schema file core reads. */
export const MAX_SCHEMA_SOURCE_BYTES = 50 * 1024 * 1024

export const GraphqlSchemaSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('introspection'), url: z.string().max(8_192) }),
  z.object({ kind: z.literal('file'), path: z.string().max(4_096), format: z.enum(['sdl', 'introspection-json']) })
])
export type GraphqlSchemaSource = z.infer<typeof GraphqlSchemaSourceSchema>

export const GraphqlSchemaSchema = z.object({
  sdl: z.string().min(1).max(MAX_SCHEMA_SDL_CHARS),
  source: GraphqlSchemaSourceSchema,
  /** ISO time the schema was fetched or read. */
  fetchedAt: z.string().max(40),
  /** Named types, built-ins excluded. */
  typeCount: z.number().int().nonnegative(),
  /** True when the answer came from core's cache (no request was sent). */
  cached: z.boolean()
})
export type GraphqlSchema = z.infer<typeof GraphqlSchemaSchema>

export const GraphqlIntrospectInputSchema = z.object({
  /** Lets the window cancel a slow introspection with http.cancel. */
  requestId: z.string().min(1).max(200),
  /** The GraphQL request as composed: its URL, headers, auth and settings are used; its body is replaced. */
  request: HttpRequestSchema,
  context: SendContextSchema.optional(),
  /** Send the introspection query even if a schema for this URL is cached. */
  refresh: z.boolean().default(false)
})

export const GraphqlSchemaFileInputSchema = z.object({
  /** A `.graphql`/`.graphqls`/`.gql` SDL file or an introspection result (`.json`), as chosen by the user. */
  path: z.string().min(1).max(4_096),
  /** The collection the request belongs to: its folder is readable like for a body file. */
  context: SendContextSchema.optional()
})
