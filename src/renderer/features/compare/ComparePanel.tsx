import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react'
import type { CompareResult, CompareSide, Example, ResponseEntry, ResponseTarget } from '../../../shared/compare'
import type { HttpResponse } from '../../../shared/http'
import { api } from '../../app/api'
import { errorText } from '../collections/collectionsStore'
import { formatBytes, formatMs } from '../response/contentKind'
import { statusClass } from '../response/statusClass'
import './compare.css'
import { formatTime, useT } from '../../i18n'

// CodeMirror's merge view loads with the first side-by-side comparison, not with the window.
const SideBySide = lazy(() => import('./SideBySide').then((m) => ({ default: m.SideBySide })))

/** Where the response on screen belongs: its history, and (for a saved request) its examples. */
export interface CompareScope {
  target: ResponseTarget
  saved: { collectionId: string; path: string } | null
  /** Shows a kept response in the response pane, as if it had just arrived. */
  reopen(response: HttpResponse): void
}

type Other = { side: CompareSide; label: string; title: string }

/**
 * The response pane's Compare tab: earlier responses of this request and its saved examples, and
 * what changed between one of them and the response on screen (computed in core by compare.run).
 */
export function ComparePanel({ response, scope }: { response: HttpResponse; scope: CompareScope }) {
  const { t } = useT('compare')
  const { target, saved } = scope
  const [entries, setEntries] = useState<ResponseEntry[]>([])
  const [examples, setExamples] = useState<Array<Example & { file: string }>>([])
  const [other, setOther] = useState<Other | null>(null)
  const [ignoreText, setIgnoreText] = useState('')
  const [ignorePaths, setIgnorePaths] = useState<string[]>([])
  const [result, setResult] = useState<CompareResult | null>(null)
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [exampleName, setExampleName] = useState('')
  const current = response.requestId

  const load = useCallback(async () => {
    try {
      const list = await api.call('responses.list', { target })
      setEntries(list.entries)
      if (saved) setExamples((await api.call('examples.list', saved)).examples)
      return list.entries
    } catch (e) {
      setError(errorText(e))
      return []
    }
  }, [target, saved])

  useEffect(() => {
    void load().then((list) => {
      // The question is usually "what changed since last time": start with the response before this one.
      const previous = list.find((entry) => entry.id !== current && entry.at < (list.find((e) => e.id === current)?.at ?? '\uffff'))
      if (previous)
        setOther(
          (value) =>
            value ?? {
              side: { history: { target, id: previous.id } },
              label: t('comparePanel.theResponseOf', { time: timeOf(previous.at) }),
              title: t('comparePanel.responseOf', { time: timeOf(previous.at) })
            }
        )
    })
  }, [load, current, target])

  useEffect(() => {
    if (!other) return
    let stale = false
    setRunning(true)
    setError(null)
    api
      .call('compare.run', { left: other.side, right: { history: { target, id: current } }, ignorePaths })
      .then(
        (value) => !stale && setResult(value),
        (e: unknown) => !stale && (setResult(null), setError(errorText(e)))
      )
      .finally(() => !stale && setRunning(false))
    return () => {
      stale = true
    }
  }, [other, ignorePaths, current, target])

  const applyIgnore = (event: FormEvent): void => {
    event.preventDefault()
    setIgnorePaths(splitPaths(ignoreText))
  }
  const chooseExample = (example: Example): void => {
    if (!saved) return
    if (example.ignorePaths.length > 0) {
      setIgnoreText(example.ignorePaths.join(', '))
      setIgnorePaths(example.ignorePaths)
    }
    setOther({
      side: { example: { ...saved, name: example.name } },
      label: t('comparePanel.example', { name: example.name }),
      title: t('comparePanel.example2', { name: example.name })
    })
  }
  const saveExample = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!saved || exampleName.trim() === '') return
    try {
      const { file } = await api.call('examples.save', { ...saved, name: exampleName.trim(), from: { target, id: current }, ignorePaths })
      setNotice(t('comparePanel.savedAs', { file }))
      setExampleName('')
      await load()
    } catch (e) {
      setError(errorText(e))
    }
  }
  const open = async (entry: ResponseEntry): Promise<void> => {
    try {
      scope.reopen(await api.call('responses.open', { target, id: entry.id }))
    } catch (e) {
      setError(errorText(e))
    }
  }

  return (
    <div className="cmp-panel">
      <aside className="cmp-sources" aria-label={t('comparePanel.compareWith')}>
        <h3 className="cmp-heading">{t('comparePanel.earlierResponses')}</h3>
        {entries.length === 0 && <p className="muted cmp-empty">{t('comparePanel.noneKeptYetSend')}</p>}
        <ul className="cmp-list" aria-label={t('comparePanel.responseHistory')}>
          {entries.map((entry) => {
            const isCurrent = entry.id === current
            const label = t('comparePanel.at', { status: entry.status, time: timeOf(entry.at) })
            const chosen = other !== null && 'history' in other.side && other.side.history.id === entry.id
            return (
              <li key={entry.id} className={`cmp-item ${chosen ? 'cmp-item-chosen' : ''}`} aria-label={t('comparePanel.response', { label })}>
                <span className={`rp-status-pill cmp-pill ${statusClass(entry.status)}`}>{entry.status}</span>
                <span className="cmp-item-text">
                  <span className="cmp-item-title">{timeOf(entry.at)}</span>
                  <span className="muted cmp-item-detail">
                    {formatMs(entry.timeMs)} · {formatBytes(entry.size)}
                  </span>
                </span>
                {isCurrent ? (
                  <span className="cmp-shown">{t('comparePanel.shown')}</span>
                ) : (
                  <span className="cmp-item-actions">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('comparePanel.compareWithResponse', { label })}
                      aria-pressed={chosen}
                      onClick={() =>
                        setOther({
                          side: { history: { target, id: entry.id } },
                          label: t('comparePanel.theResponseOf', { time: timeOf(entry.at) }),
                          title: t('comparePanel.responseOf', { time: timeOf(entry.at) })
                        })
                      }
                    >
                      {t('comparePanel.compare')}
                    </button>
                    <button type="button" className="link-button" aria-label={t('comparePanel.openResponse', { label })} onClick={() => void open(entry)}>
                      {t('comparePanel.open')}
                    </button>
                  </span>
                )}
              </li>
            )
          })}
        </ul>
        <h3 className="cmp-heading">{t('comparePanel.examples')}</h3>
        {!saved && <p className="muted cmp-empty">{t('comparePanel.saveTheRequestIn')}</p>}
        {saved && examples.length === 0 && <p className="muted cmp-empty">{t('comparePanel.noExamplesYet')}</p>}
        {saved && examples.length > 0 && (
          <ul className="cmp-list" aria-label={t('comparePanel.examples')}>
            {examples.map((example) => {
              const chosen = other !== null && 'example' in other.side && other.side.example.name === example.name
              return (
                <li key={example.file} className={`cmp-item ${chosen ? 'cmp-item-chosen' : ''}`} title={example.file}>
                  <span className={`rp-status-pill cmp-pill ${statusClass(example.status)}`}>{example.status}</span>
                  <span className="cmp-item-text">{example.name}</span>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('comparePanel.compareWithExample', { name: example.name })}
                    aria-pressed={chosen}
                    onClick={() => chooseExample(example)}
                  >
                    {t('comparePanel.compare')}
                  </button>
                </li>
              )
            })}
          </ul>
        )}
        {saved && (
          <form className="cmp-form" onSubmit={(event) => void saveExample(event)}>
            <input
              aria-label={t('comparePanel.exampleName')}
              placeholder={t('comparePanel.exampleName')}
              value={exampleName}
              onChange={(event) => setExampleName(event.target.value)}
            />
            <button type="submit" className="secondary-button" disabled={exampleName.trim() === ''}>
              {t('comparePanel.saveAsExample')}
            </button>
          </form>
        )}
        <h3 className="cmp-heading">{t('comparePanel.ignorePaths')}</h3>
        <form className="cmp-form" onSubmit={applyIgnore}>
          <input
            aria-label={t('comparePanel.ignorePaths')}
            placeholder={'**.createdAt, meta.requestId'}
            value={ignoreText}
            onChange={(event) => setIgnoreText(event.target.value)}
          />
          <button type="submit" className="secondary-button">
            {t('comparePanel.apply')}
          </button>
        </form>
        <p className="muted cmp-hint">
          {t('comparePanel.commaSeparated')} <code>*</code> {t('comparePanel.isAnyKeyOr')} <code>**</code> {t('comparePanel.anyDepthAPath')}
        </p>
      </aside>
      <section className="cmp-result" aria-label={t('comparePanel.differences')} aria-busy={running}>
        {notice && (
          <p className="cmp-notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="response-error-hint" role="alert">
            {error}
          </p>
        )}
        {!other && !error && (
          <div className="empty-state">
            <p className="empty-title">{t('comparePanel.nothingToCompareWith')}</p>
            <p className="muted">{t('comparePanel.sendTheRequestAgain')}</p>
          </div>
        )}
        {other && result && <CompareView result={result} label={other.label} title={other.title} />}
      </section>
    </div>
  )
}

function CompareView({ result, label, title }: { result: CompareResult; label: string; title: string }) {
  const { t } = useT('compare')
  const counts =
    result.body.kind === 'json'
      ? countKinds(result.body.changes.map((c) => c.kind))
      : result.body.kind === 'lines'
        ? countKinds(result.body.changes.map((c) => c.kind))
        : {}
  const summary = Object.entries(counts)
    .map(([kind, n]) => t('comparePanel.kindCount', { count: n, kind }))
    .join(' · ')
  return (
    <div className="cmp-view">
      <p className="cmp-summary" role="status" aria-label={t('comparePanel.comparisonSummary')}>
        <span className="muted">{t('comparePanel.comparedWith', { label })}</span>{' '}
        {result.equal ? <strong>{t('comparePanel.noDifferences')}</strong> : <strong>{summary || t('comparePanel.differencesInStatusOr')}</strong>}
        {result.body.kind === 'json' && result.body.ignored > 0 && (
          <span className="muted"> {t('comparePanel.ignored', { ignored: result.body.ignored })}</span>
        )}
      </p>
      {result.status.left !== result.status.right && (
        <p className="cmp-status" aria-label={t('comparePanel.statusChange')}>
          {t('comparePanel.status')}{' '}
          <span className={`rp-status-pill ${statusClass(result.status.left)}`}>
            {result.status.left} {result.status.leftText}
          </span>{' '}
          →{' '}
          <span className={`rp-status-pill ${statusClass(result.status.right)}`}>
            {result.status.right} {result.status.rightText}
          </span>
        </p>
      )}
      {result.headers.length > 0 && (
        <table className="cmp-headers" aria-label={t('comparePanel.headerChanges')}>
          <tbody>
            {result.headers.map((header) => (
              <tr key={header.name} className={`cmp-${header.kind}`}>
                <td>
                  <span className={`cmp-kind cmp-kind-${header.kind}`}>{t(`comparePanel.kinds.${header.kind}`)}</span>
                </td>
                <td className="cmp-path">{header.name}</td>
                <td className="cmp-value">
                  {header.left !== undefined && <del>{header.left}</del>}
                  {header.kind === 'changed' && ' → '}
                  {header.right !== undefined && <ins>{header.right}</ins>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.body.kind === 'missing' && <p className="muted">{result.body.reason}</p>}
      {result.body.kind === 'json' && result.body.changes.length > 0 && (
        <ul className="cmp-changes" aria-label={t('comparePanel.bodyChanges')}>
          {result.body.changes.map((change, i) => (
            <li key={i} className="cmp-change" aria-label={`${change.kind} ${change.path}`}>
              <span className={`cmp-kind cmp-kind-${change.kind}`}>{t(`comparePanel.kinds.${change.kind}`)}</span>
              <code className="cmp-path">{change.path}</code>
              <span className="cmp-value">
                {change.kind === 'moved' && t('comparePanel.fromTo', { from: change.from, to: change.to })}
                {change.kind === 'changed' && (
                  <>
                    <del>{change.before}</del> → <ins>{change.after}</ins>
                  </>
                )}
                {change.kind === 'added' && <ins>{change.after}</ins>}
                {change.kind === 'removed' && <del>{change.before}</del>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {result.body.kind === 'lines' && result.body.changes.length > 0 && (
        <ul className="cmp-changes" aria-label={t('comparePanel.bodyChanges')}>
          {result.body.changes.slice(0, 500).map((change, i) => (
            <li key={i} className="cmp-change" aria-label={t('comparePanel.line', { kind: change.kind, line: change.line })}>
              <span className={`cmp-kind cmp-kind-${change.kind}`}>{t(`comparePanel.kinds.${change.kind}`)}</span>
              <code className="cmp-path">{t('comparePanel.line2', { line: change.line })}</code>
              <code className="cmp-value">{change.kind === 'added' ? <ins>{change.text}</ins> : <del>{change.text}</del>}</code>
            </li>
          ))}
        </ul>
      )}
      {(result.body.kind === 'json' || result.body.kind === 'lines') && result.body.truncated && (
        <p className="muted">{t('comparePanel.onlyTheFirstChanges')}</p>
      )}
      {result.body.kind !== 'missing' && (
        <>
          <h3 className="cmp-heading cmp-side-heading">
            <span>{title}</span>
            <span>{t('comparePanel.thisResponse')}</span>
          </h3>
          {result.text.cut && <p className="muted">{t('comparePanel.theBodiesAreShown')}</p>}
          {result.body.kind === 'json' && result.body.ignored > 0 && <p className="muted cmp-hint">{t('comparePanel.ignoredPathsAreLeft')}</p>}
          <Suspense fallback={<div className="cmp-merge" />}>
            <SideBySide left={result.text.left} right={result.text.right} json={result.body.kind === 'json'} />
          </Suspense>
        </>
      )}
    </div>
  )
}

function countKinds(kinds: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

function splitPaths(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((path) => path.trim())
    .filter((path) => path !== '')
}

function timeOf(iso: string): string {
  return formatTime(iso)
}
