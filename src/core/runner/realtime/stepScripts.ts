import type { ConsoleEntry, TestResult } from '../../../shared/scripts'
import { ScriptSandbox, type ScriptFailure } from '../../scripts/sandbox'
import type { ScriptVariables } from '../../scripts/scriptVariables'
import type { StepMessage } from './stepMessages'

/**
 * Predicates and step scripts of one run, in one QuickJS sandbox (made on first use, or the
 * runner's): a predicate is an expression over `msg`; a step script sees `pm.message` and
 * `pm.messages` and calls pm.test / pm.expect like a post-response script.
 */

export interface ScriptInfo {
  requestId: string
  requestName: string
  iteration: number
  iterationCount: number
  /** The request as pm.request shows it: the URL and headers (a live request has no body). */
  url: string
  headers: { name: string; value: string; enabled: boolean }[]
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
    const sandbox = await this.get()
    const input = {
      info: { eventName: 'test', iteration: this.info.iteration, iterationCount: this.info.iterationCount, requestName: this.info.requestName, requestId: this.info.requestId },
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
    const run = await sandbox.run(code, `script of step "${title}"`, input, async (name) => {
      throw new Error(name === 'sendRequest' ? 'pm.sendRequest is not available in the scripts of a live request\'s steps' : `${name} is not supported by Parley`)
    })
    const output = run.output as { tests: { name: string; passed: boolean; message?: string }[]; console: ConsoleEntry[]; vars: ScriptVariables['vars'] } | null
    const tests: TestResult[] = []
    const console: ConsoleEntry[] = []
    if (output) {
      this.vars.update(output.vars)
      for (const test of output.tests) tests.push({ name: this.mask(test.name), passed: test.passed, source: 'step', ...(test.message ? { message: this.mask(test.message) } : {}) })
      for (const entry of output.console) console.push({ level: entry.level, text: this.mask(entry.text) })
    }
    if (run.error) tests.push({ name: `Script of step "${title}"`, passed: false, message: this.mask(describeFailure(run.error)), source: 'step' })
    return { tests, console }
  }

  dispose(): void {
    if (this.owned) this.sandbox?.dispose()
  }
}

function describeFailure(failure: ScriptFailure): string {
  return `${failure.message}${failure.line === undefined ? '' : ` (line ${failure.line}${failure.column === undefined ? '' : `, column ${failure.column}`})`}`
}
