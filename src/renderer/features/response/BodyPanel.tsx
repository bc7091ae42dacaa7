import { useCallback, useEffect, useState } from 'react'
import type { HttpResponse } from '../../../shared/http'
import { Icon } from '../../ui/Icon'
import { BigTextView } from './BigTextView'
import type { JsonPathMatch, LineView } from './bodyProtocol'
import { useBodyModel, useBodyProgress, type BodyModel } from './bodyModel'
import { CodeView } from './CodeView'
import { codeLanguageOf, fileNameFor, formatBytes, previewKindOf } from './contentKind'
import { JsonTreeView } from './JsonTreeView'
import { PreviewView } from './PreviewView'
import { downloadFile } from '../../ui/downloadFile'

type BodyViewName = 'Pretty' | 'Raw' | 'Preview' | 'Tree'

/** Bodies up to this size (decoded) open in CodeMirror; larger ones in the virtual line viewer. */
export const CODE_VIEW_LIMIT = 1024 * 1024
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
  const model = useBodyModel(response)
  if (response.body.size === 0) return <p className="muted rp-panel-empty">The response has no body.</p>
  if (!model) return null
  return <BodyWithModel response={response} model={model} />
}

function BodyWithModel({ response, model }: { response: HttpResponse; model: BodyModel }) {
  const { progress, loadError } = useBodyProgress(model)
  const kind = model.kind
  const previewKind = previewKindOf(response.contentType)
  const views: BodyViewName[] = [...(kind !== 'binary' ? (['Pretty'] as const) : []), 'Raw', ...(previewKind ? (['Preview'] as const) : []), ...(kind === 'json' ? (['Tree'] as const) : [])]
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
      setNotice(answer.truncated ? `Copied the first ${formatBytes(MAX_COPY_CHARS)}.` : 'Copied to the clipboard.')
    } catch (error) {
      setNotice(`Could not copy: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const save = async (): Promise<void> => {
    try {
      const { buffer } = await model.ask({ op: 'bytes' })
      const name = fileNameFor(response)
      downloadFile(buffer, name, response.contentType ?? 'application/octet-stream')
      setNotice(`Saved as ${name}.`)
    } catch (error) {
      setNotice(`Could not save: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const loading = !progress.done
  const countText = !query ? '' : useCode ? (codeTotal ? `${active + 1} of ${codeTotal}` : 'No matches') : !hits ? 'Searching…' : hits.total === 0 ? 'No matches' : `${active + 1} of ${hits.lines.length}${hits.lines.length >= SEARCH_LINE_LIMIT ? '+' : ''} ${hits.lines.length === 1 ? 'line' : 'lines'} · ${hits.total.toLocaleString('en')} ${hits.total === 1 ? 'match' : 'matches'}`
  const lineCount = progress.lines[lineView]

  return (
    <div className="rp-body-panel">
      <div className="rp-body-toolbar" role="toolbar" aria-label="Body tools">
        <div className="rp-view-switch" role="group" aria-label="Body view">
          {views.map((name) => (
            <button key={name} type="button" aria-pressed={view === name} className={view === name ? 'rp-view-switch-button rp-view-switch-active' : 'rp-view-switch-button'} onClick={() => setView(name)}>
              {name === 'Tree' ? 'JSON Tree' : name}
            </button>
          ))}
        </div>
        {searchable && (
          <div className="rp-search-box">
            <Icon name="search" size={13} />
            <input
              type="search"
              aria-label="Search body"
              placeholder="Search"
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
            <button type="button" className="rp-mini-button" aria-label="Previous match" disabled={total === 0} onClick={() => step(-1)}>
              ↑
            </button>
            <button type="button" className="rp-mini-button" aria-label="Next match" disabled={total === 0} onClick={() => step(1)}>
              ↓
            </button>
          </div>
        )}
        {kind === 'json' && (
          <div className="rp-search-box rp-jsonpath-box">
            <span className="rp-jsonpath-sigil" aria-hidden="true">
              $
            </span>
            <input aria-label="JSONPath filter" placeholder="JSONPath, e.g. $.items[0].name" value={path} spellCheck={false} onChange={(event) => setPath(event.target.value)} />
          </div>
        )}
        <div className="rp-toolbar-spacer" />
        {loading && (
          <span className="muted rp-body-loading" role="status" aria-label={`Loading the body: ${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}`}>
            {formatBytes(progress.bytes)} / {formatBytes(progress.total)}
          </span>
        )}
        {notice && (
          <span className="rp-body-notice" role="status">
            {notice}
          </span>
        )}
        <button type="button" className="rp-tool-button" onClick={() => void copy()} disabled={kind === 'binary' || loading} aria-label="Copy body to the clipboard" title="Copy body">
          Copy
        </button>
        <button type="button" className="rp-tool-button" onClick={() => void save()} disabled={loading} aria-label="Save body to a file" title={`Save as ${fileNameFor(response)}`}>
          Save
        </button>
      </div>
      {loading && (
        <div className="rp-body-progress" aria-hidden="true">
          <div style={{ width: `${progress.total ? (100 * progress.bytes) / progress.total : 0}%` }} />
        </div>
      )}
      {progress.note && <p className="rp-body-note">{progress.note}</p>}
      {loadError && (
        <p className="error-text rp-body-note" role="alert">
          Could not read the body: {loadError}
        </p>
      )}
      {settledPath && kind === 'json' && <JsonPathResults result={pathResult} loading={!progress.done} onClear={() => setPath('')} />}
      <div className="rp-body-view">
        {view === 'Pretty' && useCode && (codeText === undefined ? <p className="muted rp-panel-empty">Formatting…</p> : <CodeView text={codeText} language={codeLanguageOf(response.contentType)} query={settledQuery} active={active} onMatches={setCodeTotal} label="Response body" />)}
        {(view === 'Pretty' || view === 'Raw') && !useCode && (
          <BigTextView
            model={model}
            view={lineView}
            lineCount={lineCount}
            query={searchable ? settledQuery : ''}
            activeLine={hits?.lines[active] ?? null}
            colorJson={view === 'Pretty' && kind === 'json'}
            label={view === 'Raw' ? (kind === 'binary' ? 'Response body as hex' : 'Raw response body') : 'Response body'}
            onFirstScreen={firstScreen}
          />
        )}
        {view === 'Preview' && <PreviewView model={model} kind={previewKind} contentType={response.contentType ?? ''} ready={progress.done} />}
        {view === 'Tree' && <JsonTreeView model={model} ready={progress.done} />}
      </div>
    </div>
  )
}

function JsonPathResults({ result, loading, onClear }: { result: { matches: JsonPathMatch[]; total: number } | { error: string } | null; loading: boolean; onClear: () => void }) {
  return (
    <section className="rp-jsonpath-results" aria-label="JSONPath matches">
      <header className="rp-jsonpath-head">
        <span>
          {loading || !result ? 'Evaluating…' : 'error' in result ? <span className="error-text">{result.error}</span> : result.total === 0 ? 'No matches' : `${result.total.toLocaleString('en')} ${result.total === 1 ? 'match' : 'matches'}${result.total > result.matches.length ? `, first ${result.matches.length} shown` : ''}`}
        </span>
        <button type="button" className="rp-mini-button" aria-label="Clear JSONPath filter" onClick={onClear}>
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
