import { z } from 'zod'
import { CollectionIdSchema } from './collection'
import { HttpRequestSchema } from './http'
import { SocketIoRequestSchema } from './realtime'

/**
 * Import and export: cURL commands in and out, code snippets, and whole collections from and to
 * other tools (Postman, Insomnia, OpenAPI, HAR). Whatever Parley cannot represent is reported,
 * never silently dropped.
 */

/**
 * A pasted command is at most this long; a whole import file at most `importMaxChars`. Every call
 * must fit in one message of the browser host (16 MiB, `hostMaxFrameBytes` in wire.ts), and JSON
 * can take up to 6 bytes for one character (`\u0001`): so a text given in one call is at most
 * 2,000,000 characters, and a longer import file travels in parts (import.begin, import.append).
 */
export const curlMaxChars = 1_000_000
export const importMaxChars = 50_000_000
export const importPartMaxChars = 2_000_000

export const CurlParseInputSchema = z.strictObject({
  command: z
    .string()
    .max(
      curlMaxChars,
      'a pasted cURL command is at most 1,000,000 characters: import a longer one from a file (Import), or put its body in a file and use -d @file'
    )
})
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

/** A text to import: given whole (up to importPartMaxChars), or the id of one sent in parts. */
const ImportIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'an importId is the id import.begin returned')
const importTextFields = {
  text: z
    .string()
    .max(importPartMaxChars, 'a text given in one call is at most 2,000,000 characters: send a longer one in parts with import.begin and import.append')
    .optional(),
  importId: ImportIdSchema.optional()
}
const oneImportText = (input: { text?: string | undefined; importId?: string | undefined }): boolean =>
  (input.text === undefined) !== (input.importId === undefined)
const oneImportTextMessage = { message: 'give either the text to import or the importId of one sent in parts, not both' }

export const ImportDetectInputSchema = z.strictObject(importTextFields).refine(oneImportText, oneImportTextMessage)
export const ImportDetectOutputSchema = z.object({ format: ImportFormatSchema })

/** What import.run needs once the text is whole: core's importers take this. */
export const ImportRunInputSchema = z.strictObject({
  text: z.string().max(importMaxChars),
  /** Omitted: detected from the text. */
  format: ImportFormatSchema.exclude(['unknown']).optional(),
  /** The folder in which the new collection's folder is created (named after the collection). */
  targetDir: z.string().min(1)
})
export type ImportRunInput = z.infer<typeof ImportRunInputSchema>

/** import.preview and import.run: ImportRunInput with the text given whole or by importId. */
export const ImportCallInputSchema = ImportRunInputSchema.omit({ text: true }).extend(importTextFields).refine(oneImportText, oneImportTextMessage)

/** A text too long for one call (a file chosen in the Import dialog) is sent in parts. */
export const ImportBeginInputSchema = z.strictObject({})
export const ImportBeginOutputSchema = z.object({ importId: z.string() })
export const ImportAppendInputSchema = z.strictObject({
  importId: ImportIdSchema,
  text: z.string().max(importPartMaxChars, 'a part is at most 2,000,000 characters')
})
export const ImportAppendOutputSchema = z.object({ chars: z.number().int().nonnegative() })

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
