import { create } from 'zustand'
import type { ReportFormat, RunItemRef, RunItemResult, RunResult, RunnerProgress, RunSummary } from '../../../shared/runner'
import { api } from '../../app/api'
import { saveTextAs } from '../../ui/downloadFile'
import { errorText } from '../collections/collectionsStore'

/** What the runner runs: a collection (folder '') or one folder of it. */
export interface RunTarget {
  collectionId: string
  folder: string
  name: string
}

export interface RunOptions {
  iterations: number | undefined
  /** A data file's path (chosen with the file picker, or typed). */
  dataPath: string
  delayMs: number
  bail: boolean
  /** undefined: the collection's active one; null: none. */
  environmentId: string | null | undefined
}

export const defaultRunOptions: RunOptions = { iterations: 1, dataPath: '', delayMs: 0, bail: false, environmentId: undefined }

interface RunnerState {
  /** The runner screen is open for this target. */
  target: RunTarget | undefined
  options: RunOptions
  runId: string | undefined
  requests: RunItemRef[]
  iterations: number
  /** Finished items by `iteration:index`, in arrival order. */
  items: Map<string, RunItemResult>
  /** The item running now. */
  current: { iteration: number; index: number } | undefined
  summary: RunSummary | undefined
  /** Starting failed (bad data file, …): said in words. */
  error: string | undefined
  onlyFailed: boolean
}

const empty = {
  runId: undefined,
  requests: [],
  iterations: 0,
  items: new Map<string, RunItemResult>(),
  current: undefined,
  summary: undefined,
  error: undefined
}

export const useRunner = create<RunnerState>(() => ({ target: undefined, options: defaultRunOptions, onlyFailed: false, ...empty }))

const keyOf = (item: { iteration: number; index: number }): string => `${item.iteration}:${item.index}`

export function openRunner(target: RunTarget): void {
  const state = useRunner.getState()
  const same = state.target?.collectionId === target.collectionId && state.target.folder === target.folder
  // Reopening the screen of the same collection keeps the last run on show.
  useRunner.setState(same ? { target } : { target, options: defaultRunOptions, onlyFailed: false, ...empty })
}

export const closeRunner = (): void => useRunner.setState({ target: undefined })

export const isRunning = (state: Pick<RunnerState, 'runId' | 'summary'>): boolean =>
  state.runId !== undefined && (state.summary === undefined || state.summary.state === 'running')

/** Starts a run of the target with the options; `only` re-runs some requests (the failed ones). */
export async function startRun(only?: string[]): Promise<void> {
  const { target, options } = useRunner.getState()
  if (!target) return
  useRunner.setState({ ...empty, items: new Map() })
  try {
    const { runId } = await api.call('runner.start', {
      collectionId: target.collectionId,
      ...(target.folder ? { folder: target.folder } : {}),
      ...(options.iterations ? { iterations: options.iterations } : {}),
      ...(options.dataPath.trim() ? { data: { kind: 'file' as const, path: options.dataPath.trim() } } : {}),
      delayMs: options.delayMs,
      bail: options.bail,
      ...(options.environmentId !== undefined ? { environmentId: options.environmentId } : {}),
      ...(only ? { only } : {})
    })
    useRunner.setState({ runId })
    // Events may have gone out before the answer came: catch up from the run's own record.
    applyResult(await api.call('runner.result', { runId }))
  } catch (error) {
    useRunner.setState({ error: errorText(error) })
  }
}

function applyResult(result: RunResult): void {
  useRunner.setState((state) => {
    if (state.runId !== result.runId) return state
    const items = new Map(state.items)
    for (const item of result.items) items.set(keyOf(item), item)
    return {
      items,
      requests: result.requests.length > 0 ? result.requests : state.requests,
      iterations: Math.max(state.iterations, result.summary.iterations.total),
      summary: result.summary.state === 'running' ? state.summary : result.summary
    }
  })
}

/** Listens to runner.progress for the whole window's life; returns the unsubscribe. */
export function listenForRunner(): () => void {
  return api.on('runner.progress', (progress: RunnerProgress) => {
    useRunner.setState((state) => {
      if (state.runId !== undefined && progress.runId !== state.runId) return state
      if (state.runId === undefined) return state
      switch (progress.type) {
        case 'started':
          return { requests: progress.requests, iterations: progress.iterations }
        case 'item-start':
          return { current: { iteration: progress.iteration, index: progress.index } }
        case 'item-done': {
          const items = new Map(state.items)
          items.set(keyOf(progress.result), progress.result)
          return { items }
        }
        case 'done':
          return { summary: progress.summary, current: undefined }
      }
    })
  })
}

export async function cancelRun(): Promise<void> {
  const { runId } = useRunner.getState()
  if (runId) await api.call('runner.cancel', { runId }).catch(() => undefined)
}

/** The request paths that failed or errored in any iteration, in run order. */
export function failedPaths(items: Iterable<RunItemResult>): string[] {
  const paths: string[] = []
  for (const item of items) if ((item.outcome === 'failed' || item.outcome === 'error') && !paths.includes(item.path)) paths.push(item.path)
  return paths
}

/** Saves the run as a report; resolves with where it went (desktop) or undefined (a download). */
export async function saveReport(format: ReportFormat): Promise<string | undefined> {
  const { runId } = useRunner.getState()
  if (!runId) return undefined
  const report = await api.call('runner.save', { runId, format })
  return saveTextAs(report.text, report.defaultName, report.mediaType)
}

/** Totals so far, from the finished items (the summary counts the same once the run is done). */
export function tally(items: Iterable<RunItemResult>): {
  passed: number
  failed: number
  errored: number
  skipped: number
  testsPassed: number
  testsFailed: number
} {
  const out = { passed: 0, failed: 0, errored: 0, skipped: 0, testsPassed: 0, testsFailed: 0 }
  for (const item of items) {
    if (item.outcome === 'passed') out.passed++
    else if (item.outcome === 'failed') out.failed++
    else if (item.outcome === 'error') out.errored++
    else out.skipped++
    for (const test of item.tests) {
      if (test.passed) out.testsPassed++
      else out.testsFailed++
    }
  }
  return out
}
