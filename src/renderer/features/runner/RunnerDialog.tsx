import { useEffect, useState } from 'react'
import type { Environment } from '../../../shared/collection'
import { reportFormats, type ReportFormat } from '../../../shared/runner'
import { api } from '../../app/api'
import { formatDuration, useT } from '../../i18n'
import { Dialog } from '../../ui/Dialog'
import { errorText } from '../collections/collectionsStore'
import { FileChooser } from '../request/FileChooser'
import { RunResults } from './RunResults'
import { cancelRun, closeRunner, failedPaths, isRunning, saveReport, startRun, tally, useRunner, type RunOptions } from './runnerStore'
import './runner.css'

/**
 * The collection runner: run a collection or folder with iterations, a data file, a delay, stop on
 * first failure and an environment; results come in live as a tree; failed ones can be re-run and
 * the run saved as JSON, JUnit or HTML. Core does the running (src/core/runner); this shows it.
 */
export function RunnerDialog() {
  const { t } = useT('runner')
  const target = useRunner((s) => s.target)
  const state = useRunner()
  const [environments, setEnvironments] = useState<Environment[]>([])
  const [format, setFormat] = useState<ReportFormat>('junit')
  const [saved, setSaved] = useState<string>()
  const [saveError, setSaveError] = useState<string>()
  const collectionId = target?.collectionId
  useEffect(() => {
    if (!collectionId) return
    api.call('environment.list', { collectionId }).then(
      (out) => setEnvironments(out.environments),
      () => setEnvironments([])
    )
  }, [collectionId])
  if (!target) return null
  const { options } = state
  const setOptions = (patch: Partial<RunOptions>): void => useRunner.setState((s) => ({ options: { ...s.options, ...patch } }))
  const running = isRunning(state)
  const items = [...state.items.values()]
  const totals = tally(items)
  const failed = failedPaths(items)
  const currentRef = state.current ? state.requests[state.current.index] : undefined
  const current =
    running && state.current && currentRef && !state.items.has(`${state.current.iteration}:${state.current.index}`)
      ? { ...state.current, ref: currentRef }
      : undefined
  const summary = state.summary
  const statusText = state.error
    ? t('state.failed')
    : summary && summary.state !== 'running'
      ? t(`state.${summary.state}`, { duration: formatDuration(summary.durationMs) })
      : state.runId
        ? t('state.running', {
            iteration: Math.min((state.current?.iteration ?? 0) + 1, Math.max(state.iterations, 1)),
            iterations: Math.max(state.iterations, 1)
          })
        : t('state.idle')
  const title = target.folder ? t('title.folder', { name: target.name }) : t('title.collection', { name: target.name })
  const save = async (): Promise<void> => {
    setSaved(undefined)
    setSaveError(undefined)
    try {
      const path = await saveReport(format)
      setSaved(path ? t('saved.to', { path }) : t('saved.download', { format: t(`formats.${format}`) }))
    } catch (error) {
      setSaveError(errorText(error))
    }
  }
  return (
    <Dialog title={title} open onClose={closeRunner}>
      <div className="runner-screen">
        <form
          className="runner-options"
          aria-label={t('options.label')}
          onSubmit={(event) => {
            event.preventDefault()
            setSaved(undefined)
            if (!running) void startRun()
          }}
        >
          <label className="runner-field">
            <span>{t('options.iterations')}</span>
            <input
              type="number"
              min={1}
              max={10000}
              placeholder={t('options.iterationsHint')}
              value={options.iterations ?? ''}
              onChange={(event) => setOptions({ iterations: event.target.value === '' ? undefined : Math.max(1, Math.floor(Number(event.target.value))) })}
            />
          </label>
          <div className="runner-field runner-data">
            <label htmlFor="runner-data-path">{t('options.dataFile')}</label>
            <div className="runner-data-row">
              <input
                id="runner-data-path"
                spellCheck={false}
                placeholder={t('options.dataPlaceholder')}
                value={options.dataPath}
                onChange={(event) => setOptions({ dataPath: event.target.value })}
              />
              <FileChooser label={t('options.chooseData')} onChosen={(path) => setOptions({ dataPath: path })} />
            </div>
          </div>
          <label className="runner-field">
            <span>{t('options.delay')}</span>
            <input
              type="number"
              min={0}
              max={600000}
              value={options.delayMs}
              onChange={(event) => setOptions({ delayMs: Math.max(0, Math.floor(Number(event.target.value) || 0)) })}
            />
          </label>
          <label className="runner-field">
            <span>{t('options.environment')}</span>
            <select
              value={options.environmentId === undefined ? '' : options.environmentId === null ? '-' : options.environmentId}
              onChange={(event) =>
                setOptions({ environmentId: event.target.value === '' ? undefined : event.target.value === '-' ? null : event.target.value })
              }
            >
              <option value="">{t('options.activeEnvironment')}</option>
              <option value="-">{t('options.noEnvironment')}</option>
              {environments.map((env) => (
                <option key={env.id} value={env.id}>
                  {env.name}
                </option>
              ))}
            </select>
          </label>
          <label className="runner-check">
            <input type="checkbox" checked={options.bail} onChange={(event) => setOptions({ bail: event.target.checked })} />
            {t('options.bail')}
          </label>
          <div className="runner-buttons">
            {running ? (
              <button type="button" className="secondary-button" onClick={() => void cancelRun()}>
                {t('actions.cancel')}
              </button>
            ) : (
              <button type="submit" className="primary-button">
                {state.runId ? t('actions.runAgain') : t('actions.run')}
              </button>
            )}
            <button type="button" className="secondary-button" disabled={running || failed.length === 0} onClick={() => void startRun(failed)}>
              {t('actions.rerunFailed')}
            </button>
          </div>
        </form>
        <div className="runner-status">
          <p role="status" aria-label={statusText} className="runner-state">
            {statusText}
          </p>
          {state.error && (
            <p role="alert" className="error-text">
              {state.error}
            </p>
          )}
          {summary?.error && (
            <p role="alert" className="error-text">
              {summary.error.message} {summary.error.hint}
            </p>
          )}
          <div role="group" aria-label={t('totals.label')} className="runner-totals">
            <span>{t('totals.requests', { done: items.length, total: Math.max(state.requests.length * state.iterations, items.length) })}</span>
            <span className="run-count-passed">{t('totals.passed', { count: totals.passed })}</span>
            <span className="run-count-failed">{t('totals.failed', { count: totals.failed })}</span>
            {totals.errored > 0 && <span className="run-count-failed">{t('totals.errored', { count: totals.errored })}</span>}
            {totals.skipped > 0 && <span className="muted">{t('totals.skipped', { count: totals.skipped })}</span>}
            <span>{t('totals.tests', { passed: totals.testsPassed, failed: totals.testsFailed })}</span>
          </div>
        </div>
        <div className="runner-toolbar">
          <label className="runner-check">
            <input type="checkbox" checked={state.onlyFailed} onChange={(event) => useRunner.setState({ onlyFailed: event.target.checked })} />
            {t('actions.onlyFailed')}
          </label>
          <span className="runner-toolbar-spacer" />
          <label className="runner-save">
            <span className="visually-hidden">{t('actions.saveAs')}</span>
            <select aria-label={t('actions.saveAs')} value={format} onChange={(event) => setFormat(event.target.value as ReportFormat)}>
              {reportFormats.map((f) => (
                <option key={f} value={f}>
                  {t(`formats.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary-button compact" disabled={!state.runId || running} onClick={() => void save()}>
            {t('actions.save')}
          </button>
        </div>
        {saved && (
          <p role="status" className="runner-saved">
            {saved}
          </p>
        )}
        {saveError && (
          <p role="alert" className="error-text">
            {saveError}
          </p>
        )}
        <RunResults items={items} current={current} onlyFailed={state.onlyFailed} />
      </div>
    </Dialog>
  )
}
