import { z } from 'zod'
import { RequestKindSchema, VariableSchema } from './collection'
import { CollectionIdSchema, RelPathSchema } from './collectionRefs'
import { UserPathSchema } from './dialogs'
import { AppErrorSchema } from './errors'
import { TestResultSchema } from './scripts'

/**
 * The collection runner (src/core/runner): run a collection or one folder, N iterations, one data
 * row per iteration, and report every request and test as it goes. The desktop app, the browser
 * host and `parley run` share it.
 *
 * Lifecycle: `runner.start` → `{ runId }`, then `runner.progress` events (`item-start`, `item-done`
 * per request and iteration, one `done` at the end); `runner.result` reads everything so far at any
 * time (e.g. after a window reload), `runner.cancel` stops it, `runner.save` renders a report.
 */

/** Upper bounds that keep one run, and each event, a sane size. */
export const runnerLimits = {
  iterations: 10_000,
  dataRows: 10_000,
  /** Request paths in `only`. */
  only: 10_000,
  delayMs: 600_000,
  /** Test results reported per request run; more are counted but not listed. */
  testsPerItem: 500,
  /** Characters of one test's name or message. */
  textChars: 2_000,
  /** Item results kept for `runner.result` and reports; the summary counts them all. */
  itemsKept: 20_000
} as const

/** One iteration's data row: column → value; `{{column}}` and `pm.iterationData.get('column')` read it. */
export const DataRowSchema = z.record(z.string().max(200), z.string().max(100_000))
export type DataRow = z.infer<typeof DataRowSchema>

/**
 * Where the rows come from: a CSV or JSON file (by extension; a JSON file is an array of objects),
 * read under the file-access rules (inside the collection, the data dir where `files.begin` copies a
 * file chosen in the window, or chosen in the OS dialog), or rows the window already has.
 */
export const RunnerDataSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: UserPathSchema }),
  z.strictObject({ kind: z.literal('rows'), rows: z.array(DataRowSchema).min(1).max(runnerLimits.dataRows) })
])
export type RunnerData = z.infer<typeof RunnerDataSchema>

export const RunnerStartInput = z.strictObject({
  collectionId: CollectionIdSchema,
  /** Run only this folder (relative path, e.g. `rest/notes`); absent or `''`: the whole collection. */
  folder: RelPathSchema.optional(),
  /** How many times the requests run; with data rows and no count given, one iteration per row. */
  iterations: z.number().int().min(1).max(runnerLimits.iterations).optional(),
  data: RunnerDataSchema.optional(),
  /** Pause between two requests, in ms. */
  delayMs: z.number().int().min(0).max(runnerLimits.delayMs).default(0),
  /** Stop at the first failed test or failed request. */
  bail: z.boolean().default(false),
  /** undefined: the collection's active environment; null: none. */
  environmentId: z.string().max(200).nullable().optional(),
  /**
   * Run only the `index`-th of `count` slices of the requests (1-based; request k of the run's order
   * goes to slice k mod count + 1), so n CI machines share one suite (`parley run --shard i/n`).
   */
  shard: z
    .strictObject({ index: z.number().int().min(1).max(1000), count: z.number().int().min(1).max(1000) })
    .refine((s) => s.index <= s.count, 'the shard index is at most the shard count')
    .optional(),
  /** Run only these request paths (in collection order), e.g. to re-run the failed ones of a run. */
  only: z.array(RelPathSchema).max(runnerLimits.only).optional(),
  /** An environment for this run only (e.g. `parley run -e env.json`); replaces `environmentId`. */
  environment: z.strictObject({ name: z.string().min(1).max(200), variables: z.array(VariableSchema).max(10_000) }).optional(),
  /** Globals for this run only, instead of the saved ones. */
  globals: z.array(VariableSchema).max(10_000).optional(),
  /** Environment values set on top of the environment for this run (newman's `--env-var name=value`). */
  envVars: z.record(z.string().min(1).max(200), z.string().max(100_000)).optional(),
  /**
   * Variables scripts change are carried from request to request in memory; with true (the default)
   * they are saved to the environment, globals and collection variables once the run ends.
   */
  persistVariables: z.boolean().default(true),
  /** Whole-request time limit in ms for requests that set none (newman's `--timeout-request`). */
  timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
  /** Do not verify TLS certificates (newman's `-k`). */
  insecure: z.boolean().default(false)
})
export type RunnerStartInputType = z.input<typeof RunnerStartInput>
export const RunnerStartOutput = z.object({ runId: z.string() })

export const RunnerRefInput = z.strictObject({ runId: z.string().min(1).max(100) })
export const RunnerCancelOutput = z.object({ cancelled: z.boolean() })

/** A request as the runner lists it. */
export const RunItemRefSchema = z.object({
  /** Relative path of the request file, e.g. `rest/list-notes.yaml`. */
  path: z.string(),
  name: z.string(),
  kind: RequestKindSchema,
  /** HTTP method; absent for Socket.IO, WebSocket and SSE. */
  method: z.string().optional()
})
export type RunItemRef = z.infer<typeof RunItemRefSchema>

/**
 * passed: every test passed (or there were none and the request got a response); failed: a test
 * failed; error: no response (connection refused, a pre-request script threw, a missing variable…);
 * skipped: not run (`skipReason` says why).
 */
export const RunItemOutcomeSchema = z.enum(['passed', 'failed', 'error', 'skipped'])
export type RunItemOutcome = z.infer<typeof RunItemOutcomeSchema>

/** One request in one iteration, finished. */
export const RunItemResultSchema = RunItemRefSchema.extend({
  /** 0-based iteration. */
  iteration: z.number().int(),
  /** 0-based position of the request in the run's order (the same in every iteration). */
  index: z.number().int(),
  outcome: RunItemOutcomeSchema,
  /** HTTP status code; null without a response or for realtime requests. */
  status: z.number().int().nullable(),
  durationMs: z.number(),
  /** At most `runnerLimits.testsPerItem`; `testsOmitted` counts the rest. */
  tests: z.array(TestResultSchema),
  testsOmitted: z.number().int().default(0),
  error: AppErrorSchema.nullable(),
  skipReason: z.string().optional()
})
export type RunItemResult = z.infer<typeof RunItemResultSchema>

/** How a run ended: finished, cancelled by the user, stopped by bail, or failed to run at all. */
export const RunStateSchema = z.enum(['running', 'finished', 'cancelled', 'bailed', 'failed'])
export type RunState = z.infer<typeof RunStateSchema>

export const RunSummarySchema = z.object({
  state: RunStateSchema,
  iterations: z.object({ total: z.number().int(), done: z.number().int() }),
  /** Request runs (a request in one iteration is one). */
  requests: z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int(), errored: z.number().int(), skipped: z.number().int() }),
  tests: z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int() }),
  durationMs: z.number(),
  /** Why the run could not run (state failed), e.g. an unreadable data file. */
  error: AppErrorSchema.nullable()
})
export type RunSummary = z.infer<typeof RunSummarySchema>

/** Everything about a run so far (`runner.result`), and what reports are made of. */
export const RunResultSchema = z.object({
  runId: z.string(),
  collectionId: z.string(),
  collectionName: z.string(),
  folder: z.string(),
  environmentName: z.string().nullable(),
  startedAt: z.string(),
  /** The requests of one iteration, in order. */
  requests: z.array(RunItemRefSchema),
  /** Finished item results in run order; at most `runnerLimits.itemsKept` (then `itemsOmitted` > 0). */
  items: z.array(RunItemResultSchema),
  itemsOmitted: z.number().int(),
  summary: RunSummarySchema
})
export type RunResult = z.infer<typeof RunResultSchema>

/** `runner.progress`: one event per item start and finish, and one `done` at the end. */
export const RunnerProgressSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string(), requests: z.array(RunItemRefSchema), iterations: z.number().int() }),
  z.object({ type: z.literal('item-start'), runId: z.string(), iteration: z.number().int(), index: z.number().int(), item: RunItemRefSchema }),
  z.object({ type: z.literal('item-done'), runId: z.string(), result: RunItemResultSchema }),
  z.object({ type: z.literal('done'), runId: z.string(), summary: RunSummarySchema })
])
export type RunnerProgress = z.infer<typeof RunnerProgressSchema>

export const reportFormats = ['json', 'junit', 'html'] as const
export const ReportFormatSchema = z.enum(reportFormats)
export type ReportFormat = z.infer<typeof ReportFormatSchema>

export const RunnerSaveInput = RunnerRefInput.extend({ format: ReportFormatSchema })
/**
 * The report as text with a suggested file name; the window saves it with `dialog.saveText`
 * (desktop) or as a download (browser host), so core writes nowhere the user did not choose.
 */
export const RunnerSaveOutput = z.object({ text: z.string(), defaultName: z.string(), mediaType: z.string() })
