import { useState } from 'react'
import { useT } from '../../i18n'
import { errorText } from '../../i18n/errors'
import { currentStep, doneCount } from './learnProgress'
import { learnSteps } from './learnSteps'
import { useLearn } from './learnStore'
import './learn.css'

/**
 * "Learn" / "Aprende": the course's ideas as short steps, each with one button that does the thing in
 * the playground, a sentence on what to watch, and a box to tick once seen. Progress is remembered.
 */
export function LearnPanel() {
  const { t } = useT('learn')
  const { done, running, failure, run, setDone, reset } = useLearn()
  const [chosen, setChosen] = useState<string | undefined>(undefined)
  const openId = chosen ?? currentStep(done)
  const count = doneCount(done)
  // The path's own failures read from this catalog; the rest (core's, the playground's) through errorText.
  const failureText = (error: unknown): string => {
    const code = (error as { code?: unknown }).code
    if (code === 'learn_missing_request') return t('errors.missingRequest')
    if (code === 'learn_not_connected')
      return (error as Error).message ? t('errors.notConnected', { reason: (error as Error).message }) : t('errors.sessionEnded')
    if (code === 'learn_playground_not_started') return t('errors.playgroundNotStarted')
    return errorText(error)
  }
  const total = learnSteps.length
  return (
    <div className="learn-panel">
      <header className="learn-head">
        <h2 className="learn-title">{t('title')}</h2>
        <p className="learn-intro">{t('intro')}</p>
        <div className="learn-progress">
          <progress value={count} max={total} aria-label={t('progressLabel')} />
          <span>{t('progress', { done: count, total })}</span>
        </div>
      </header>
      <ol className="learn-steps" aria-label={t('stepsLabel')}>
        {learnSteps.map((step, index) => {
          const isDone = done.includes(step.id)
          const isOpen = openId === step.id
          const title = t(`steps.${step.id}.title`)
          const bodyId = `learn-step-${step.id}`
          return (
            <li key={step.id} className={`learn-step ${isOpen ? 'learn-step-open' : ''} ${isDone ? 'learn-step-done' : ''}`}>
              <h3 className="learn-step-heading">
                <button
                  type="button"
                  className="learn-step-toggle"
                  aria-expanded={isOpen}
                  aria-controls={bodyId}
                  onClick={() => setChosen(isOpen ? '' : step.id)}
                >
                  <span className="learn-step-number" aria-hidden="true">
                    {isDone ? '✓' : index + 1}
                  </span>
                  <span>{title}</span>
                  {isDone && <span className="visually-hidden">{t('doneMark')}</span>}
                </button>
              </h3>
              {isOpen && (
                <section id={bodyId} className="learn-step-body" aria-label={title}>
                  <p>{t(`steps.${step.id}.text`)}</p>
                  <button
                    type="button"
                    className="primary-button learn-action"
                    disabled={running !== undefined}
                    onClick={() => void run(step.id, t('chatMessage'))}
                  >
                    {running === step.id ? t('running') : t(`steps.${step.id}.button`)}
                  </button>
                  {failure?.stepId === step.id && (
                    <p role="alert" className="error-text learn-failure">
                      {t('failed', { reason: failureText(failure.error) })}
                    </p>
                  )}
                  <p className="learn-watch">
                    <strong>{t('watch')}</strong> {t(`steps.${step.id}.watch`)}
                  </p>
                  <label className="learn-seen">
                    <input
                      type="checkbox"
                      checked={isDone}
                      onChange={(event) => {
                        const checked = event.target.checked
                        void setDone(step.id, checked)
                        // Ticking a step moves on to the next one not done.
                        if (checked) setChosen(currentStep([...done, step.id]))
                      }}
                    />
                    <span>{t(`steps.${step.id}.seen`)}</span>
                  </label>
                </section>
              )}
            </li>
          )
        })}
      </ol>
      {count === total && (
        <p role="status" className="learn-finished">
          {t('finished')}
        </p>
      )}
      {count > 0 && (
        <button type="button" className="link-button learn-reset" onClick={() => void reset().then(() => setChosen(undefined))}>
          {t('reset')}
        </button>
      )}
    </div>
  )
}
