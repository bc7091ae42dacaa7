import { useCallback, useEffect, useState } from 'react'
import type { CallOutput } from '../../../shared/contract'
import type { HistoryEntry } from '../../../shared/collection'
import { api } from '../../app/api'
import { Icon } from '../../ui/Icon'
import { errorText } from '../collections/collectionsStore'
import { FormDialog } from '../collections/FormDialogs'
import { fromParsedRequest } from '../request/draft'
import { useExchanges } from '../request/exchangeStore'
import { useTabs } from '../tabs/tabsStore'
import { markRecorded } from './historyRecorder'
import { responseOfEntry } from './historyResponses'
import './history.css'

type Listing = CallOutput<'history.list'>
const kindBadges = { socketio: 'SIO', websocket: 'WS', sse: 'SSE' } as const

/** Days are UTC (as core groups them): today, yesterday, then the date. */
export function dayLabel(day: string, now = new Date()): string {
  const today = now.toISOString().slice(0, 10)
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10)
  if (day === today) return 'Today'
  if (day === yesterday) return 'Yesterday'
  const date = new Date(`${day}T00:00:00Z`)
  return date.toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** Reopens an entry in a new tab, with its response while Parley still holds it. */
function reopen(entry: HistoryEntry): void {
  const tabs = useTabs.getState()
  const request = entry.request
  if (request.kind !== 'http') {
    tabs.openRealtime(request.kind, request)
    return
  }
  const id = tabs.open()
  tabs.updateDraft(id, () => fromParsedRequest(request))
  const response = responseOfEntry(entry.id)
  const requestId = crypto.randomUUID()
  markRecorded(requestId)
  const startedAt = Date.parse(entry.at)
  if (response) {
    useExchanges.setState((s) => ({ byTab: { ...s.byTab, [id]: { state: 'done', requestId, startedAt, response } } }))
  } else if (entry.response) {
    const r = entry.response
    const summary = r.error ? `It failed: ${r.error}` : `It answered ${r.status ?? ''} in ${Math.round(r.timeMs)} ms, ${r.sizeBytes.toLocaleString()} bytes.`
    useExchanges.setState((s) => ({ byTab: { ...s.byTab, [id]: { state: 'expired', requestId, startedAt, summary } } }))
  }
}

/** The History panel: what was sent, newest first, by day; searchable; clearable. */
export function HistoryPanel({ query }: { query: string }) {
  const [listing, setListing] = useState<Listing>()
  const [error, setError] = useState<string>()
  const [confirmClear, setConfirmClear] = useState(false)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [limit, setLimit] = useState('')

  const load = useCallback(() => {
    api
      .call('history.list', query.trim() ? { query: query.trim() } : {})
      .then((out) => {
        setListing(out)
        setError(undefined)
      })
      .catch((e: unknown) => setError(errorText(e)))
  }, [query])
  useEffect(() => {
    const timer = setTimeout(load, query ? 150 : 0)
    return () => clearTimeout(timer)
  }, [load, query])
  useEffect(() => api.on('history.changed', () => load()), [load])

  const empty = listing && listing.days.length === 0
  return (
    <div className="history-panel">
      <div className="collections-toolbar">
        <span className="history-count muted">{listing ? `${listing.total} ${listing.total === 1 ? 'entry' : 'entries'}` : ''}</span>
        <button
          type="button"
          className="toolbar-button"
          onClick={() => {
            setLimit(String(listing?.limit ?? ''))
            setSettingsOpen(true)
          }}
        >
          History limit
        </button>
        <button type="button" className="toolbar-button" disabled={!listing || listing.total === 0} onClick={() => setConfirmClear(true)}>
          Clear history
        </button>
      </div>
      {error && <p className="search-note error-text">{error}</p>}
      {empty && !query.trim() && (
        <div className="sidebar-empty">
          <Icon name="history" size={28} />
          <p className="empty-title">Nothing sent yet</p>
          <p className="muted">Every request you send and every session you open is listed here, by day.</p>
        </div>
      )}
      {empty && query.trim() && <p className="search-note muted">Nothing in history matches “{query.trim()}”.</p>}
      {listing?.days.map((day) => (
        <section key={day.day} className="history-day" aria-label={dayLabel(day.day)}>
          <h3 className="history-day-title">{dayLabel(day.day)}</h3>
          <ul className="history-list">
            {day.entries.map((entry) => (
              <li key={entry.id}>
                <HistoryRow entry={entry} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <FormDialog title="Clear history" open={confirmClear} onClose={() => setConfirmClear(false)} danger submitLabel="Clear" onSubmit={async () => void (await api.call('history.clear'))}>
        <p className="form-dialog-text">Delete every entry of the history? Saved requests in your collections are not touched.</p>
      </FormDialog>
      <FormDialog
        title="History limit"
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        submitLabel="Save"
        onSubmit={async () => {
          const value = Number(limit)
          if (!Number.isInteger(value) || value < 1) throw new Error('The limit is a whole number of entries, at least 1.')
          await api.call('history.setLimit', { limit: value })
          load()
        }}
      >
        <label className="field">
          <span>Entries to keep</span>
          <input type="number" min={1} max={100000} value={limit} onChange={(event) => setLimit(event.target.value)} />
        </label>
        <p className="field-hint">The oldest entries beyond this number are deleted at once and from then on.</p>
      </FormDialog>
    </div>
  )
}

function HistoryRow({ entry }: { entry: HistoryEntry }) {
  const request = entry.request
  const method = request.kind === 'http' ? request.method : kindBadges[request.kind]
  const time = new Date(entry.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  const status = entry.response?.status
  const statusClass = status === undefined ? 'history-status-none' : status >= 400 ? 'history-status-bad' : status >= 300 ? 'history-status-redirect' : 'history-status-ok'
  return (
    <button
      type="button"
      className="history-entry"
      aria-label={`${method} ${request.url}${status !== undefined ? `, ${status}` : entry.response?.error ? ', failed' : ''}, at ${time}`}
      title={entry.response?.error ?? request.url}
      onClick={() => reopen(entry)}
    >
      <span className={`method-badge tree-badge ${request.kind === 'http' ? `method-${method.toLowerCase()}` : `kind-${request.kind}`}`}>{method}</span>
      <span className="history-url">{request.url || '(no URL)'}</span>
      <span className="history-meta">
        <span className={`history-status ${statusClass}`}>{status ?? (entry.response?.error ? 'Failed' : '')}</span>
        <time dateTime={entry.at}>{time}</time>
      </span>
    </button>
  )
}
