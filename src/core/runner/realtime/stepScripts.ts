import type { ConsoleEntry, TestResult } from '../../../shared/scripts'
import { ScriptSandbox, type HostCall, type ScriptFailure } from '../../scripts/sandbox'
import type { ScriptVariables } from '../../scripts/scriptVariables'
import type { StepMessage } from './stepMessages'

/**
 * Predicates and step scripts of one run, in one QuickJS sandbox (made on first use, or the
 * runner's): a predicate is an expression over `msg`; a step script sees `pm.message` and
 * `pm.messages` and calls pm.test / pm.expect like a post-response script. The collection's,
 * folders' and request's pre-request and post-response scripts of a live request run here too,
 * before it connects and after its steps, on the same variables.
 */

export interface ScriptInfo {
  requestId: string
  requestName: string
  iteration: number
  iterationCount: number
  /** The request as pm.request shows it: the URL and headers (a live request has no body). */
  url: string
  headers: { name: string; value: string; enabled: boolean }[]
  /** Serves pm.sendRequest (src/core/scripts/runRequest.ts scriptHost); without it, scripts that call it fail. */
  host?: HostCall
}

/** What a script of a live request gave: its tests and console lines, and why it failed, if it did. */
export interface ScriptOutcome {
  tests: TestResult[]
  console: ConsoleEntry[]
  failure?: string
}

export type PredicateOutcome = { passed: boolean } | { passed: false; error: string; fatal: boolean }

export class StepScripts {
  private sandbox: ScriptSandbox | undefined
  private readonly owned: boolean

  constructor(
    shared: ScriptSandbox | undefined,
    private readonly vars: ScriptVariables,
    private readonly info: ScriptInfo,
    private readonly mask: (text: string) => string
  ) {
    this.sandbox = shared
    this.owned = shared === undefined
  }

  private async get(): Promise<ScriptSandbox> {
    this.sandbox ??= await ScriptSandbox.create()
    return this.sandbox
  }

  /** Whether `msg` satisfies the predicate; empty holds for every message. A syntax error is fatal to the step. */
  async matches(predicate: string, msg: StepMessage, where: string): Promise<PredicateOutcome> {
    if (!predicate.trim()) return { passed: true }
    const sandbox = await this.get()
    const outcome = await sandbox.test(predicate, `predicate of ${where}`, 'msg', msg)
    if (!outcome.error) return { passed: outcome.passed }
    const fatal = /^SyntaxError|ran longer than|more than \d+ MB/.test(outcome.error.message)
    return { passed: false, error: this.mask(describeFailure(outcome.error)), fatal }
  }

  /** Runs a step's script: its tests (source `step`) and console lines, and a failed test if it threw. */
  async run(code: string, title: string, message: StepMessage | undefined, messages: StepMessage[]): Promise<{ tests: TestResult[]; console: ConsoleEntry[] }> {
    const outcome = await this.execute(code, `script of step "${title}"`, 'test', 'step', message, messages)
    if (outcome.failure) outcome.tests.push({ name: `Script of step "${title}"`, passed: false, message: outcome.failure, source: 'step' })
    return { tests: outcome.tests, console: outcome.console }
  }

  /**
   * Runs a pre-request script (before the session opens) or a post-response script (after the
   * steps) of `owner` (the collection, a folder, the request); a failure is a failed test too.
   */
  async phase(phase: 'pre' | 'post', code: string, owner: string): Promise<ScriptOutcome> {
    const label = `${phase === 'pre' ? 'pre-request' : 'post-response'} script of ${owner}`
    const outcome = await this.execute(code, label, phase === 'pre' ? 'prerequest' : 'test', phase, undefined, [])
    if (outcome.failure) outcome.tests.push({ name: label.charAt(0).toUpperCase() + label.slice(1), passed: false, message: outcome.failure, source: phase })
    return outcome
  }

  private async execute(
    code: string,
    filename: string,
    eventName: string,
    source: TestResult['source'],
    message: StepMessage | undefined,
    messages: StepMessage[]
  ): Promise<ScriptOutcome> {
    const sandbox = await this.get()
    const input = {
      info: {
        eventName,
        iteration: this.info.iteration,
        iterationCount: this.info.iterationCount,
        requestName: this.info.requestName,
        requestId: this.info.requestId
      },
      request: {
        method: 'GET',
        url: this.info.url,
        headers: this.info.headers.map((h) => ({ key: h.name, value: h.value, ...(h.enabled ? {} : { disabled: true }) })),
        body: { mode: 'raw', raw: '' }
      },
      vars: this.vars.vars,
      environmentName: this.vars.environmentName ?? null,
      message: message ?? null,
      messages
    }
    const host: HostCall =
      this.info.host ??
      (async (name) => {
        throw new Error(name === 'sendRequest' ? 'pm.sendRequest is not available here' : `${name} is not supported by Parley`)
      })
    const run = await sandbox.run(code, filename, input, host)
    const output = run.output as { tests: { name: string; passed: boolean; message?: string }[]; console: ConsoleEntry[]; vars: ScriptVariables['vars'] } | null
    const tests: TestResult[] = []
    const console: ConsoleEntry[] = []
    if (output) {
      this.vars.update(output.vars)
      for (const test of output.tests)
        tests.push({ name: this.mask(test.name), passed: test.passed, source, ...(test.message ? { message: this.mask(test.message) } : {}) })
      for (const entry of output.console) console.push({ level: entry.level, text: this.mask(entry.text) })
    }
    return { tests, console, ...(run.error ? { failure: this.mask(describeFailure(run.error)) } : {}) }
  }

  dispose(): void {
    if (this.owned) this.sandbox?.dispose()
  }
}

function describeFailure(failure: ScriptFailure): string {
  return `${failure.message}${failure.line === undefined ? '' : ` (line ${failure.line}${failure.column === undefined ? '' : `, column ${failure.column}`})`}`
}
