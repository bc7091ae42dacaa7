import type { AppError } from '../../shared/errors'
import { ParleyError } from '../../shared/errors'
import type { HttpProgress, HttpRequest, HttpResponse } from '../../shared/http'
import type { Assertion, ConsoleEntry, ScriptError, Scripts, TestResult } from '../../shared/scripts'
import type { SendContext } from '../../shared/sendContext'
import type { HttpEngine } from '../http/engine'
import type { VariableScope } from '../vars/variableScope'
import type { CompareFn } from '../compare/matchesExample'
import { evaluateAssertions, exampleOf } from './assertions'
import { checkExampleRows } from './exampleRows'
import { ScriptSandbox, type HostCall } from './sandbox'
import { applyScriptRequest, fromPostmanRequest, toScriptRequest, toScriptResponse } from './scriptRequest'
import {
  enclosingFolders,
  ScriptVariables,
  type CarriedVariables,
  type SavedVariableSet,
  type VarMap,
  type VariableDeps,
  type VariableWriter
} from './scriptVariables'

/**
 * One request with its scripts and assertions: the collection's, each folder's and the request's
 * pre-request scripts (outer to inner), the send, then the post-response scripts and the
 * assertion rows. Shared by Send in the app and, later, the collection runner and `parley run`.
 */

export interface RunRequestDeps extends VariableDeps {
  http: Pick<HttpEngine, 'send' | 'readBody'>
  writer: VariableWriter
  /** Inherited headers and auth, then `{{variables}}` resolved in the given scope. */
  prepare(request: HttpRequest, context: SendContext | undefined, scope: VariableScope): Promise<HttpRequest>
  onProgress?: (progress: HttpProgress) => void
  /** True once the user cancelled this run (before its send started, http.cancel has nothing to stop). */
  cancelled?: () => boolean
  /** Runs the diff of `example <name>` rows (core: in its diff worker); default: on the spot. */
  compare?: CompareFn
}

export interface RunRequestInput {
  requestId: string
  request: HttpRequest
  /** The request's own scripts and rows (a saved request's, or the unsaved draft's). */
  scripts?: Scripts | undefined
  assertions?: Assertion[] | undefined
  name?: string | undefined
  context?: SendContext | undefined
  /** For a runner: which iteration this is, and that iteration's data row. */
  iteration?: { index: number; count: number; data: VarMap }
  /** A runner passes one sandbox for the whole run; otherwise a fresh one is made and dropped. */
  sandbox?: ScriptSandbox
  /** For a runner: the variables carried from the run's earlier requests (its writer updates them). */
  carried?: CarriedVariables
}

export interface RunRequestResult {
  /** Null when a pre-request script failed or the send failed (see `error`). */
  response: HttpResponse | null
  error: AppError | null
  tests: TestResult[]
  console: ConsoleEntry[]
  scriptErrors: ScriptError[]
  savedVariables: SavedVariableSet[]
}

export interface OwnedScript {
  owner: string
  scripts: Scripts
}

/** Larger bodies are cut here before a script sees them: a script is not a download manager. */
const maxScriptBodyBytes = 16 * 1024 * 1024

export async function runRequest(deps: RunRequestDeps, input: RunRequestInput): Promise<RunRequestResult> {
  const vars = await ScriptVariables.load(deps, input.context, input.iteration?.data ?? {}, input.carried)
  const chain = await scriptChain(deps, input.context, input.scripts)
  const result: RunRequestResult = { response: null, error: null, tests: [], console: [], scriptErrors: [], savedVariables: [] }
  const hasScripts = chain.some((item) => item.scripts.pre?.trim() || item.scripts.post?.trim())
  const sandbox = hasScripts ? (input.sandbox ?? (await ScriptSandbox.create())) : undefined
  const mask = (text: string): string => maskSecrets(text, vars.secretValues())
  let request = input.request
  // Test scripts see the request as it was sent (variables resolved, inherited headers), as in Postman.
  let sent: HttpRequest | undefined
  const host = scriptHost(deps, input.requestId)

  const runPhase = async (phase: 'pre' | 'post', response: HttpResponse | null, body: string): Promise<boolean> => {
    for (const { owner, scripts } of chain) {
      const code = scripts[phase]
      if (!sandbox || !code?.trim()) continue
      const scriptInput = {
        info: {
          eventName: phase === 'pre' ? 'prerequest' : 'test',
          iteration: input.iteration?.index ?? 0,
          iterationCount: input.iteration?.count ?? 1,
          requestName: input.name ?? '',
          requestId: input.requestId
        },
        request: toScriptRequest(phase === 'post' && sent ? sent : request),
        ...(response ? { response: toScriptResponse(response, body) } : {}),
        vars: vars.vars,
        environmentName: vars.environmentName ?? null
      }
      const filename = `${phase === 'pre' ? 'pre-request' : 'post-response'} script of ${owner}`
      const run = await sandbox.run(code, filename, scriptInput, host)
      const output = run.output as ScriptOutput | null
      if (output) {
        vars.update(output.vars)
        if (phase === 'pre') request = applyScriptRequest(request, output.request)
        for (const test of output.tests) {
          result.tests.push({ name: mask(test.name), passed: test.passed, source: phase, ...(test.message ? { message: mask(test.message) } : {}) })
        }
        for (const entry of output.console) result.console.push({ level: entry.level, text: mask(entry.text) })
      }
      if (run.error) {
        const error: ScriptError = { phase, owner, message: mask(run.error.message), ...pick(run.error) }
        result.scriptErrors.push(error)
        const where = error.line === undefined ? '' : ` (line ${error.line}${error.column === undefined ? '' : `, column ${error.column}`})`
        result.tests.push({
          name: `${phase === 'pre' ? 'Pre-request' : 'Post-response'} script of ${owner}`,
          passed: false,
          message: `${error.message}${where}`,
          source: phase
        })
        return false
      }
    }
    return true
  }

  try {
    if (!(await runPhase('pre', null, ''))) {
      const failed = result.scriptErrors[result.scriptErrors.length - 1] as ScriptError
      result.error = new ParleyError(
        'script_error',
        `The pre-request script of ${failed.owner} failed${failed.line === undefined ? '' : ` at line ${failed.line}, column ${failed.column ?? 1}`}: ${failed.message}`,
        'Fix the script (Scripts tab); the request was not sent.'
      ).toJSON()
      return result
    }
    if (deps.cancelled?.()) {
      result.error = new ParleyError('cancelled', 'The request was cancelled.', 'Send it again when you are ready.').toJSON()
      return result
    }
    try {
      sent = await deps.prepare(request, input.context, vars.scope())
      result.response = await deps.http.send(input.requestId, sent, deps.onProgress)
    } catch (error) {
      result.error = error instanceof ParleyError ? error.toJSON() : { code: 'internal_error', message: String(error) }
      return result
    }
    // The body is read (up to 16 MB from its file) only when a post-response script or a body assertion
    // will look at it: most sends have neither, and a large response should not be read twice for nothing.
    const assertions = input.assertions ?? []
    const needsBody =
      (sandbox !== undefined && chain.some((item) => item.scripts.post?.trim())) ||
      assertions.some((row) => row.enabled && (/^body(\s|$)/i.test(row.target.trim()) || exampleOf(row) !== null))
    const body = needsBody ? await bodyText(deps, result.response) : ''
    await runPhase('post', result.response, body)
    const examples = await checkExampleRows(deps, assertions, input.context, { status: result.response.status, body })
    result.tests.push(
      ...evaluateAssertions(
        assertions,
        { status: result.response.status, headers: result.response.headers, body, timeMs: result.response.durationMs },
        examples
      )
    )
    return result
  } finally {
    if (sandbox && !input.sandbox) sandbox.dispose()
    const unsaved = vars.environmentName === undefined ? Object.keys(vars.vars.environment) : []
    if (unsaved.length > 0) {
      result.console.push({ level: 'warn', text: `No environment is active, so pm.environment changes (${unsaved.join(', ')}) were kept for this send only.` })
    }
    try {
      result.savedVariables = await vars.persist(deps.writer)
    } catch (error) {
      result.console.push({ level: 'error', text: `Variables set by scripts could not be saved: ${error instanceof Error ? error.message : String(error)}` })
    }
  }
}

interface ScriptOutput {
  tests: { name: string; passed: boolean; message?: string }[]
  console: ConsoleEntry[]
  vars: ScriptVariables['vars']
  request: unknown
}

const pick = (error: { line?: number; column?: number }) => ({
  ...(error.line === undefined ? {} : { line: error.line }),
  ...(error.column === undefined ? {} : { column: error.column })
})

/** The scripts that apply, outermost first: the collection's, each enclosing folder's, the request's. */
export async function scriptChain(deps: VariableDeps, context: SendContext | undefined, own: Scripts | undefined): Promise<OwnedScript[]> {
  const chain: OwnedScript[] = []
  if (context) {
    const loaded = await (await deps.collections.get(context.collectionId)).load()
    if (loaded.file?.scripts) chain.push({ owner: 'the collection', scripts: loaded.file.scripts })
    const path = context.path ?? ''
    for (const folder of enclosingFolders(path, loaded.folders.has(path))) {
      const scripts = loaded.folders.get(folder)?.scripts
      if (scripts) chain.push({ owner: `folder ${folder}`, scripts })
    }
  }
  if (own) chain.push({ owner: 'the request', scripts: own })
  return chain
}

/** What a script's host calls do: pm.sendRequest sends with the HTTP engine (no inheritance, as in Postman). */
export function scriptHost(deps: Pick<RunRequestDeps, 'http'>, requestId: string): HostCall {
  let count = 0
  return async (name, asked) => {
    if (name !== 'sendRequest') throw new Error(`${name} is not supported by Parley`)
    const answer = await deps.http.send(`${requestId}:script:${++count}`, fromPostmanRequest(asked))
    return toScriptResponse(answer, await bodyText(deps, answer))
  }
}

/** The response body as text for scripts and assertions; binary bodies read as empty. */
async function bodyText(deps: Pick<RunRequestDeps, 'http'>, response: HttpResponse): Promise<string> {
  const body = response.body
  if (body.kind === 'inline') return body.text ?? ''
  const chunks: Buffer[] = []
  let offset = 0
  while (offset < Math.min(body.size, maxScriptBodyBytes)) {
    const slice = await deps.http.readBody(body.bodyId, offset, Math.min(1024 * 1024, maxScriptBodyBytes - offset))
    chunks.push(Buffer.from(slice.base64, 'base64'))
    offset += slice.length
    if (slice.eof || slice.length === 0) break
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Secret values never reach the script console or test messages. */
export function maskSecrets(text: string, secrets: string[]): string {
  let out = text
  for (const secret of secrets) if (secret) out = out.split(secret).join('••••••')
  return out
}
