import type { SavedRequest, Variable } from '../../shared/collection'
import { ParleyError, type AppError } from '../../shared/errors'
import type { HttpRequest } from '../../shared/http'
import { requestKinds } from '../../shared/requestKinds'
import { type DataRow, type RunItemRef, type RunItemResult, type RunnerProgress, type RunResult, type RunState, type RunSummary } from '../../shared/runner'
import type { ConsoleEntry, TestResult } from '../../shared/scripts'
import type { SendContext } from '../../shared/sendContext'
import type { RunRequestDeps } from '../scripts/runRequest'
import { runRequest } from '../scripts/runRequest'
import { ScriptSandbox } from '../scripts/sandbox'
import type { CarriedVariables, VariableWriter } from '../scripts/scriptVariables'
import type { CollectionStore } from '../store/collectionStore'
import { planRun, type Shard } from './runPlan'
import { RunTally } from './runTally'

/**
 * One collection run: the requests of a collection or folder in display order, N iterations with a
 * data row each, one sandbox for the whole run, the variables scripts change carried from request
 * to request (Postman's way), a delay between requests, bail, cancel. HTTP requests go through
 * runRequest() like Send; Socket.IO, WebSocket and SSE requests through `runRealtime` when given.
 */

/** What a realtime request's steps give back (src/core/runner/realtimeRun.ts). */
export interface RealtimeRunOutput {
  tests: TestResult[]
  console: ConsoleEntry[]
  error: AppError | null
  durationMs: number
}
export interface RealtimeRunInput {
  requestId: string
  request: Exclude<SavedRequest, { kind: 'http' }>
  context: SendContext
  iteration: { index: number; count: number; data: DataRow }
  sandbox: ScriptSandbox
  carried: CarriedVariables
  /** Where step scripts' variable changes go (the run's in-memory carrier). */
  writer: VariableWriter
  /** Aborted when the run is cancelled. */
  signal: AbortSignal
}
export type RealtimeRunner = (input: RealtimeRunInput) => Promise<RealtimeRunOutput>

export interface CollectionRunDeps {
  collections: CollectionStore
  /** A saved request with its credentials revealed (request.read). */
  readRequest(collectionId: string, path: string): Promise<SavedRequest>
  /** runRequest's dependencies; the run supplies the writer and the cancel check. */
  send: Omit<RunRequestDeps, 'writer' | 'cancelled'>
  cancelSend(requestId: string): void
  discardBody(bodyId: string): Promise<void>
  /** Where variable changes go when the run ends (persistVariables). */
  writer: VariableWriter
  runRealtime?: RealtimeRunner | undefined
}

export interface CollectionRunOptions {
  runId: string
  collectionId: string
  folder?: string | undefined
  only?: string[] | undefined
  shard?: Shard | undefined
  iterations?: number | undefined
  rows?: DataRow[] | undefined
  delayMs: number
  bail: boolean
  /** undefined: the active environment; null: none. */
  environmentId?: string | null | undefined
  environment?: { name: string; variables: Variable[] } | undefined
  globals?: Variable[] | undefined
  envVars?: Record<string, string> | undefined
  persistVariables: boolean
  timeoutMs?: number | undefined
  insecure: boolean
}

export class CollectionRun {
  private readonly tally: RunTally
  private cancelled = false
  private readonly abort = new AbortController()
  private inFlight: string | undefined
  private wake: (() => void) | undefined
  readonly finished: Promise<RunResult>

  constructor(
    private readonly deps: CollectionRunDeps,
    private readonly options: CollectionRunOptions,
    private readonly emit: (progress: RunnerProgress) => void
  ) {
    this.tally = new RunTally(options.runId, options.collectionId, options.folder ?? '')
    this.finished = this.run()
  }

  result(): RunResult {
    return this.tally.result()
  }

  cancel(): boolean {
    if (this.tally.state !== 'running') return false
    this.cancelled = true
    this.abort.abort()
    if (this.inFlight) this.deps.cancelSend(this.inFlight)
    this.wake?.()
    return true
  }

  private async run(): Promise<RunResult> {
    let sandbox: ScriptSandbox | undefined
    let state: RunState = 'finished'
    try {
      const { collectionId } = this.options
      const collection = await this.deps.collections.get(collectionId)
      const loaded = await collection.load()
      const requests = planRun(loaded.tree, this.options)
      const rows = this.options.rows ?? []
      const iterations = this.options.iterations ?? Math.max(rows.length, 1)
      const carried = await this.carriedVariables(collection)
      this.tally.begin(loaded.name, carried.environment?.name ?? null, requests, iterations)
      this.emit({ type: 'started', runId: this.options.runId, requests, iterations })
      sandbox = await ScriptSandbox.create()
      const changed = new Set<'globals' | 'environment' | 'collection'>()
      const writer: VariableWriter = {
        saveGlobals: (variables) => ((carried.globals = variables), changed.add('globals')),
        saveEnvironment: (_c, id, name, variables) => ((carried.environment = { id, name, variables }), changed.add('environment')),
        saveCollectionVariables: (_c, variables) => ((carried.collection = variables), changed.add('collection'))
      }
      let first = true
      outer: for (let iteration = 0; iteration < iterations; iteration++) {
        // Newman's rule: past the last data row, the last row is used again.
        const data = rows.length === 0 ? {} : (rows[Math.min(iteration, rows.length - 1)] ?? {})
        for (const [index, item] of requests.entries()) {
          if (!first && this.options.delayMs > 0) await this.pause(this.options.delayMs)
          first = false
          if (this.cancelled) break outer
          this.emit({ type: 'item-start', runId: this.options.runId, iteration, index, item })
          const result = await this.runItem(item, { index: iteration, count: iterations, data }, index, { sandbox, carried, writer })
          this.tally.add(result)
          this.emit({ type: 'item-done', runId: this.options.runId, result })
          if (this.cancelled) break outer
          if (this.options.bail && (result.outcome === 'failed' || result.outcome === 'error')) {
            state = 'bailed'
            break outer
          }
        }
        this.tally.iterationDone()
      }
      if (this.cancelled) state = 'cancelled'
      if (this.options.persistVariables) await this.persist(carried, changed)
      this.tally.finish(state, null)
    } catch (error) {
      const appError = error instanceof ParleyError ? error.toJSON() : { code: 'internal_error', message: String(error) }
      this.tally.finish('failed', appError)
    } finally {
      sandbox?.dispose()
    }
    const summary: RunSummary = this.tally.result().summary
    this.emit({ type: 'done', runId: this.options.runId, summary })
    return this.tally.result()
  }

  private async runItem(
    item: RunItemRef,
    iteration: { index: number; count: number; data: DataRow },
    index: number,
    shared: { sandbox: ScriptSandbox; carried: CarriedVariables; writer: VariableWriter }
  ): Promise<RunItemResult> {
    const started = performance.now()
    const base = { ...item, iteration: iteration.index, index }
    const done = (outcome: RunItemResult['outcome'], rest: Partial<RunItemResult>): RunItemResult =>
      this.tally.bounded({
        ...base,
        outcome,
        status: null,
        durationMs: Math.round(performance.now() - started),
        tests: [],
        testsOmitted: 0,
        error: null,
        ...rest
      })
    const { collectionId } = this.options
    const requestId = `${this.options.runId}:${iteration.index}:${index}`
    const context: SendContext = { collectionId, path: item.path, environmentId: null }
    let saved: SavedRequest
    try {
      saved = await this.deps.readRequest(collectionId, item.path)
    } catch (error) {
      return done('error', { error: toAppError(error) })
    }
    if (saved.kind !== 'http') {
      if (!this.deps.runRealtime) {
        return done('skipped', { skipReason: `${requestKinds[saved.kind].name} requests cannot run in the collection runner in this version of Parley.` })
      }
      if (!saved.steps?.length) {
        return done('skipped', {
          skipReason: `This ${requestKinds[saved.kind].name} request has no steps, so there is nothing to run: add steps (connect, expect, …) in its Steps tab.`
        })
      }
      this.inFlight = requestId
      try {
        const out = await this.deps.runRealtime({
          requestId,
          request: saved,
          context,
          iteration,
          sandbox: shared.sandbox,
          carried: shared.carried,
          writer: shared.writer,
          signal: this.abort.signal
        })
        return done(outcomeOf(out.error, out.tests), { tests: out.tests, error: out.error, durationMs: Math.round(out.durationMs) })
      } catch (error) {
        return done('error', { error: toAppError(error) })
      } finally {
        this.inFlight = undefined
      }
    }
    this.inFlight = requestId
    try {
      const result = await runRequest(
        { ...this.deps.send, writer: shared.writer, cancelled: () => this.cancelled },
        {
          requestId,
          request: this.httpRequestOf(saved),
          scripts: saved.scripts,
          assertions: saved.assertions,
          name: saved.name,
          context,
          iteration,
          sandbox: shared.sandbox,
          carried: shared.carried
        }
      )
      const response = result.response
      if (response?.body.kind === 'file') await this.deps.discardBody(response.body.bodyId).catch(() => undefined)
      return done(outcomeOf(result.error, result.tests), { status: response?.status ?? null, tests: result.tests, error: result.error })
    } finally {
      this.inFlight = undefined
    }
  }

  private httpRequestOf(saved: Extract<SavedRequest, { kind: 'http' }>): HttpRequest {
    const { method, url, headers, body, auth, settings } = saved
    return {
      method,
      url,
      headers,
      body,
      auth,
      settings: {
        ...settings,
        ...(this.options.insecure ? { verifyTls: false } : {}),
        ...(this.options.timeoutMs !== undefined && settings.timeoutMs === 0 ? { timeoutMs: this.options.timeoutMs } : {})
      }
    }
  }

  /** The run's starting variables: the chosen (or given) environment with --env-var on top, given globals. */
  private async carriedVariables(collection: Awaited<ReturnType<CollectionStore['get']>>): Promise<CarriedVariables> {
    const { environment, environmentId, envVars, globals } = this.options
    const { environments } = this.deps.send
    let env: CarriedVariables['environment'] = null
    if (environment) env = { id: '', name: environment.name, variables: environment.variables }
    else {
      const id = environmentId === undefined ? await environments.activeId(collection.id) : environmentId
      if (id !== null) {
        const found = await environments.get(collection, id)
        if (!found)
          throw new ParleyError('not_found', `The collection has no environment with the id ${id}.`, "Choose one of the collection's environments, or none.")
        env = found
      }
    }
    if (envVars && Object.keys(envVars).length > 0) {
      const variables = [...(env?.variables ?? [])]
      for (const [name, value] of Object.entries(envVars)) {
        const at = variables.findIndex((v) => v.name === name)
        const next = { name, value, enabled: true, secret: at === -1 ? false : (variables[at]?.secret ?? false) }
        if (at === -1) variables.push(next)
        else variables[at] = next
      }
      env = { id: env?.id ?? '', name: env?.name ?? 'command line', variables }
    }
    return { environment: env, ...(globals ? { globals } : {}) }
  }

  /** Saves what scripts changed, once, when the run ends (an environment given inline has no home). */
  private async persist(carried: CarriedVariables, changed: Set<string>): Promise<void> {
    const { collectionId } = this.options
    if (changed.has('globals') && carried.globals && !this.options.globals) await this.deps.writer.saveGlobals(carried.globals)
    const env = carried.environment
    if (changed.has('environment') && env && env.id !== '' && !this.options.envVars)
      await this.deps.writer.saveEnvironment(collectionId, env.id, env.name, env.variables)
    if (changed.has('collection') && carried.collection) await this.deps.writer.saveCollectionVariables(collectionId, carried.collection)
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wake = done
    })
    this.wake = undefined
  }
}

function outcomeOf(error: AppError | null, tests: TestResult[]): RunItemResult['outcome'] {
  if (error) return 'error'
  return tests.some((test) => !test.passed) ? 'failed' : 'passed'
}

function toAppError(error: unknown): AppError {
  return error instanceof ParleyError ? error.toJSON() : { code: 'internal_error', message: error instanceof Error ? error.message : String(error) }
}
