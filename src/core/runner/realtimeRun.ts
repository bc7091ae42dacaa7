import type { AppError } from '../../shared/errors'
import { ParleyError } from '../../shared/errors'
import type { RealtimeStep } from '../../shared/realtimeSteps'
import type { RealtimeKind, RequestOf } from '../../shared/requestKinds'
import type { ConsoleEntry, Scripts, TestResult } from '../../shared/scripts'
import type { SendContext } from '../../shared/sendContext'
import type { HttpEngine } from '../http/engine'
import { createSession, type SessionTarget } from '../realtime/createSession'
import { prepareLiveRequest } from '../realtime/livePreparation'
import type { Session } from '../realtime/session'
import { ManagerPool } from '../realtime/socketioClient'
import { maskSecrets, scriptChain, scriptHost, type OwnedScript } from '../scripts/runRequest'
import type { ScriptSandbox } from '../scripts/sandbox'
import { ScriptVariables, type CarriedVariables, type VariableDeps, type VariableWriter } from '../scripts/scriptVariables'
import { resolveValue } from '../vars/resolveRequest'
import { RunRecorder } from './realtime/runRecorder'
import { runStep, type StepRun } from './realtime/stepRunners'
import { stepTitle } from './realtime/stepMessages'
import { StepScripts } from './realtime/stepScripts'

/**
 * Runs the steps of one saved Socket.IO, WebSocket or SSE request against a live server: connect,
 * emit (expecting an ack), send, expect messages, wait, close. Every expectation is a test. The
 * session is opened with the protocol engines of core/realtime and always closed, whatever happens.
 * Like an HTTP request, the collection's, folders' and request's pre-request scripts run first
 * (outer to inner), the handshake carries the inherited headers and auth, and the post-response
 * scripts run after the steps, all on the same variables the step scripts see.
 * Used by "Run steps" in the app (session.runSteps) and by the collection runner.
 */

/** A saved live request (a SavedRequest of kind socketio, websocket or sse fits): `{{variables}}` unresolved. */
export type RealtimeRequest = { [K in RealtimeKind]: RequestOf<K> & { kind: K } }[RealtimeKind] & { name?: string; scripts?: Scripts | undefined }

export interface RealtimeRunDeps extends VariableDeps {
  /** Saves variables step scripts changed (as http.run does); without it, changes last for the run only. */
  writer?: VariableWriter
  /**
   * The real paths of files `binary-file` emit arguments name, checked against the file-access rule
   * (as session.emit does); without it such arguments are refused.
   */
  checkFiles?: (paths: string[], context: SendContext | undefined) => Promise<Map<string, string>>
  /** Aborting stops the run at once (the session is still closed); the result's error is `cancelled`. */
  signal?: AbortSignal
  /** Serves pm.sendRequest in the scripts; without it, a script calling it fails. */
  http?: Pick<HttpEngine, 'send' | 'readBody'> & Partial<Pick<HttpEngine, 'handshakeAuth'>>
}

export interface RealtimeRunInput {
  requestId: string
  /** The saved request (`kind` says which): its connection settings, with `{{variables}}` unresolved. */
  request: RealtimeRequest
  steps: RealtimeStep[]
  context?: SendContext
  iteration?: { index: number; count: number; data: Record<string, unknown> }
  /** A runner passes one sandbox for the whole run; otherwise one is made if a predicate or script needs it. */
  sandbox?: ScriptSandbox
  /** For the collection runner: the variables carried from the run's earlier requests (its writer updates them). */
  carried?: CarriedVariables
}

export interface RealtimeRunResult {
  tests: TestResult[]
  console: ConsoleEntry[]
  error: AppError | null
  durationMs: number
}

const asAppError = (error: unknown): AppError =>
  error instanceof ParleyError ? error.toJSON() : { code: 'internal_error', message: error instanceof Error ? error.message : String(error) }

export async function runRealtimeRequest(deps: RealtimeRunDeps, input: RealtimeRunInput): Promise<RealtimeRunResult> {
  const started = performance.now()
  const kind = input.request.kind
  const result: RealtimeRunResult = { tests: [], console: [], error: null, durationMs: 0 }
  const data = Object.fromEntries(Object.entries(input.iteration?.data ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]))
  let vars: ScriptVariables
  let chain: OwnedScript[]
  try {
    vars = await ScriptVariables.load(deps, input.context, data, input.carried)
    chain = await scriptChain(deps, input.context, input.request.scripts)
  } catch (error) {
    return { ...result, error: asAppError(error), durationMs: performance.now() - started }
  }
  const mask = (text: string): string => maskSecrets(text, vars.secretValues())
  const recorder = new RunRecorder(input.requestId)
  const pool = new ManagerPool()
  let session: Session | undefined
  const scripts = new StepScripts(
    input.sandbox,
    vars,
    {
      requestId: input.requestId,
      requestName: input.request.name ?? '',
      iteration: input.iteration?.index ?? 0,
      iterationCount: input.iteration?.count ?? 1,
      url: input.request.url,
      headers: input.request.headers,
      ...(deps.http ? { host: scriptHost({ http: deps.http }, input.requestId) } : {})
    },
    mask
  )
  // Without a connect step the session is opened before the first step.
  const steps: RealtimeStep[] = input.steps.some((s) => s.type === 'connect') ? input.steps : [{ type: 'connect', name: '', timeoutMs: 10_000 }, ...input.steps]
  const run: StepRun = {
    kind,
    deps,
    recorder,
    scripts,
    context: input.context,
    resolve: <T>(value: T): T => resolveValue(value, vars.scope()),
    session: () => session,
    open: async () => {
      if (session) throw new ParleyError('invalid_steps', 'The session is already open.', 'Keep one connect step, before the others.')
      const prepared = await prepareLiveRequest(deps, input.request, input.context, vars.scope())
      if (prepared.unappliedAuth) result.console.push({ level: 'warn', text: unappliedAuthNote(prepared.unappliedAuth) })
      session = createSession({ kind, request: prepared.request } as SessionTarget, recorder, pool)
      await session.open()
      return session
    }
  }
  let failedAt: { title: string; error: AppError } | undefined
  const runPhase = async (phase: 'pre' | 'post'): Promise<boolean> => {
    for (const { owner, scripts: own } of chain) {
      const code = own[phase]
      if (!code?.trim()) continue
      const outcome = await scripts.phase(phase, code, owner)
      result.tests.push(...outcome.tests)
      result.console.push(...outcome.console)
      if (outcome.failure) {
        if (phase === 'pre') {
          result.error = new ParleyError(
            'script_error',
            `The pre-request script of ${owner} failed: ${outcome.failure}`,
            'Fix the script; the request was not connected and its steps were not run.'
          ).toJSON()
        }
        return false
      }
    }
    return true
  }
  try {
    if (!(await runPhase('pre'))) return result
    for (const step of steps) {
      const title = stepTitle(step, kind, input.request.url)
      if (failedAt) {
        if (step.type === 'connect' || step.type === 'expect' || (step.type === 'emit' && step.ack)) {
          result.tests.push({ name: mask(title), passed: false, message: `not run: step "${failedAt.title}" failed`, source: 'step' })
        }
        continue
      }
      try {
        const outcome = await runStep(run, step, title)
        result.tests.push(...outcome.tests.map((t) => ({ ...t, name: mask(t.name), ...(t.message ? { message: mask(t.message) } : {}) })))
        result.console.push(...outcome.console)
      } catch (error) {
        const appError = asAppError(error)
        failedAt = { title, error: appError }
        result.tests.push({ name: mask(title), passed: false, message: mask(`${appError.message}${appError.hint ? ` ${appError.hint}` : ''}`), source: 'step' })
      }
    }
    if (failedAt) result.error = { ...failedAt.error, message: mask(failedAt.error.message) }
    // After the steps, as tests run after a response; not when the run was cancelled.
    if (failedAt?.error.code !== 'cancelled') {
      await session?.close().catch(() => undefined)
      await runPhase('post')
    }
  } finally {
    await session?.close().catch(() => undefined)
    scripts.dispose()
    if (deps.writer) {
      try {
        await vars.persist(deps.writer)
      } catch (error) {
        result.console.push({ level: 'error', text: `Variables set by scripts could not be saved: ${error instanceof Error ? error.message : String(error)}` })
      }
    }
    result.durationMs = performance.now() - started
  }
  return result
}

function unappliedAuthNote(type: string): string {
  return `The inherited ${type} auth is not applied to a live request's handshake (Basic, Bearer, API key, OAuth 2.0 and AWS Signature v4 are): set the header in the request, or give its folder one of those.`
}
