import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { CompareResult, CompareSide, Example, ResponseEntry, ResponseTarget } from '../../../shared/compare'
import type { HttpResponse } from '../../../shared/http'
import { api } from '../../app/api'
import { errorText } from '../collections/collectionsStore'
import { formatBytes, formatMs } from '../response/contentKind'
import { statusClass } from '../response/statusClass'
import { SideBySide } from './SideBySide'
import './compare.css'

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
      if (previous) setOther((value) => value ?? { side: { history: { target, id: previous.id } }, label: `the response of ${timeOf(previous.at)}`, title: `Response of ${timeOf(previous.at)}` })
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
    setOther({ side: { example: { ...saved, name: example.name } }, label: `example “${example.name}”`, title: `Example “${example.name}”` })
  }
  const saveExample = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!saved || exampleName.trim() === '') return
    try {
      const { file } = await api.call('examples.save', { ...saved, name: exampleName.trim(), from: { target, id: current }, ignorePaths })
      setNotice(`Saved as ${file}`)
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
      <aside className="cmp-sources" aria-label="Compare with">
        <h3 className="cmp-heading">Earlier responses</h3>
        {entries.length === 0 && <p className="muted cmp-empty">None kept yet: send again to compare.</p>}
        <ul className="cmp-list" aria-label="Response history">
          {entries.map((entry) => {
            const isCurrent = entry.id === current
            const label = `${entry.status} at ${timeOf(entry.at)}`
            const chosen = other !== null && 'history' in other.side && other.side.history.id === entry.id
            return (
              <li key={entry.id} className={`cmp-item ${chosen ? 'cmp-item-chosen' : ''}`} aria-label={`Response ${label}`}>
                <span className={`rp-status-pill cmp-pill ${statusClass(entry.status)}`}>{entry.status}</span>
                <span className="cmp-item-text">
                  <span className="cmp-item-title">{timeOf(entry.at)}</span>
                  <span className="muted cmp-item-detail">
                    {formatMs(entry.timeMs)} · {formatBytes(entry.size)}
                  </span>
                </span>
                {isCurrent ? (
                  <span className="cmp-shown">shown</span>
                ) : (
                  <span className="cmp-item-actions">
                    <button type="button" className="link-button" aria-label={`Compare with response ${label}`} aria-pressed={chosen} onClick={() => setOther({ side: { history: { target, id: entry.id } }, label: `the response of ${timeOf(entry.at)}`, title: `Response of ${timeOf(entry.at)}` })}>
                      Compare
                    </button>
                    <button type="button" className="link-button" aria-label={`Open response ${label}`} onClick={() => void open(entry)}>
                      Open
                    </button>
                  </span>
                )}
              </li>
            )
          })}
        </ul>
        <h3 className="cmp-heading">Examples</h3>
        {!saved && <p className="muted cmp-empty">Save the request in a collection to keep examples beside it.</p>}
        {saved && examples.length === 0 && <p className="muted cmp-empty">No examples yet.</p>}
        {saved && examples.length > 0 && (
          <ul className="cmp-list" aria-label="Examples">
            {examples.map((example) => {
              const chosen = other !== null && 'example' in other.side && other.side.example.name === example.name
              return (
                <li key={example.file} className={`cmp-item ${chosen ? 'cmp-item-chosen' : ''}`} title={example.file}>
                  <span className={`rp-status-pill cmp-pill ${statusClass(example.status)}`}>{example.status}</span>
                  <span className="cmp-item-text">{example.name}</span>
                  <button type="button" className="link-button" aria-label={`Compare with example ${example.name}`} aria-pressed={chosen} onClick={() => chooseExample(example)}>
                    Compare
                  </button>
                </li>
              )
            })}
          </ul>
        )}
        {saved && (
          <form className="cmp-form" onSubmit={(event) => void saveExample(event)}>
            <input aria-label="Example name" placeholder="Example name" value={exampleName} onChange={(event) => setExampleName(event.target.value)} />
            <button type="submit" className="secondary-button" disabled={exampleName.trim() === ''}>
              Save as example
            </button>
          </form>
        )}
        <h3 className="cmp-heading">Ignore paths</h3>
        <form className="cmp-form" onSubmit={applyIgnore}>
          <input aria-label="Ignore paths" placeholder="**.createdAt, meta.requestId" value={ignoreText} onChange={(event) => setIgnoreText(event.target.value)} />
          <button type="submit" className="secondary-button">
            Apply
          </button>
        </form>
        <p className="muted cmp-hint">
          Comma-separated. <code>*</code> is any key or index, <code>**</code> any depth; a path ignores all below it.
        </p>
      </aside>
      <section className="cmp-result" aria-label="Differences" aria-busy={running}>
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
            <p className="empty-title">Nothing to compare with yet</p>
            <p className="muted">Send the request again, or save this response as an example, then compare the two.</p>
          </div>
        )}
        {other && result && <CompareView result={result} label={other.label} title={other.title} />}
      </section>
    </div>
  )
}

function CompareView({ result, label, title }: { result: CompareResult; label: string; title: string }) {
  const counts = result.body.kind === 'json' ? countKinds(result.body.changes.map((c) => c.kind)) : result.body.kind === 'lines' ? countKinds(result.body.changes.map((c) => c.kind)) : {}
  const summary = Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(' · ')
  return (
    <div className="cmp-view">
      <p className="cmp-summary" role="status" aria-label="Comparison summary">
        <span className="muted">Compared with {label}:</span>{' '}
        {result.equal ? <strong>No differences</strong> : <strong>{summary || 'differences in status or headers'}</strong>}
        {result.body.kind === 'json' && result.body.ignored > 0 && <span className="muted"> · {result.body.ignored} ignored</span>}
      </p>
      {result.status.left !== result.status.right && (
        <p className="cmp-status" aria-label="Status change">
          Status <span className={`rp-status-pill ${statusClass(result.status.left)}`}>{result.status.left} {result.status.leftText}</span> →{' '}
          <span className={`rp-status-pill ${statusClass(result.status.right)}`}>{result.status.right} {result.status.rightText}</span>
        </p>
      )}
      {result.headers.length > 0 && (
        <table className="cmp-headers" aria-label="Header changes">
          <tbody>
            {result.headers.map((header) => (
              <tr key={header.name} className={`cmp-${header.kind}`}>
                <td>
                  <span className={`cmp-kind cmp-kind-${header.kind}`}>{header.kind}</span>
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
        <ul className="cmp-changes" aria-label="Body changes">
          {result.body.changes.map((change, i) => (
            <li key={i} className="cmp-change" aria-label={`${change.kind} ${change.path}`}>
              <span className={`cmp-kind cmp-kind-${change.kind}`}>{change.kind}</span>
              <code className="cmp-path">{change.path}</code>
              <span className="cmp-value">
                {change.kind === 'moved' && `from [${change.from}] to [${change.to}]`}
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
        <ul className="cmp-changes" aria-label="Body changes">
          {result.body.changes.slice(0, 500).map((change, i) => (
            <li key={i} className="cmp-change" aria-label={`${change.kind} line ${change.line}`}>
              <span className={`cmp-kind cmp-kind-${change.kind}`}>{change.kind}</span>
              <code className="cmp-path">line {change.line}</code>
              <code className="cmp-value">{change.kind === 'added' ? <ins>{change.text}</ins> : <del>{change.text}</del>}</code>
            </li>
          ))}
        </ul>
      )}
      {(result.body.kind === 'json' || result.body.kind === 'lines') && result.body.truncated && <p className="muted">Only the first changes are listed.</p>}
      {result.body.kind !== 'missing' && (
        <>
          <h3 className="cmp-heading cmp-side-heading">
            <span>{title}</span>
            <span>This response</span>
          </h3>
          {result.text.cut && <p className="muted">The bodies are shown up to 512 KB each; the list above covers them whole.</p>}
          {result.body.kind === 'json' && result.body.ignored > 0 && <p className="muted cmp-hint">Ignored paths are left out of the list above; the text below still shows them.</p>}
          <SideBySide left={result.text.left} right={result.text.right} json={result.body.kind === 'json'} />
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
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}
