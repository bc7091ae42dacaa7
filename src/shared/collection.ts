import { z } from 'zod'
import { HttpAuthSchema, HttpRequestSchema, KeyValueSchema } from './http'
import { CollectionIdSchema, RelPathSchema } from './collectionRefs'
import { SocketIoRequestSchema, SseRequestSchema, WebSocketRequestSchema } from './realtime'
import { AssertionSchema, ScriptsSchema } from './scripts'
import { RealtimeStepsSchema } from './realtimeSteps'
import { coversKinds, RequestKindSchema, type Exact, type RequestKind } from './requestKinds'

export { CollectionIdSchema, RelPathSchema }

/**
 * The on-disk format of a collection (see docs/collection-format.md) and the shapes of the
 * collection, environment, variable, workspace and history calls of the contract.
 */

export const collectionFormatVersion = 1

// ---------------------------------------------------------------- names and paths

/** A display name: also becomes a file or folder name (as a slug), so separators are refused. */
export const ItemNameSchema = z
  .string()
  .trim()
  .min(1, 'a name cannot be empty')
  .max(200, 'a name is at most 200 characters')
  .refine((name) => !/[/\\\0]/.test(name), 'a name cannot contain / or \\')
  .refine((name) => name !== '.' && name !== '..', 'a name cannot be . or ..')

/**
 * A request's name as saved: its file name is a slug of it (`GET /api/notes` → `get-api-notes.yaml`),
 * so a slash is fine here. (Rename and duplicate, which also serve folders, keep the stricter rule.)
 */
export const RequestNameSchema = z
  .string()
  .trim()
  .min(1, 'a name cannot be empty')
  .max(200, 'a name is at most 200 characters')
  .refine((name) => !name.includes('\0'), 'a name cannot contain a NUL character')
  .refine((name) => name !== '.' && name !== '..', 'a name cannot be . or ..')

// ---------------------------------------------------------------- variables

export const VariableNameSchema = z
  .string()
  .trim()
  .min(1, 'a variable needs a name')
  .max(200)
  .refine((name) => !/[{}]/.test(name), 'a variable name cannot contain { or }')
  .refine((name) => !name.startsWith('$'), 'names starting with $ are reserved for dynamic values ($uuid, …)')

/** A variable; a secret one is written to files without its value (the value lives in the data dir). */
export const VariableSchema = z.object({
  name: VariableNameSchema,
  value: z.string().default(''),
  enabled: z.boolean().default(true),
  secret: z.boolean().default(false)
})
export type Variable = z.infer<typeof VariableSchema>
export type VariableInput = z.input<typeof VariableSchema>

// ---------------------------------------------------------------- request files

/**
 * Pre-request and post-response scripts of a request (Postman pre-request/test, Insomnia pre-request/
 * after-response when imported); they run in core's sandbox (src/core/scripts).
 */
export const RequestScriptsSchema = ScriptsSchema
export type RequestScripts = z.infer<typeof RequestScriptsSchema>

/**
 * The description in other languages, by language tag (`es`, `pt-BR`): `description` is the text in the
 * collection's own language, and a reader shows the entry for its language when there is one.
 */
export const DescriptionsSchema = z
  .record(z.string(), z.string().max(100_000, 'a description is at most 100,000 characters'))
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is not a language: a description language is a tag such as es or pt-BR` })
      }
    }
  })
  .default({})
export type Descriptions = z.infer<typeof DescriptionsSchema>

/** The description to show in `language` (`es-MX` falls back to `es`, then to `description`). */
export function descriptionIn(item: { description?: string; descriptions?: Descriptions }, language: string): string {
  const all = item.descriptions ?? {}
  const base = language.split('-')[0] ?? language
  return all[language] ?? all[base] ?? item.description ?? ''
}

const requestHeader = {
  name: RequestNameSchema,
  description: z.string().default(''),
  descriptions: DescriptionsSchema
}
/** Last in the file, after the fields of the kind: a live request's steps (src/shared/realtimeSteps.ts), its scripts. */
const requestTail = { steps: RealtimeStepsSchema.optional(), scripts: RequestScriptsSchema.optional() }

/** Pre-request and post-response scripts, and assertion rows (see src/core/scripts). */
const testFields = { scripts: ScriptsSchema.optional(), assertions: z.array(AssertionSchema).max(1000).default([]) }

export const HttpRequestFileSchema = z.object({ kind: z.literal('http'), ...requestHeader, ...HttpRequestSchema.shape, ...testFields })
export const SocketIoRequestFileSchema = z.object({
  kind: z.literal('socketio'),
  ...requestHeader,
  ...SocketIoRequestSchema.shape,
  ...requestTail
})
export const WebSocketRequestFileSchema = z.object({
  kind: z.literal('websocket'),
  ...requestHeader,
  ...WebSocketRequestSchema.shape,
  ...requestTail
})
export const SseRequestFileSchema = z.object({ kind: z.literal('sse'), ...requestHeader, ...SseRequestSchema.shape, ...requestTail })

/** One request file: `kind`, `name`, `description`, then the fields of that kind. */
export const SavedRequestSchema = z.discriminatedUnion('kind', [
  HttpRequestFileSchema,
  SocketIoRequestFileSchema,
  WebSocketRequestFileSchema,
  SseRequestFileSchema
])
export type SavedRequest = z.infer<typeof SavedRequestSchema>
export type SavedRequestInput = z.input<typeof SavedRequestSchema>
// The kinds, their schemas and what each can do are one table: ./requestKinds.ts.
export { RequestKindSchema, type RequestKind } from './requestKinds'
coversKinds<Exact<SavedRequest['kind'], RequestKind>>()

// ---------------------------------------------------------------- collection, folder, environment files

const folderFields = {
  description: z.string().default(''),
  descriptions: DescriptionsSchema,
  headers: z.array(KeyValueSchema).default([]),
  variables: z.array(VariableSchema).default([]),
  /** File and folder names in display order; names not listed follow, alphabetically. */
  order: z.array(z.string()).default([])
}

/**
 * Where literal credentials of auth fields (tokens, passwords, secret keys) are kept: encrypted in
 * the data dir with a reference in the file (`secret-store`, the default), or in the files themselves.
 */
export const CredentialsModeSchema = z.enum(['secret-store', 'files'])
export type CredentialsMode = z.infer<typeof CredentialsModeSchema>

/** `parley.yaml` at the root of a collection. */
export const CollectionFileSchema = z.object({
  parley: z.literal(collectionFormatVersion),
  name: ItemNameSchema,
  description: folderFields.description,
  descriptions: folderFields.descriptions,
  headers: folderFields.headers,
  auth: HttpAuthSchema.default({ type: 'none' }),
  variables: folderFields.variables,
  order: folderFields.order,
  credentials: CredentialsModeSchema.default('secret-store'),
  scripts: testFields.scripts
})
export type CollectionFile = z.infer<typeof CollectionFileSchema>

/** The optional `folder.yaml` of a sub-folder; without it the folder's name is its directory name. */
export const FolderFileSchema = z.object({
  name: ItemNameSchema.optional(),
  description: folderFields.description,
  descriptions: folderFields.descriptions,
  headers: folderFields.headers,
  auth: HttpAuthSchema.default({ type: 'inherit' }),
  variables: folderFields.variables,
  order: folderFields.order,
  scripts: testFields.scripts
})
export type FolderFile = z.infer<typeof FolderFileSchema>

/** `environments/<slug>.yaml`. */
export const EnvironmentFileSchema = z.object({
  name: ItemNameSchema,
  variables: z.array(VariableSchema).default([])
})
export type EnvironmentFile = z.infer<typeof EnvironmentFileSchema>

// ---------------------------------------------------------------- the tree

/** A file that could not be read; the file is left untouched and the rest of the collection loads. */
export const ProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().min(1),
  message: z.string()
})
export type Problem = z.infer<typeof ProblemSchema>

export const RequestNodeSchema = z.object({
  type: z.literal('request'),
  kind: RequestKindSchema,
  name: z.string(),
  /** Relative path of the request file, e.g. `rest/list-notes.yaml`. */
  path: z.string(),
  method: z.string().optional(),
  url: z.string()
})
export type RequestNode = z.infer<typeof RequestNodeSchema>

export interface FolderNode {
  type: 'folder'
  name: string
  /** Relative path of the folder; `''` for the collection root. */
  path: string
  children: TreeNode[]
}
export type TreeNode = FolderNode | RequestNode

export const FolderNodeSchema: z.ZodType<FolderNode> = z.object({
  type: z.literal('folder'),
  name: z.string(),
  path: z.string(),
  get children() {
    return z.array(TreeNodeSchema)
  }
})
export const TreeNodeSchema: z.ZodType<TreeNode> = z.union([RequestNodeSchema, FolderNodeSchema])

export const EnvironmentSummarySchema = z.object({ id: z.string(), name: z.string() })

export const CollectionTreeSchema = z.object({
  id: CollectionIdSchema,
  /** Absolute path of the collection folder. */
  path: z.string(),
  name: z.string(),
  description: z.string(),
  root: FolderNodeSchema,
  environments: z.array(EnvironmentSummarySchema),
  problems: z.array(ProblemSchema)
})
export type CollectionTree = z.infer<typeof CollectionTreeSchema>

// ---------------------------------------------------------------- call inputs and outputs

const inCollection = { collectionId: CollectionIdSchema }
const Empty = z.object({})
export const NoOutput = Empty

export const CollectionCreateInput = z.strictObject({
  /** An empty or not yet existing folder. */
  path: z.string().min(1),
  name: ItemNameSchema
})
export const CollectionOpenInput = z.strictObject({ path: z.string().min(1) })
export const CollectionRefInput = z.strictObject(inCollection)
export const CollectionSummarySchema = z.object({
  id: CollectionIdSchema,
  name: z.string(),
  path: z.string(),
  /** The folder is gone or has no readable parley.yaml. */
  missing: z.boolean()
})
export const CollectionListOutput = z.object({ collections: z.array(CollectionSummarySchema) })

export const SearchInput = z.strictObject({
  query: z.string().max(500),
  limit: z.number().int().min(1).max(1000).default(50)
})
export const SearchOutput = z.object({
  results: z.array(RequestNodeSchema.extend({ collectionId: CollectionIdSchema, collectionName: z.string() }))
})

export const RequestRefInput = z.strictObject({ ...inCollection, path: RelPathSchema })
export const RequestReadOutput = z.object({
  path: z.string(),
  /** sha256 of the file's bytes: pass it back as `baseHash` when saving. */
  hash: z.string(),
  request: SavedRequestSchema
})
export const RequestSaveInput = z.strictObject({
  ...inCollection,
  path: RelPathSchema,
  request: SavedRequestSchema,
  /** The hash the renderer loaded; a save over a file changed since is refused with `conflict`. */
  baseHash: z.string().optional(),
  /** Overwrite even if the file changed on disk. */
  force: z.boolean().default(false)
})
export const PathHashOutput = z.object({ path: z.string(), hash: z.string() })
export const PathOutput = z.object({ path: z.string() })
export const RequestCreateInput = z.strictObject({
  ...inCollection,
  /** The folder to create it in; `''` is the root. */
  folder: RelPathSchema.default(''),
  request: SavedRequestSchema
})
export const RenameInput = z.strictObject({ ...inCollection, path: RelPathSchema, name: ItemNameSchema })
export const DuplicateInput = z.strictObject({ ...inCollection, path: RelPathSchema, name: ItemNameSchema.optional() })
export const MoveInput = z.strictObject({ ...inCollection, path: RelPathSchema, toFolder: RelPathSchema })
export const TrashOutput = z.object({ trashId: z.string() })
export const FolderCreateInput = z.strictObject({ ...inCollection, parent: RelPathSchema.default(''), name: ItemNameSchema })

export const FolderSettingsSchema = z.object({
  name: ItemNameSchema,
  description: z.string().default(''),
  headers: z.array(KeyValueSchema).default([]),
  auth: HttpAuthSchema.default({ type: 'inherit' }),
  /** Secret values are filled in from the data dir. */
  variables: z.array(VariableSchema).default([]),
  /** Run before and after every request inside, outer to inner; absent on save keeps what the file has. */
  scripts: ScriptsSchema.optional()
})
export type FolderSettings = z.infer<typeof FolderSettingsSchema>
export const FolderSaveInput = z.strictObject({ ...inCollection, path: RelPathSchema, settings: FolderSettingsSchema })
export const CredentialsOutput = z.object({ credentials: CredentialsModeSchema })
export const CredentialsSetInput = z.strictObject({ ...inCollection, credentials: CredentialsModeSchema })

export const ReorderInput = z.strictObject({
  ...inCollection,
  folder: RelPathSchema.default(''),
  /** File and folder names (as on disk) in the wanted order. */
  order: z.array(z.string().min(1)).max(10_000)
})
export const TrashUndoInput = z
  .strictObject({
    trashId: z
      .string()
      .regex(/^[0-9a-z-]+$/)
      .optional()
  })
  .default({})
export const TrashUndoOutput = z.object({ collectionId: CollectionIdSchema, path: z.string() })

export const EnvironmentSchema = z.object({
  /** The file name without `.yaml`. */
  id: z.string(),
  name: z.string(),
  variables: z.array(VariableSchema)
})
export type Environment = z.infer<typeof EnvironmentSchema>
export const EnvironmentListOutput = z.object({
  environments: z.array(EnvironmentSchema),
  activeId: z.string().nullable()
})
const EnvironmentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an environment id is a slug like "staging"')
export const EnvironmentSaveInput = z.strictObject({
  ...inCollection,
  /** Omitted for a new environment; changing `name` keeps the id (the file name). */
  id: EnvironmentIdSchema.optional(),
  name: ItemNameSchema,
  variables: z.array(VariableSchema).max(10_000).default([])
})
export const EnvironmentIdOutput = z.object({ id: z.string() })
export const EnvironmentRefInput = z.strictObject({ ...inCollection, id: EnvironmentIdSchema })
export const EnvironmentActiveInput = z.strictObject({ ...inCollection, id: EnvironmentIdSchema.nullable() })
export const VariablesSchema = z.object({ variables: z.array(VariableSchema) })
export const GlobalsSaveInput = z.strictObject({ variables: z.array(VariableSchema).max(10_000) })

export const VariableSourceSchema = z.enum(['global', 'collection', 'environment', 'folder', 'dynamic'])
export type VariableSource = z.infer<typeof VariableSourceSchema>
export const VarsResolveInput = z.strictObject({
  collectionId: CollectionIdSchema.optional(),
  /** A request (or folder) path: its folders' variables take part. */
  path: RelPathSchema.optional(),
  /** Defaults to the collection's active environment. */
  environmentId: EnvironmentIdSchema.nullable().optional(),
  text: z.string().max(1_000_000)
})
export const VarsResolveRequestInput = z.strictObject({
  collectionId: CollectionIdSchema.optional(),
  /** The request's own path: its folders' variables take part. */
  path: RelPathSchema.optional(),
  environmentId: EnvironmentIdSchema.nullable().optional(),
  request: SavedRequestSchema
})
export const VarsResolveRequestOutput = z.object({ request: SavedRequestSchema })
export const VariablePreviewSchema = z.object({
  name: z.string(),
  /** Fully resolved value; null when it cannot be resolved (see `error`). */
  value: z.string().nullable(),
  source: VariableSourceSchema.nullable(),
  secret: z.boolean(),
  error: z.string().optional()
})
export type VariablePreview = z.infer<typeof VariablePreviewSchema>
export const VarsResolveOutput = z.object({
  /** The text with every variable resolved; null when one cannot be. */
  text: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  variables: z.array(VariablePreviewSchema)
})

// ---------------------------------------------------------------- workspace

export const WorkspaceTabSchema = z.object({
  id: z.string().min(1).max(200),
  collectionId: CollectionIdSchema.optional(),
  /** The request file, when the tab shows a saved request. */
  path: z.string().max(1000).optional(),
  title: z.string().max(500),
  kind: RequestKindSchema,
  /** A realtime tab's session in core, so a reloaded window reattaches to it. */
  sessionId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional()
})
export const WorkspaceDraftSchema = z.object({
  tabId: z.string().min(1).max(200),
  request: SavedRequestSchema,
  /** The hash of the file the draft started from, for the conflict check on save. */
  baseHash: z.string().optional()
})
/** Pane sizes in percent of their group, and how the request and its response are arranged. */
export const PaneLayoutSchema = z.object({
  sidebar: z.number().min(5).max(80).optional(),
  request: z.number().min(5).max(95).optional(),
  requestOrientation: z.enum(['stacked', 'side-by-side']).optional(),
  realtimeSide: z.number().min(5).max(90).optional()
})
export type PaneLayout = z.infer<typeof PaneLayoutSchema>
export const WorkspaceSchema = z.object({
  /** Sizes of the resizable panes; absent: the defaults. */
  layout: PaneLayoutSchema.optional(),
  tabs: z.array(WorkspaceTabSchema).max(500).default([]),
  activeTabId: z.string().nullable().default(null),
  drafts: z.array(WorkspaceDraftSchema).max(500).default([])
})
export type Workspace = z.infer<typeof WorkspaceSchema>
/** The workspace file is refused past this size: drafts are requests, not response bodies. */
export const workspaceMaxBytes = 5 * 1024 * 1024

// ---------------------------------------------------------------- history

export const ResponseSummarySchema = z.object({
  /** HTTP status; absent for realtime sessions and failed requests. */
  status: z.number().int().optional(),
  timeMs: z.number().min(0),
  sizeBytes: z.number().int().min(0),
  error: z.string().optional()
})
export const HistoryAddInput = z.strictObject({
  /** The request as composed, variables NOT resolved, so no secret value is stored. */
  request: SavedRequestSchema,
  collectionId: CollectionIdSchema.optional(),
  path: z.string().max(1000).optional(),
  response: ResponseSummarySchema.optional()
})
export const HistoryEntrySchema = z.object({
  id: z.string(),
  /** ISO timestamp of when it was sent. */
  at: z.string(),
  request: SavedRequestSchema,
  collectionId: CollectionIdSchema.optional(),
  path: z.string().optional(),
  response: ResponseSummarySchema.optional()
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>
export const HistoryListInput = z
  .strictObject({
    query: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(10_000).optional()
  })
  .default({})
export const HistoryListOutput = z.object({
  /** Newest day first, newest entry first within a day (days in UTC). */
  days: z.array(z.object({ day: z.string(), entries: z.array(HistoryEntrySchema) })),
  total: z.number().int(),
  limit: z.number().int()
})
export const historyDefaultLimit = 1000
export const HistoryLimitInput = z.strictObject({ limit: z.number().int().min(1).max(100_000) })
export const HistoryLimitOutput = z.object({ limit: z.number().int() })

// ---------------------------------------------------------------- events

export const CollectionChangedSchema = z.object({
  collectionId: CollectionIdSchema,
  /** Relative paths that changed on disk, by someone other than Parley (a git pull, an editor). */
  paths: z.array(z.string())
})
export const HistoryChangedSchema = z.object({ total: z.number().int() })
