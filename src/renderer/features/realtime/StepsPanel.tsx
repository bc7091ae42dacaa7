import { useState } from 'react'
import type { RealtimeStep, RealtimeStepType } from '../../../shared/realtimeSteps'
import type { SessionKind } from '../../../shared/session'
import { TestsPanel } from '../response/TestsPanel'
import { sessionActions, useRealtime, type TabSession } from './sessionStore'
import { StepFields } from './StepEditor'

/**
 * The Steps tab of a live request: what the collection runner does with it (connect, emit, send,
 * expect, wait, close), edited in order, run here with "Run steps" in a session of its own; each
 * expectation comes back as a passed or failed test.
 */

const typesOf: Record<SessionKind, RealtimeStepType[]> = {
  socketio: ['connect', 'emit', 'expect', 'wait', 'close'],
  websocket: ['connect', 'send', 'expect', 'wait', 'close'],
  sse: ['connect', 'expect', 'wait', 'close']
}

const typeLabel: Record<RealtimeStepType, string> = {
  connect: 'Connect',
  emit: 'Emit',
  send: 'Send',
  expect: 'Expect',
  wait: 'Wait',
  close: 'Close'
}

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
  const update = useRealtime((s) => s.update)
  const types = typesOf[session.kind]
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
      <p className="rt-muted">
        Steps run in order in a session of their own when you press Run steps, and in the collection runner. Predicates are JavaScript over <code>msg</code> (<code>msg.event</code>, <code>msg.args</code>, <code>msg.data</code>).
      </p>
      {steps.length === 0 ? (
        <p className="rt-muted">No steps yet. Without a connect step, the run connects first.</p>
      ) : (
        <ol className="rt-step-list" aria-label="Steps">
          {steps.map((step, i) => {
            const n = i + 1
            return (
              <li key={i} className="rt-step" aria-label={`Step ${n}: ${typeLabel[step.type]}`}>
                <div className="rt-step-head">
                  <span className="rt-step-title">
                    {n}. {typeLabel[step.type]}
                  </span>
                  <span className="rt-toolbar-spacer" />
                  <button type="button" className="icon-button small" aria-label={`Move step ${n} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                    ↑
                  </button>
                  <button type="button" className="icon-button small" aria-label={`Move step ${n} down`} disabled={i === steps.length - 1} onClick={() => move(i, i + 1)}>
                    ↓
                  </button>
                  <button type="button" className="icon-button small" aria-label={`Delete step ${n}`} onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}>
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
        aria-label="Add a step"
        onSubmit={(e) => {
          e.preventDefault()
          setSteps((list) => [...list, newStep(adding)])
        }}
      >
        <label className="rt-field rt-field-narrow">
          <span>Step type</span>
          <select aria-label="New step type" value={adding} onChange={(e) => setAdding(e.target.value as RealtimeStepType)}>
            {types.map((t) => (
              <option key={t} value={t}>{typeLabel[t]}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary-button rt-align-end">
          Add step
        </button>
      </form>
      <div className="rt-actions">
        <button type="button" className="primary-button" disabled={run?.running || !session.form.url.trim()} onClick={() => void sessionActions.runSteps(tabId)}>
          {run?.running ? 'Running…' : 'Run steps'}
        </button>
        {run?.running && (
          <button type="button" className="secondary-button" onClick={() => sessionActions.cancelSteps(tabId)}>
            Cancel run
          </button>
        )}
      </div>
      {run?.error && (
        <p className="error-text" role="alert">
          {run.error}
        </p>
      )}
      {result && (
        <section aria-label="Step results" className="rt-step-results">
          {result.error && (
            <p className="error-text" role="alert">
              {result.error.message}
              {result.error.hint ? ` ${result.error.hint}` : ''}
            </p>
          )}
          <p className="rt-muted">Ran in {Math.round(result.durationMs).toLocaleString()} ms</p>
          <TestsPanel report={result} />
        </section>
      )}
    </div>
  )
}
