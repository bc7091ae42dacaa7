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
import { kindBadge } from '../tabs/tabTitles'
import { markRecorded } from './historyRecorder'
import { responseOfEntry } from './historyResponses'
import './history.css'
import { formatBytes, formatDateTime, formatNumber, formatTime, tr, useT } from '../../i18n'

type Listing = CallOutput<'history.list'>

/** Days are UTC (as core groups them): today, yesterday, then the date. */
export function dayLabel(day: string, now = new Date()): string {
  const today = now.toISOString().slice(0, 10)
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10)
  if (day === today) return tr('history:historyPanel.today')
  if (day === yesterday) return tr('history:historyPanel.yesterday')
  const date = new Date(`${day}T00:00:00Z`)
  return formatDateTime(date, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
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
    const summary = r.error
      ? tr('history:historyPanel.itFailed', { error: r.error })
      : tr('history:historyPanel.itAnsweredInMs', { status: r.status ?? '', ms: formatNumber(Math.round(r.timeMs)), size: formatBytes(r.sizeBytes) })
    useExchanges.setState((s) => ({ byTab: { ...s.byTab, [id]: { state: 'expired', requestId, startedAt, summary } } }))
  }
}

/** The History panel: what was sent, newest first, by day; searchable; clearable. */
export function HistoryPanel({ query }: { query: string }) {
  const { t } = useT('history')
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
        <span className="history-count muted">{listing ? t('historyPanel.entries', { count: listing.total }) : ''}</span>
        <button
          type="button"
          className="toolbar-button"
          onClick={() => {
            setLimit(String(listing?.limit ?? ''))
            setSettingsOpen(true)
          }}
        >
          {t('historyPanel.historyLimit')}
        </button>
        <button type="button" className="toolbar-button" disabled={!listing || listing.total === 0} onClick={() => setConfirmClear(true)}>
          {t('historyPanel.clearHistory')}
        </button>
      </div>
      {error && <p className="search-note error-text">{error}</p>}
      {empty && !query.trim() && (
        <div className="sidebar-empty">
          <Icon name="history" size={28} />
          <p className="empty-title">{t('historyPanel.nothingSentYet')}</p>
          <p className="muted">{t('historyPanel.everyRequestYouSend')}</p>
        </div>
      )}
      {empty && query.trim() && <p className="search-note muted">{t('historyPanel.nothingInHistoryMatches', { query: query.trim() })}</p>}
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
      <FormDialog
        title={t('historyPanel.clearHistory')}
        open={confirmClear}
        onClose={() => setConfirmClear(false)}
        danger
        submitLabel="Clear"
        onSubmit={async () => void (await api.call('history.clear'))}
      >
        <p className="form-dialog-text">{t('historyPanel.deleteEveryEntryOf')}</p>
      </FormDialog>
      <FormDialog
        title={t('historyPanel.historyLimit')}
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        submitLabel="Save"
        onSubmit={async () => {
          const value = Number(limit)
          if (!Number.isInteger(value) || value < 1) throw new Error(t('historyPanel.limitProblem'))
          await api.call('history.setLimit', { limit: value })
          load()
        }}
      >
        <label className="field">
          <span>{t('historyPanel.entriesToKeep')}</span>
          <input type="number" min={1} max={100000} value={limit} onChange={(event) => setLimit(event.target.value)} />
        </label>
        <p className="field-hint">{t('historyPanel.theOldestEntriesBeyond')}</p>
      </FormDialog>
    </div>
  )
}

function HistoryRow({ entry }: { entry: HistoryEntry }) {
  const { t } = useT('history')
  const request = entry.request
  const method = request.kind === 'http' ? request.method : kindBadge(request.kind)
  const time = formatTime(entry.at)
  const status = entry.response?.status
  const statusClass =
    status === undefined ? 'history-status-none' : status >= 400 ? 'history-status-bad' : status >= 300 ? 'history-status-redirect' : 'history-status-ok'
  return (
    <button
      type="button"
      className="history-entry"
      aria-label={
        status !== undefined
          ? t('historyPanel.atStatus', { method, url: request.url, status, time })
          : entry.response?.error
            ? t('historyPanel.atFailed', { method, url: request.url, time })
            : t('historyPanel.at', { method, url: request.url, time })
      }
      title={entry.response?.error ?? request.url}
      onClick={() => reopen(entry)}
    >
      <span className={`method-badge tree-badge ${request.kind === 'http' ? `method-${method.toLowerCase()}` : `kind-${request.kind}`}`}>{method}</span>
      <span className="history-url">{request.url || t('historyPanel.noUrl')}</span>
      <span className="history-meta">
        <span className={`history-status ${statusClass}`}>{status ?? (entry.response?.error ? t('historyPanel.failed') : '')}</span>
        <time dateTime={entry.at}>{time}</time>
      </span>
    </button>
  )
}
