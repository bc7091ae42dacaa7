import { z } from 'zod'
import { CollectionIdSchema, RelPathSchema } from './collectionRefs'
import { HeaderListSchema } from './http'

/**
 * Response history, saved examples and diffs between any two responses (issue 18). A saved
 * request is named by its collection and path; an unsaved one by the tab it lives in.
 */
export const ResponseTargetSchema = z.union([
  z.strictObject({ collectionId: CollectionIdSchema, path: RelPathSchema }),
  z.strictObject({ tabId: z.string().min(1).max(200) })
])
export type ResponseTarget = z.infer<typeof ResponseTargetSchema>

const EntryIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,80}$/, 'a response history id is the id a send gave')

export const ResponseEntrySchema = z.object({
  /** The send's requestId: the response on screen is the entry with its requestId. */
  id: z.string(),
  at: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  headers: HeaderListSchema,
  timeMs: z.number().nonnegative(),
  size: z.number().int().nonnegative(),
  contentType: z.string().nullable(),
  /** false when the body was larger than the history may hold: status and headers only. */
  bodyKept: z.boolean()
})
export type ResponseEntry = z.infer<typeof ResponseEntrySchema>

export const ResponseLimitsSchema = z.object({
  /** Responses kept per request, newest first. */
  perRequest: z.number().int().min(1).max(1000),
  /** All kept bodies together, in bytes; the oldest responses go first past it. */
  maxTotalBytes: z
    .number()
    .int()
    .min(1024 * 1024)
})
export type ResponseLimits = z.infer<typeof ResponseLimitsSchema>
export const defaultResponseLimits: ResponseLimits = { perRequest: 20, maxTotalBytes: 200 * 1024 * 1024 }

export const ResponseListInput = z.strictObject({ target: ResponseTargetSchema })
export const ResponseListOutput = z.object({ entries: z.array(ResponseEntrySchema), limits: ResponseLimitsSchema, totalBytes: z.number().int() })
export const ResponseGetInput = z.strictObject({ target: ResponseTargetSchema, id: EntryIdSchema })

export const ExampleNameSchema = z.string().trim().min(1, 'an example needs a name').max(120)
export const ExampleSchema = z.object({
  name: ExampleNameSchema,
  savedAt: z.string().optional(),
  status: z.number().int(),
  statusText: z.string().default(''),
  headers: HeaderListSchema.default([]),
  /** The body as text; binary bodies use bodyBase64 instead. */
  body: z.string().optional(),
  bodyBase64: z.string().optional(),
  /** Paths the "matches example" check and the diff leave out by default, e.g. `**.createdAt`. */
  ignorePaths: z.array(z.string()).default([])
})
export type Example = z.infer<typeof ExampleSchema>

const SavedRequestRef = { collectionId: CollectionIdSchema, path: RelPathSchema }
export const ExampleListInput = z.strictObject(SavedRequestRef)
export const ExampleListOutput = z.object({ examples: z.array(ExampleSchema.extend({ file: z.string() })) })
export const ExampleSaveInput = z.strictObject({
  ...SavedRequestRef,
  name: ExampleNameSchema,
  /** The history entry (of this request) to save. */
  from: z.strictObject({ target: ResponseTargetSchema, id: EntryIdSchema }),
  ignorePaths: z.array(z.string().max(500)).max(100).default([])
})
export const ExampleRefInput = z.strictObject({ ...SavedRequestRef, name: ExampleNameSchema })

/** One side of a comparison: a response from history or a saved example. */
export const CompareSideSchema = z.union([
  z.strictObject({ history: z.strictObject({ target: ResponseTargetSchema, id: EntryIdSchema }) }),
  z.strictObject({ example: ExampleRefInput })
])
export type CompareSide = z.infer<typeof CompareSideSchema>

export const IgnorePathsSchema = z.array(z.string().trim().min(1).max(500)).max(100)
export const CompareInput = z.strictObject({ left: CompareSideSchema, right: CompareSideSchema, ignorePaths: IgnorePathsSchema.default([]) })

export const BodyChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed', 'moved']),
  /** `notes[2].title`; the root is `$`. */
  path: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  /** For moves: the old and new index. */
  from: z.number().int().optional(),
  to: z.number().int().optional()
})
export type BodyChange = z.infer<typeof BodyChangeSchema>

export const LineChangeSchema = z.object({ kind: z.enum(['added', 'removed']), line: z.number().int(), text: z.string() })

export const CompareOutput = z.object({
  status: z.object({ left: z.number().int(), right: z.number().int(), leftText: z.string(), rightText: z.string() }),
  headers: z.array(z.object({ name: z.string(), kind: z.enum(['added', 'removed', 'changed']), left: z.string().optional(), right: z.string().optional() })),
  body: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('json'), changes: z.array(BodyChangeSchema), truncated: z.boolean(), ignored: z.number().int() }),
    z.object({ kind: z.literal('lines'), changes: z.array(LineChangeSchema), truncated: z.boolean() }),
    z.object({ kind: z.literal('missing'), reason: z.string() })
  ]),
  /** Both bodies as text for the side-by-side view (JSON pretty-printed), cut at a size the view can show. */
  text: z.object({ left: z.string(), right: z.string(), cut: z.boolean() }),
  equal: z.boolean()
})
export type CompareResult = z.infer<typeof CompareOutput>
