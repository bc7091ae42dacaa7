import { z } from 'zod'
import { CollectionIdSchema } from './collection'
import { HttpRequestSchema } from './http'
import { SocketIoRequestSchema } from './realtime'

/**
 * Import and export: cURL commands in and out, code snippets, and whole collections from and to
 * other tools (Postman, Insomnia, OpenAPI, HAR). Whatever Parley cannot represent is reported,
 * never silently dropped.
 */

/** A pasted command is at most this long; a whole import file at most `importMaxChars`. */
export const curlMaxChars = 1_000_000
export const importMaxChars = 50_000_000

export const CurlParseInputSchema = z.strictObject({ command: z.string().max(curlMaxChars) })
export const CurlParseOutputSchema = z.object({
  /** Valid for HttpRequestSchema: defaults already applied. */
  request: HttpRequestSchema,
  /** Options and parts of the command Parley could not carry over, each a sentence. */
  warnings: z.array(z.string())
})
export type CurlParseOutput = z.infer<typeof CurlParseOutputSchema>

export const ExportCurlInputSchema = z.strictObject({ request: HttpRequestSchema })
export const ExportCurlOutputSchema = z.object({ command: z.string(), warnings: z.array(z.string()) })

export const SnippetTargetIdSchema = z.enum([
  'curl',
  'fetch',
  'axios',
  'node-fetch',
  'node-axios',
  'node-http',
  'python-requests',
  'go',
  'java',
  'java-okhttp',
  'java-unirest',
  'kotlin-okhttp',
  'csharp',
  'csharp-restsharp',
  'php-curl',
  'php-guzzle',
  'ruby',
  'swift',
  'objc',
  'c-libcurl',
  'clojure',
  'ocaml',
  'r',
  'powershell',
  'httpie',
  'wget',
  'http'
])
export type SnippetTargetId = z.infer<typeof SnippetTargetIdSchema>

export const SnippetInputSchema = z.strictObject({ request: HttpRequestSchema, target: SnippetTargetIdSchema })
export const SnippetOutputSchema = z.object({ code: z.string(), warnings: z.array(z.string()) })
export const SnippetTargetSchema = z.object({
  id: SnippetTargetIdSchema,
  label: z.string(),
  /** The language, for syntax highlighting. */
  language: z.string()
})
export const SnippetTargetsOutputSchema = z.object({ targets: z.array(SnippetTargetSchema) })

export const SocketIoSnippetInputSchema = z.strictObject({ request: SocketIoRequestSchema })
export const SocketIoSnippetOutputSchema = z.object({ code: z.string() })

export const ImportFormatSchema = z.enum([
  'curl',
  'postman-collection',
  'postman-environment',
  'insomnia',
  'openapi',
  'har',
  /** Bruno's JSON export, or a collection folder sent as its files (see brunoFolder.ts). */
  'bruno',
  'unknown'
])
export type ImportFormat = z.infer<typeof ImportFormatSchema>

export const ImportDetectInputSchema = z.strictObject({ text: z.string().max(importMaxChars) })
export const ImportDetectOutputSchema = z.object({ format: ImportFormatSchema })

export const ImportRunInputSchema = z.strictObject({
  text: z.string().max(importMaxChars),
  /** Omitted: detected from the text. */
  format: ImportFormatSchema.exclude(['unknown']).optional(),
  /** The folder in which the new collection's folder is created (named after the collection). */
  targetDir: z.string().min(1)
})
export type ImportRunInput = z.infer<typeof ImportRunInputSchema>

/** One thing an imported file had that Parley cannot represent. */
export const UnsupportedItemSchema = z.object({
  /** Which request, folder or part of the file, e.g. `Users / Create user`. */
  item: z.string(),
  what: z.string()
})
export type UnsupportedItem = z.infer<typeof UnsupportedItemSchema>

export const ImportResultSchema = z.object({
  format: ImportFormatSchema,
  /** The new collection's folder (for a preview: where it would be created). */
  collectionPath: z.string(),
  /** Set once the collection exists and is open; absent for a preview. */
  collectionId: CollectionIdSchema.optional(),
  name: z.string(),
  /** Requests imported (or, for a preview, that would be). */
  imported: z.number().int().nonnegative(),
  folders: z.number().int().nonnegative(),
  environments: z.number().int().nonnegative(),
  unsupported: z.array(UnsupportedItemSchema)
})
export type ImportResult = z.infer<typeof ImportResultSchema>

export const ExportPostmanInputSchema = z.strictObject({ collectionPath: z.string().min(1) })
export const ExportJsonOutputSchema = z.object({
  /** The exported document, pretty-printed. */
  json: z.string(),
  /** What did not fit the target format. */
  unsupported: z.array(UnsupportedItemSchema)
})

export const ExportYamlOutputSchema = z.object({
  /** The exported document, as YAML. */
  yaml: z.string(),
  /** What did not fit the target format. */
  unsupported: z.array(UnsupportedItemSchema)
})

export const ExportHarInputSchema = z.union([
  z.strictObject({ request: HttpRequestSchema, name: z.string().optional() }),
  z.strictObject({ history: z.literal(true), limit: z.number().int().min(1).max(100_000).optional() })
])
export type ExportHarInput = z.infer<typeof ExportHarInputSchema>
