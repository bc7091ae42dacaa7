import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import type { RunItemRef, RunItemResult } from '../../../shared/runner'
import type { TestResult } from '../../../shared/scripts'
import { useT } from '../../i18n'

type Row =
  | { kind: 'iteration'; key: string; iteration: number; passed: number; failed: number }
  | { kind: 'request'; key: string; item: RunItemResult; expanded: boolean }
  | { kind: 'running'; key: string; ref: RunItemRef; iteration: number }
  | { kind: 'test'; key: string; test: TestResult }
  | { kind: 'note'; key: string; text: string; tone: 'error' | 'muted' }

const failedOutcome = (item: RunItemResult): boolean => item.outcome === 'failed' || item.outcome === 'error'

/** Iterations → requests → tests, as rows of a flat list (the virtualised tree shows only those on screen). */
function rowsOf(
  items: RunItemResult[],
  current: { iteration: number; index: number; ref: RunItemRef } | undefined,
  onlyFailed: boolean,
  collapsed: Set<string>
): Row[] {
  const byIteration = new Map<number, RunItemResult[]>()
  for (const item of items) {
    if (onlyFailed && !failedOutcome(item)) continue
    byIteration.set(item.iteration, [...(byIteration.get(item.iteration) ?? []), item])
  }
  if (current && !byIteration.has(current.iteration)) byIteration.set(current.iteration, [])
  const rows: Row[] = []
  for (const iteration of [...byIteration.keys()].sort((a, b) => a - b)) {
    const list = (byIteration.get(iteration) ?? []).sort((a, b) => a.index - b.index)
    const passed = list.filter((item) => item.outcome === 'passed').length
    rows.push({ kind: 'iteration', key: `i${iteration}`, iteration, passed, failed: list.filter(failedOutcome).length })
    for (const item of list) {
      const key = `${iteration}:${item.index}`
      const expanded = !collapsed.has(key)
      rows.push({ kind: 'request', key, item, expanded })
      if (!expanded) continue
      if (item.error)
        rows.push({ kind: 'note', key: `${key}:error`, text: `${item.error.message}${item.error.hint ? ` ${item.error.hint}` : ''}`, tone: 'error' })
      if (item.skipReason) rows.push({ kind: 'note', key: `${key}:skip`, text: item.skipReason, tone: 'muted' })
      item.tests.forEach((test, n) => {
        if (!onlyFailed || !test.passed) rows.push({ kind: 'test', key: `${key}:t${n}`, test })
      })
      if (item.testsOmitted > 0) rows.push({ kind: 'note', key: `${key}:omitted`, text: String(item.testsOmitted), tone: 'muted' })
    }
    if (current && current.iteration === iteration) rows.push({ kind: 'running', key: `run:${iteration}:${current.index}`, ref: current.ref, iteration })
  }
  return rows
}

/** The live results of a run as a tree: iterations, their requests (status, time, tests), each test with its message. */
export function RunResults({
  items,
  current,
  onlyFailed
}: {
  items: RunItemResult[]
  current: { iteration: number; index: number; ref: RunItemRef } | undefined
  onlyFailed: boolean
}) {
  const { t } = useT('runner')
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  const rows = useMemo(() => rowsOf(items, current, onlyFailed, collapsed), [items, current, onlyFailed, collapsed])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 30,
    overscan: 20,
    getItemKey: (index) => rows[index]!.key
  })
  const toggle = (key: string): void =>
    setCollapsed((old) => {
      const next = new Set(old)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  const outcomeText = (outcome: RunItemResult['outcome']): string => t(`results.outcome.${outcome}`)
  const render = (row: Row) => {
    switch (row.kind) {
      case 'iteration':
        return (
          <div
            role="treeitem"
            aria-level={1}
            aria-expanded
            aria-selected={false}
            aria-label={t('results.iteration', { number: row.iteration + 1 })}
            className="run-row run-iteration"
          >
            <span className="run-iteration-title">{t('results.iteration', { number: row.iteration + 1 })}</span>
            <span className="muted">{t('results.iterationCounts', { passed: row.passed, failed: row.failed })}</span>
          </div>
        )
      case 'request': {
        const { item } = row
        const passedTests = item.tests.filter((test) => test.passed).length
        const label = t('results.request', { outcome: outcomeText(item.outcome), name: item.name, iteration: item.iteration + 1 })
        return (
          <div
            role="treeitem"
            aria-level={2}
            aria-expanded={row.expanded}
            aria-selected={false}
            aria-label={label}
            className={`run-row run-request run-${item.outcome}`}
          >
            <button
              type="button"
              className="run-toggle"
              aria-label={t('results.toggle', { name: item.name })}
              aria-expanded={row.expanded}
              onClick={() => toggle(row.key)}
            >
              {row.expanded ? '▾' : '▸'}
            </button>
            <span className={`run-badge run-badge-${item.outcome}`}>{outcomeText(item.outcome)}</span>
            {item.method && <span className="run-method">{item.method}</span>}
            <span className="run-name">{item.name}</span>
            <span className="run-meta">
              {item.status !== null && <span>{t('results.status', { status: item.status })}</span>}
              <span>{t('results.duration', { ms: Math.round(item.durationMs) })}</span>
              {item.tests.length > 0 && <span>{t('results.testCount', { passed: passedTests, total: item.tests.length })}</span>}
            </span>
          </div>
        )
      }
      case 'running':
        return (
          <div
            role="treeitem"
            aria-level={2}
            aria-selected={false}
            aria-busy="true"
            aria-label={`${row.ref.name}: ${t('results.running')}`}
            className="run-row run-request run-running"
          >
            <span className="run-toggle" aria-hidden="true" />
            <span className="run-badge">{t('results.running')}</span>
            {row.ref.method && <span className="run-method">{row.ref.method}</span>}
            <span className="run-name">{row.ref.name}</span>
          </div>
        )
      case 'test': {
        const label = t('results.test', { outcome: row.test.passed ? t('results.testPassed') : t('results.testFailed'), name: row.test.name })
        return (
          <div
            role="treeitem"
            aria-level={3}
            aria-selected={false}
            aria-label={label}
            className={`run-row run-test ${row.test.passed ? 'run-test-passed' : 'run-test-failed'}`}
          >
            <span className="run-test-mark" aria-hidden="true">
              {row.test.passed ? '✓' : '✗'}
            </span>
            <span className="run-test-name">{row.test.name}</span>
            {row.test.message && <span className="run-test-message">{row.test.message}</span>}
          </div>
        )
      }
      case 'note':
        return (
          <div role="treeitem" aria-level={3} aria-selected={false} className={`run-row run-note ${row.tone === 'error' ? 'error-text' : 'muted'}`}>
            {row.key.endsWith(':omitted') ? t('results.omitted', { count: Number(row.text) }) : row.text}
          </div>
        )
    }
  }
  return (
    <div ref={scroller} className="run-results" role="tree" aria-label={t('results.label')}>
      {rows.length === 0 ? (
        <p className="muted run-empty">{onlyFailed && items.length > 0 ? t('results.noFailures') : t('results.none')}</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => (
            <div
              key={virtual.key}
              role="none"
              data-index={virtual.index}
              ref={virtualizer.measureElement}
              className="run-row-slot"
              style={{ transform: `translateY(${virtual.start}px)` }}
            >
              {render(rows[virtual.index]!)}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
