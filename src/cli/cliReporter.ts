import { styleText } from 'node:util'
import type { RunItemResult, RunnerProgress, RunResult } from '../shared/runner'
import { formatCount, t } from './messages'

type Style = Parameters<typeof styleText>[0]

/**
 * The `cli` reporter: each request and its tests as they finish (newman's layout: ✓ passed,
 * ✗ numbered failures), then a summary table and the failures listed again.
 */
export class CliReporter {
  private readonly failures: { item: RunItemResult; name: string; message: string }[] = []
  private iterations = 1

  constructor(
    private readonly write: (text: string) => void,
    private readonly color: boolean
  ) {}

  private paint(style: Style, text: string): string {
    return this.color ? styleText(style, text) : text
  }

  onProgress(event: RunnerProgress): void {
    if (event.type === 'started') {
      this.iterations = event.iterations
      return
    }
    if (event.type === 'item-start') {
      if (event.index === 0 && this.iterations > 1) this.write(`\n${this.paint('bold', t('iteration', { n: event.iteration + 1, total: this.iterations }))}\n`)
      return
    }
    if (event.type !== 'item-done') return
    const item = event.result
    const mark = item.outcome === 'passed' ? this.paint('green', '✓') : item.outcome === 'skipped' ? this.paint('gray', '-') : this.paint('red', '✗')
    const status =
      item.status === null ? (item.outcome === 'skipped' ? t('statusSkipped') : item.kind === 'http' ? t('statusNoResponse') : item.kind) : String(item.status)
    this.write(`${t('itemLine', { mark, method: item.method ?? item.kind, name: item.name, status, ms: Math.round(item.durationMs) })}\n`)
    for (const test of item.tests) {
      if (test.passed) {
        this.write(`${t('testLine', { mark: this.paint('green', '✓'), name: test.name })}\n`)
        continue
      }
      this.failures.push({ item, name: test.name, message: test.message ?? '' })
      this.write(`${t('testLine', { mark: this.paint('red', `${this.failures.length}.`), name: this.paint('red', test.name) })}\n`)
      if (test.message) this.write(`${t('testFailure', { message: this.paint('gray', test.message) })}\n`)
    }
    if (item.error) {
      this.failures.push({ item, name: t('failureRequest'), message: item.error.message })
      this.write(`${this.paint('red', t('itemError', { message: item.error.message }))}\n`)
    }
    if (item.skipReason) this.write(`${this.paint('gray', t('itemSkipped', { reason: item.skipReason }))}\n`)
  }

  summary(result: RunResult): void {
    const s = result.summary
    const rows: [string, string, string, string][] = [
      ['', t('summaryExecuted'), t('summaryFailed'), t('summarySkipped')],
      [t('summaryIterations'), formatCount(s.iterations.done), formatCount(0), ''],
      [
        t('summaryRequests'),
        formatCount(s.requests.total - s.requests.skipped),
        formatCount(s.requests.failed + s.requests.errored),
        formatCount(s.requests.skipped)
      ],
      [t('summaryTests'), formatCount(s.tests.total), formatCount(s.tests.failed), '']
    ]
    const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)))
    const line = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`
    this.write(`\n${line('┌', '┬', '┐')}\n`)
    rows.forEach((row, i) => {
      const cells = row.map((cell, col) => ` ${col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)} `)
      this.write(`│${cells.join('│')}│\n`)
      if (i === 0) this.write(`${line('├', '┼', '┤')}\n`)
    })
    this.write(`├${'─'.repeat(widths.reduce((a, w) => a + w + 3, -1))}┤\n`)
    const duration = ` ${t('summaryDuration', { seconds: s.durationMs / 1000 })}`
    this.write(`│${duration.padEnd(widths.reduce((a, w) => a + w + 3, -1))}│\n`)
    this.write(`${line('└', '┴', '┘')}\n`)
    if (s.state === 'cancelled') this.write(`${t('stateCancelled')}\n`)
    if (s.state === 'bailed') this.write(`${this.paint('red', t('stateBailed'))}\n`)
    if (this.failures.length > 0) {
      this.write(`\n${this.paint('red', t('failuresHeader'))}\n`)
      this.failures.forEach((f, i) =>
        this.write(
          `${t('failureLine', { n: i + 1, request: `${f.item.name} (${f.item.path})`, iteration: f.item.iteration + 1, name: f.name, message: f.message })}\n`
        )
      )
    }
  }
}
