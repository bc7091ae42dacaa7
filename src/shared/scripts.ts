import { z } from 'zod'
import { AppErrorSchema } from './errors'
import { HttpResponseSchema, HttpSendInputSchema } from './http'

/**
 * Scripts and assertion rows as saved in collection files, and the test results a send returns.
 * The `scripts: { pre, post }` shape is shared with the Postman and Insomnia importers.
 */

/** Pre-request and post-response JavaScript, run in core's QuickJS sandbox with the `pm` API. */
export const ScriptsSchema = z.object({
  pre: z.string().max(1_000_000).optional(),
  post: z.string().max(1_000_000).optional()
})
export type Scripts = z.infer<typeof ScriptsSchema>

export const assertionOperators = ['==', '!=', '>', '>=', '<', '<=', 'contains', 'not contains', 'matches', 'exists', 'not exists'] as const
export const AssertionOperatorSchema = z.enum(assertionOperators)
export type AssertionOperator = z.infer<typeof AssertionOperatorSchema>

/**
 * One assertion row: `target operator expected`, e.g. `status == 200`, `body $.items.length > 0`,
 * `header content-type contains json`, `time < 500`.
 */
export const AssertionSchema = z.object({
  /** `status`, `time`, `body`, `body <JSONPath>` or `header <name>`. */
  target: z.string().max(2000),
  operator: AssertionOperatorSchema.default('=='),
  expected: z.string().max(100_000).default(''),
  enabled: z.boolean().default(true)
})
export type Assertion = z.infer<typeof AssertionSchema>
export type AssertionInput = z.input<typeof AssertionSchema>

/** The outcome of one `pm.test`, one assertion row, or a script that failed to run. */
export const TestResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  /** Why it failed; absent when it passed. */
  message: z.string().optional(),
  /** Which step produced it: a script (`pre`/`post` and whose), the assertion rows, or a live request's steps. */
  source: z.enum(['pre', 'post', 'assertion', 'step'])
})
export type TestResult = z.infer<typeof TestResultSchema>

export const ConsoleEntrySchema = z.object({
  level: z.enum(['log', 'info', 'warn', 'error']),
  /** The arguments formatted as one line; values of secret variables are masked. */
  text: z.string()
})
export type ConsoleEntry = z.infer<typeof ConsoleEntrySchema>

/** A script that could not finish: a syntax error, a throw, the time or memory limit. */
export const ScriptErrorSchema = z.object({
  phase: z.enum(['pre', 'post']),
  /** Whose script: `collection`, a folder path, or `request`. */
  owner: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional()
})
export type ScriptError = z.infer<typeof ScriptErrorSchema>

/** Input of `http.run`: a send, with the request's own scripts and assertion rows. */
export const HttpRunInputSchema = HttpSendInputSchema.extend({
  scripts: ScriptsSchema.optional(),
  assertions: z.array(AssertionSchema).max(1000).optional(),
  /** The request's name, for `pm.info.requestName`. */
  name: z.string().max(500).optional()
})

/** What a send with scripts gives back: the response (or why there is none) and the test results. */
export const HttpRunOutputSchema = z.object({
  response: HttpResponseSchema.nullable(),
  error: AppErrorSchema.nullable(),
  tests: z.array(TestResultSchema),
  console: z.array(ConsoleEntrySchema),
  scriptErrors: z.array(ScriptErrorSchema),
  /** Variable sets scripts changed and saved, so open editors can reload them. */
  savedVariables: z.array(z.enum(['globals', 'environment', 'collection']))
})
export type HttpRunOutput = z.infer<typeof HttpRunOutputSchema>
