import type { AppError } from '../../shared/errors'
import { runnerLimits, type RunItemRef, type RunItemResult, type RunResult, type RunState } from '../../shared/runner'

/**
 * What a run has reported so far: the kept item results (at most `runnerLimits.itemsKept`) and
 * counters over all of them, so `runner.result`, reports and the CLI's summary agree.
 */
export class RunTally {
  state: RunState = 'running'
  private collectionName = ''
  private environmentName: string | null = null
  private requests: RunItemRef[] = []
  private readonly items: RunItemResult[] = []
  private itemsOmitted = 0
  private iterations = { total: 0, done: 0 }
  private readonly counts = { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0 }
  private readonly tests = { total: 0, passed: 0, failed: 0 }
  private readonly startedAt = new Date()
  private readonly started = performance.now()
  private endedMs: number | undefined
  private error: AppError | null = null

  constructor(
    private readonly runId: string,
    private readonly collectionId: string,
    private readonly folder: string
  ) {}

  begin(collectionName: string, environmentName: string | null, requests: RunItemRef[], iterations: number): void {
    this.collectionName = collectionName
    this.environmentName = environmentName
    this.requests = requests
    this.iterations = { total: iterations, done: 0 }
  }

  /** An item result cut to the event's bounds: at most testsPerItem tests, texts at most textChars. */
  bounded(result: RunItemResult): RunItemResult {
    const cut = (text: string): string => (text.length > runnerLimits.textChars ? `${text.slice(0, runnerLimits.textChars - 1)}…` : text)
    const kept = result.tests
      .slice(0, runnerLimits.testsPerItem)
      .map((test) => ({ ...test, name: cut(test.name), ...(test.message === undefined ? {} : { message: cut(test.message) }) }))
    // Counted before cutting, so the summary holds every test.
    for (const test of result.tests) {
      this.tests.total++
      if (test.passed) this.tests.passed++
      else this.tests.failed++
    }
    return {
      ...result,
      tests: kept,
      testsOmitted: result.tests.length - kept.length,
      ...(result.error ? { error: { ...result.error, message: cut(result.error.message) } } : {})
    }
  }

  add(result: RunItemResult): void {
    this.counts.total++
    if (result.outcome === 'passed') this.counts.passed++
    else if (result.outcome === 'failed') this.counts.failed++
    else if (result.outcome === 'error') this.counts.errored++
    else this.counts.skipped++
    if (this.items.length < runnerLimits.itemsKept) this.items.push(result)
    else this.itemsOmitted++
  }

  iterationDone(): void {
    this.iterations.done++
  }

  finish(state: RunState, error: AppError | null): void {
    this.state = state
    this.error = error
    this.endedMs = performance.now()
  }

  result(): RunResult {
    return {
      runId: this.runId,
      collectionId: this.collectionId,
      collectionName: this.collectionName,
      folder: this.folder,
      environmentName: this.environmentName,
      startedAt: this.startedAt.toISOString(),
      requests: this.requests,
      items: [...this.items],
      itemsOmitted: this.itemsOmitted,
      summary: {
        state: this.state,
        iterations: { ...this.iterations },
        requests: { ...this.counts },
        tests: { ...this.tests },
        durationMs: Math.round((this.endedMs ?? performance.now()) - this.started),
        error: this.error
      }
    }
  }
}
