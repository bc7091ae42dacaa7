import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import type { HttpResponse } from '../../../shared/http'
import { Icon } from '../../ui/Icon'
import { BigTextView } from './BigTextView'
import type { JsonPathMatch, LineView } from './bodyProtocol'
import { useBodyModel, useBodyProgress, workerText, type BodyModel } from './bodyModel'
import { codeLanguageOf, fileNameFor, formatBytes, previewKindOf } from './contentKind'
import { JsonTreeView } from './JsonTreeView'
import { PreviewView } from './PreviewView'
import { downloadFile } from '../../ui/downloadFile'
import { useT } from '../../i18n'

type BodyViewName = 'Pretty' | 'Raw' | 'Preview' | 'Tree'

/** Bodies up to this size (decoded) open in CodeMirror; larger ones in the virtual line viewer. */
export const CODE_VIEW_LIMIT = 1024 * 1024
// CodeMirror loads with the first response shown as code, not with the window.
const CodeView = lazy(() => import('./CodeView').then((m) => ({ default: m.CodeView })))

const SEARCH_LINE_LIMIT = 10_000
const JSONPATH_LIMIT = 500
const MAX_COPY_CHARS = 64 * 1024 * 1024

/** Waits until the value has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** The body of a response: its views, search, JSONPath, copy and save. */
export function BodyPanel({ response }: { response: HttpResponse }) {
  const { t } = useT('response')
  const model = useBodyModel(response)
  if (response.body.size === 0) return <p className="muted rp-panel-empty">{t('bodyPanel.theResponseHasNo')}</p>
  if (!model) return null
  return <BodyWithModel response={response} model={model} />
}

function BodyWithModel({ response, model }: { response: HttpResponse; model: BodyModel }) {
  const { t } = useT('response')
  const { progress, loadError } = useBodyProgress(model)
  const kind = model.kind
  const previewKind = previewKindOf(response.contentType)
  const views: BodyViewName[] = [
    ...(kind !== 'binary' ? (['Pretty'] as const) : []),
    'Raw',
    ...(previewKind ? (['Preview'] as const) : []),
    ...(kind === 'json' ? (['Tree'] as const) : [])
  ]
  const [view, setView] = useState<BodyViewName>(() => (previewKind === 'image' || previewKind === 'pdf' ? 'Preview' : views[0]!))
  const [query, setQuery] = useState('')
  const settledQuery = useSettled(query, 200)
  const [active, setActive] = useState(0)
  const [hits, setHits] = useState<{ lines: number[]; total: number } | null>(null)
  const [codeTotal, setCodeTotal] = useState(0)
  const [path, setPath] = useState('')
  const settledPath = useSettled(path.trim(), 300)
  const [pathResult, setPathResult] = useState<{ matches: JsonPathMatch[]; total: number } | { error: string } | null>(null)
  const [notice, setNotice] = useState<string>()
  const [codeText, setCodeText] = useState<string>()

  const small = kind !== 'binary' && response.body.size <= CODE_VIEW_LIMIT
  const useCode = small && view === 'Pretty'
  const lineView: LineView = view === 'Pretty' ? 'pretty' : kind === 'binary' ? 'hex' : 'raw'
  const searchable = (view === 'Pretty' || view === 'Raw') && kind !== 'binary'

  const firstScreen = useCallback(() => {
    performance.mark('parley:first-screen', { detail: { requestId: response.requestId } })
  }, [response.requestId])

  // Small bodies: the whole (pretty) text, once, for CodeMirror.
  useEffect(() => {
    if (!small || !progress.done) return
    let live = true
    void model.ask({ op: 'text', view: 'pretty', maxChars: CODE_VIEW_LIMIT * 4 }).then((answer) => live && setCodeText(answer.text))
    return () => {
      live = false
    }
  }, [model, small, progress.done])

  useEffect(() => {
    if (useCode && codeText !== undefined) firstScreen()
  }, [useCode, codeText, firstScreen])

  // Large bodies: hits come from the worker as line numbers.
  useEffect(() => {
    setActive(0)
    if (useCode || !searchable || !settledQuery) {
      setHits(null)
      return
    }
    let live = true
    void model.ask({ op: 'search', view: lineView, query: settledQuery, limit: SEARCH_LINE_LIMIT }).then((answer) => live && setHits(answer))
    return () => {
      live = false
    }
  }, [model, useCode, searchable, settledQuery, lineView, progress.done])

  useEffect(() => {
    if (!settledPath || kind !== 'json') {
      setPathResult(null)
      return
    }
    if (!progress.done) return
    let live = true
    model
      .ask({ op: 'jsonpath', expression: settledPath, limit: JSONPATH_LIMIT })
      .then((answer) => live && setPathResult(answer))
      .catch((error: unknown) => live && setPathResult({ error: error instanceof Error ? error.message : String(error) }))
    return () => {
      live = false
    }
  }, [model, settledPath, kind, progress.done])

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(undefined), 2500)
    return () => clearTimeout(timer)
  }, [notice])

  const total = useCode ? codeTotal : (hits?.lines.length ?? 0)
  const step = (delta: number): void => {
    if (total > 0) setActive((a) => (a + delta + total) % total)
  }

  const copy = async (): Promise<void> => {
    try {
      const answer = await model.ask({ op: 'text', view: view === 'Pretty' ? 'pretty' : 'raw', maxChars: MAX_COPY_CHARS })
      await navigator.clipboard.writeText(answer.text)
      setNotice(answer.truncated ? t('bodyPanel.copiedTheFirst', { value: formatBytes(MAX_COPY_CHARS) }) : t('bodyPanel.copiedToTheClipboard'))
    } catch (error) {
      setNotice(t('bodyPanel.couldNotCopy', { value: error instanceof Error ? error.message : String(error) }))
    }
  }

  const save = async (): Promise<void> => {
    try {
      const { buffer } = await model.ask({ op: 'bytes' })
      const name = fileNameFor(response)
      downloadFile(buffer, name, response.contentType ?? 'application/octet-stream')
      setNotice(t('bodyPanel.savedAs', { name }))
    } catch (error) {
      setNotice(t('bodyPanel.couldNotSave', { value: error instanceof Error ? error.message : String(error) }))
    }
  }

  const loading = !progress.done
  const countText = !query
    ? ''
    : useCode
      ? codeTotal
        ? t('bodyPanel.of', { current: active + 1, total: codeTotal })
        : t('bodyPanel.noMatches')
      : !hits
        ? t('bodyPanel.searching')
        : hits.total === 0
          ? t('bodyPanel.noMatches')
          : t('bodyPanel.searchCount', {
              current: active + 1,
              lines: hits.lines.length,
              more: hits.lines.length >= SEARCH_LINE_LIMIT ? '+' : '',
              total: hits.total
            })
  const lineCount = progress.lines[lineView]

  return (
    <div className="rp-body-panel">
      <div className="rp-body-toolbar" role="toolbar" aria-label={t('bodyPanel.bodyTools')}>
        <div className="rp-view-switch" role="group" aria-label={t('bodyPanel.bodyView')}>
          {views.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={view === name}
              className={view === name ? 'rp-view-switch-button rp-view-switch-active' : 'rp-view-switch-button'}
              onClick={() => setView(name)}
            >
              {t(`bodyPanel.views.${name}`)}
            </button>
          ))}
        </div>
        {searchable && (
          <div className="rp-search-box">
            <Icon name="search" size={13} />
            <input
              type="search"
              aria-label={t('bodyPanel.searchBody')}
              placeholder={t('bodyPanel.search')}
              value={query}
              spellCheck={false}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  step(event.shiftKey ? -1 : 1)
                }
              }}
            />
            <span className="rp-search-count" aria-live="polite">
              {countText}
            </span>
            <button type="button" className="rp-mini-button" aria-label={t('bodyPanel.previousMatch')} disabled={total === 0} onClick={() => step(-1)}>
              ↑
            </button>
            <button type="button" className="rp-mini-button" aria-label={t('bodyPanel.nextMatch')} disabled={total === 0} onClick={() => step(1)}>
              ↓
            </button>
          </div>
        )}
        {kind === 'json' && (
          <div className="rp-search-box rp-jsonpath-box">
            <span className="rp-jsonpath-sigil" aria-hidden="true">
              $
            </span>
            <input
              aria-label={t('bodyPanel.jsonpathFilter')}
              placeholder={t('bodyPanel.jsonpathEGItems')}
              value={path}
              spellCheck={false}
              onChange={(event) => setPath(event.target.value)}
            />
          </div>
        )}
        <div className="rp-toolbar-spacer" />
        {loading && (
          <span
            className="muted rp-body-loading"
            role="status"
            aria-label={t('bodyPanel.loadingTheBodyOf', { received: formatBytes(progress.bytes), total: formatBytes(progress.total) })}
          >
            {formatBytes(progress.bytes)} / {formatBytes(progress.total)}
          </span>
        )}
        {notice && (
          <span className="rp-body-notice" role="status">
            {notice}
          </span>
        )}
        <button
          type="button"
          className="rp-tool-button"
          onClick={() => void copy()}
          disabled={kind === 'binary' || loading}
          aria-label={t('bodyPanel.copyBodyToThe')}
          title={t('bodyPanel.copyBody')}
        >
          {t('bodyPanel.copy')}
        </button>
        <button
          type="button"
          className="rp-tool-button"
          onClick={() => void save()}
          disabled={loading}
          aria-label={t('bodyPanel.saveBodyToA')}
          title={t('bodyPanel.saveAs', { value: fileNameFor(response) })}
        >
          {t('bodyPanel.save')}
        </button>
      </div>
      {loading && (
        <div className="rp-body-progress" aria-hidden="true">
          <div style={{ width: `${progress.total ? (100 * progress.bytes) / progress.total : 0}%` }} />
        </div>
      )}
      {progress.note && <p className="rp-body-note">{workerText(progress.note)}</p>}
      {loadError && (
        <p className="error-text rp-body-note" role="alert">
          {t('bodyPanel.couldNotReadThe', { loadError })}
        </p>
      )}
      {settledPath && kind === 'json' && <JsonPathResults result={pathResult} loading={!progress.done} onClear={() => setPath('')} />}
      <div className="rp-body-view">
        {view === 'Pretty' &&
          useCode &&
          (codeText === undefined ? (
            <p className="muted rp-panel-empty">{t('bodyPanel.formatting')}</p>
          ) : (
            <Suspense fallback={<div className="rp-code-view" />}>
              <CodeView
                text={codeText}
                language={codeLanguageOf(response.contentType)}
                query={settledQuery}
                active={active}
                onMatches={setCodeTotal}
                label={t('bodyPanel.responseBody')}
              />
            </Suspense>
          ))}
        {(view === 'Pretty' || view === 'Raw') && !useCode && (
          <BigTextView
            model={model}
            view={lineView}
            lineCount={lineCount}
            query={searchable ? settledQuery : ''}
            activeLine={hits?.lines[active] ?? null}
            colorJson={view === 'Pretty' && kind === 'json'}
            label={view === 'Raw' ? (kind === 'binary' ? t('bodyPanel.responseBodyAsHex') : t('bodyPanel.rawResponseBody')) : t('bodyPanel.responseBody')}
            onFirstScreen={firstScreen}
          />
        )}
        {view === 'Preview' && <PreviewView model={model} kind={previewKind} contentType={response.contentType ?? ''} ready={progress.done} />}
        {view === 'Tree' && <JsonTreeView model={model} ready={progress.done} />}
      </div>
    </div>
  )
}

function JsonPathResults({
  result,
  loading,
  onClear
}: {
  result: { matches: JsonPathMatch[]; total: number } | { error: string } | null
  loading: boolean
  onClear: () => void
}) {
  const { t } = useT('response')
  return (
    <section className="rp-jsonpath-results" aria-label={t('bodyPanel.jsonpathMatches')}>
      <header className="rp-jsonpath-head">
        <span>
          {loading || !result ? (
            t('bodyPanel.evaluating')
          ) : 'error' in result ? (
            <span className="error-text">{result.error}</span>
          ) : result.total === 0 ? (
            t('bodyPanel.noMatches')
          ) : (
            `${t('bodyPanel.matches', { count: result.total })}${result.total > result.matches.length ? t('bodyPanel.firstShown', { count: result.matches.length }) : ''}`
          )}
        </span>
        <button type="button" className="rp-mini-button" aria-label={t('bodyPanel.clearJsonpathFilter')} onClick={onClear}>
          <Icon name="close" size={12} />
        </button>
      </header>
      {result && 'matches' in result && result.matches.length > 0 && (
        <ol className="rp-jsonpath-list">
          {result.matches.map((match, index) => (
            <li key={index}>
              <code className="rp-jsonpath-path">{match.path}</code>
              <code className={`rp-jsonpath-value rp-tree-${match.type}`}>{match.preview}</code>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
