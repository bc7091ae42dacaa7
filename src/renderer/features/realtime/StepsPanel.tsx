import { useState } from 'react'
import type { RealtimeStep, RealtimeStepType } from '../../../shared/realtimeSteps'
import { requestKinds } from '../../../shared/requestKinds'
import { useT } from '../../i18n'
import { TestsPanel } from '../response/TestsPanel'
import { sessionActions, useRealtime, type TabSession } from './sessionStore'
import { StepFields } from './StepEditor'

/**
 * The Steps tab of a live request: what the collection runner does with it (connect, emit, send,
 * expect, wait, close), edited in order, run here with "Run steps" in a session of its own; each
 * expectation comes back as a passed or failed test.
 */

function newStep(type: RealtimeStepType): RealtimeStep {
  switch (type) {
    case 'connect':
      return { type, name: '', timeoutMs: 10_000 }
    case 'emit':
      return { type, name: '', event: '', args: [] }
    case 'send':
      return { type, name: '', frame: 'text', value: '' }
    case 'expect':
      return { type, name: '', event: '', predicate: '', count: 1, timeoutMs: 5_000 }
    case 'wait':
      return { type, name: '', ms: 1_000 }
    case 'close':
      return { type, name: '' }
  }
}

export function StepsPanel({ tabId, session }: { tabId: string; session: TabSession }) {
  const { t } = useT('realtimeSteps')
  const typeLabel = (type: RealtimeStepType): string => t(`types.${type}`)
  const update = useRealtime((s) => s.update)
  // The kind's step types (shared/requestKinds.ts); GraphQL subscriptions have none (their sessions open from the request's Send).
  const types = requestKinds[session.kind].steps as readonly RealtimeStepType[]
  const [adding, setAdding] = useState<RealtimeStepType>(session.steps.length === 0 ? 'connect' : 'expect')
  const steps = session.steps
  const setSteps = (next: (steps: RealtimeStep[]) => RealtimeStep[]) => update(tabId, (s) => ({ steps: next(s.steps) }))
  const move = (from: number, to: number) =>
    setSteps((list) => {
      const next = [...list]
      const [item] = next.splice(from, 1)
      next.splice(to, 0, item!)
      return next
    })
  const run = session.stepRun
  const result = run?.result
  return (
    <div className="rt-steps">
      <p className="rt-muted">{t('intro')}</p>
      {steps.length === 0 ? (
        <p className="rt-muted">{t('empty')}</p>
      ) : (
        <ol className="rt-step-list" aria-label={t('list')}>
          {steps.map((step, i) => {
            const n = i + 1
            return (
              <li key={i} className="rt-step" aria-label={t('item', { n, type: typeLabel(step.type) })}>
                <div className="rt-step-head">
                  <span className="rt-step-title">
                    {n}. {typeLabel(step.type)}
                  </span>
                  <span className="rt-toolbar-spacer" />
                  <button type="button" className="icon-button small" aria-label={t('moveUp', { n })} disabled={i === 0} onClick={() => move(i, i - 1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label={t('moveDown', { n })}
                    disabled={i === steps.length - 1}
                    onClick={() => move(i, i + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label={t('delete', { n })}
                    onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </div>
                <StepFields n={n} kind={session.kind} step={step} onChange={(next) => setSteps((list) => list.map((s, j) => (j === i ? next : s)))} />
              </li>
            )
          })}
        </ol>
      )}
      <form
        className="rt-form-row"
        aria-label={t('add.form')}
        onSubmit={(e) => {
          e.preventDefault()
          setSteps((list) => [...list, newStep(adding)])
        }}
      >
        <label className="rt-field rt-field-narrow">
          <span>{t('add.type')}</span>
          <select aria-label={t('add.typeAria')} value={adding} onChange={(e) => setAdding(e.target.value as RealtimeStepType)}>
            {types.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary-button rt-align-end">
          {t('add.button')}
        </button>
      </form>
      <div className="rt-actions">
        <button
          type="button"
          className="primary-button"
          disabled={run?.running || !session.form.url.trim()}
          onClick={() => void sessionActions.runSteps(tabId)}
        >
          {run?.running ? t('running') : t('run')}
        </button>
        {run?.running && (
          <button type="button" className="secondary-button" onClick={() => sessionActions.cancelSteps(tabId)}>
            {t('cancel')}
          </button>
        )}
      </div>
      {run?.error && (
        <p className="error-text" role="alert">
          {run.error}
        </p>
      )}
      {result && (
        <section aria-label={t('results')} className="rt-step-results">
          {result.error && (
            <p className="error-text" role="alert">
              {result.error.message}
              {result.error.hint ? ` ${result.error.hint}` : ''}
            </p>
          )}
          <p className="rt-muted">{t('ranIn', { ms: Math.round(result.durationMs) })}</p>
          <TestsPanel report={result} />
        </section>
      )}
    </div>
  )
}
