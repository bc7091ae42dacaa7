import { useEffect, useMemo, useRef, useState } from 'react'
import type { SavedRequest } from '../../../shared/collection'
import type { Message, SessionKind } from '../../../shared/session'
import { ConnectionSettings } from './ConnectionForm'
import { EmitComposer, WebSocketComposer } from './Composer'
import { ListenersPanel } from './ListenersPanel'
import { MessageLogList } from './MessageLog'
import { Timeline } from './Timeline'
import { useTabs } from '../tabs/tabsStore'
import { saveTextAs } from '../../ui/downloadFile'
import { realtimeTitle } from '../tabs/tabTitles'
import { useEnvironments } from '../environments/environmentsStore'
import { SocketIoCodeDialog } from '../convert/SocketIoCodeDialog'
import { bufferOf, isLive, listenForSessions, savedRequestOf, sessionActions, useRealtime, type TabSession } from './sessionStore'
import { fromSaved } from './savedForm'
import { SideBySideMenu } from './SideBySideMenu'
import { DescriptionNote } from '../collections/DescriptionNote'
import { Group, Panel, Separator } from 'react-resizable-panels'
import { roundSize, usePaneLayout } from '../../app/paneLayout'
import './realtime.css'

export interface RealtimeTab {
  id: string
  kind: SessionKind
  title: string
  /** The saved request the tab was opened from, if any: the form starts from it. */
  saved?: SavedRequest
}

const kindLabel: Record<SessionKind, string> = { socketio: 'Socket.IO', websocket: 'WebSocket', sse: 'SSE' }
const placeholders: Record<SessionKind, string> = {
  socketio: 'http://localhost:3000  (http, https, ws or wss)',
  websocket: 'ws://localhost:8080/socket',
  sse: 'http://localhost:3000/events'
}

function StatusLine({ session }: { session: TabSession }) {
  const state = session.status?.state ?? 'idle'
  const text: Record<string, string> = {
    idle: 'Not connected',
    connecting: 'Connecting',
    connected: 'Connected',
    reconnecting: 'Reconnecting',
    disconnected: 'Disconnected',
    error: 'Error',
    closed: 'Closed'
  }
  return (
    <div className="rt-status-line">
      <span className={`rt-state rt-state-${state}`} role="status" aria-label="Session status">
        <span className="rt-state-dot" aria-hidden="true" />
        {text[state]}
      </span>
      {session.status && <span className="rt-status-detail" title={session.status.detail}>{session.status.detail}</span>}
      {session.status?.logError && (
        <span className="rt-log-error error-text" role="alert" aria-label="Message log error" title={session.status.logError}>
          Not saving messages: {session.status.logError}
        </span>
      )}
      <span className="rt-counters" aria-label="Counters">
        <span title="Messages received">↓ in <strong>{session.stats.in.toLocaleString()}</strong></span>
        <span title="Messages sent">↑ out <strong>{session.stats.out.toLocaleString()}</strong></span>
        <span title="Messages per second, both ways">
          <strong>{session.stats.ratePerSecond.toLocaleString()}</strong>/s
        </span>
      </span>
    </div>
  )
}


/** A live Socket.IO, WebSocket or SSE session in a tab: connection, composer, listeners and the message log. */
export function RealtimePane({ tab, compact = false, panelId = 'request-panel' }: { tab: RealtimeTab; compact?: boolean; panelId?: string }) {
  const ensure = useRealtime((s) => s.ensure)
  const update = useRealtime((s) => s.update)
  const session = useRealtime((s) => s.sessions[tab.id])
  useEffect(() => {
    listenForSessions()
    // A tab opened from a collection starts from the saved request (the shell may or may not pass it).
    const saved = tab.saved ?? useTabs.getState().tabs.find((t) => t.id === tab.id)?.saved
    ensure(tab.id, tab.kind, (fresh) => fromSaved(fresh, saved))
  }, [ensure, tab.id, tab.kind, tab.saved])
  if (!session) return null
  return <SessionView tab={tab} session={session} compact={compact} panelId={panelId} update={(patch) => update(tab.id, patch)} />
}

type Side = 'compose' | 'listeners' | 'settings'

interface SessionViewProps {
  tab: RealtimeTab
  session: TabSession
  /** Half a window (side by side): the composer goes above the log instead of beside it. */
  compact: boolean
  panelId: string
  update(patch: (s: TabSession) => Partial<TabSession>): void
}

function SessionView({ tab, session, compact, panelId, update }: SessionViewProps) {
  const buffer = bufferOf(tab.id)
  const sides: Side[] = session.kind === 'socketio' ? ['compose', 'listeners', 'settings'] : session.kind === 'websocket' ? ['compose', 'settings'] : ['settings']
  const [side, setSide] = useState<Side>(sides[0]!)
  const [codeOpen, setCodeOpen] = useState(false)
  const pausedAt = useRef<number | undefined>(undefined)
  if (session.paused && pausedAt.current === undefined) pausedAt.current = buffer.size
  if (!session.paused) pausedAt.current = undefined
  const { rows, error: filterError } = buffer.view(session.filter, pausedAt.current)
  const hidden = session.paused ? buffer.size - (pausedAt.current ?? buffer.size) : 0
  const live = isLive(session.status)
  const events = useMemo(() => [...buffer.events].sort(), [buffer, session.version])
  const timelineMessages = useMemo(
    () => (session.view === 'timeline' ? rows.slice(-200).map((i) => buffer.at(i)).filter((m): m is Message => m !== undefined) : []),
    [session.view, rows, buffer, session.version]
  )
  const setFilter = (patch: Partial<TabSession['filter']>) => update((s) => ({ filter: { ...s.filter, ...patch } }))
  const { url, namespace } = session.form
  useEffect(() => useTabs.getState().retitle(tab.id, realtimeTitle(session.kind, url, namespace)), [tab.id, session.kind, url, namespace])
  const sideLabel: Record<Side, string> = { compose: session.kind === 'socketio' ? 'Emit' : 'Send', listeners: 'Listeners', settings: 'Connection' }
  return (
    <section id={panelId} role="tabpanel" aria-labelledby={`tab-${tab.id}`} className={`rt-pane ${compact ? 'rt-pane-compact' : ''}`}>
      <form
        className="url-bar"
        aria-label="Connection"
        onSubmit={(e) => {
          e.preventDefault()
          if (live) void sessionActions.disconnect(tab.id)
          else void sessionActions.connect(tab.id)
        }}
      >
        <span className={`rt-kind rt-kind-${session.kind}`}>{kindLabel[session.kind]}</span>
        <input
          aria-label="URL"
          className="url-input"
          placeholder={placeholders[session.kind]}
          spellCheck={false}
          value={session.form.url}
          onChange={(e) => {
            const url = e.target.value
            update((s) => ({ form: { ...s.form, url } }))
          }}
        />
        {live ? (
          <button type="submit" className="danger-button">
            Disconnect
          </button>
        ) : (
          <button type="submit" className="primary-button" disabled={!session.form.url.trim()}>
            Connect
          </button>
        )}
        {session.kind === 'socketio' && (
          <button type="button" className="secondary-button" onClick={() => setCodeOpen(true)}>
            Code
          </button>
        )}
        {!compact && <SideBySideMenu tabId={tab.id} />}
      </form>
      {!compact && <DescriptionNote tabId={tab.id} />}
      {codeOpen && <SocketIoCodeDialog request={savedRequestOf(tab.id, tab.title, '')} onClose={() => setCodeOpen(false)} />}
      <StatusLine session={session} />
      {session.error && (
        <div className="notice notice-error rt-notice" role="alert">
          <span>{session.error}</span>
          {session.errorCode === 'variable_missing' && (
            <button type="button" className="secondary-button rt-small" onClick={() => useEnvironments.setState({ managing: true })}>
              Edit environments
            </button>
          )}
          <button type="button" className="icon-button small" aria-label="Dismiss error" onClick={() => update(() => ({ error: undefined }))}>
            ×
          </button>
        </div>
      )}
      <Group
        orientation={compact ? 'vertical' : 'horizontal'}
        className="rt-body"
        onLayoutChanged={(layout, meta) => {
          if (meta.isUserInteraction && !compact) usePaneLayout.getState().set({ realtimeSide: roundSize((meta.requestedLayout ?? layout)['rt-side']) })
        }}
      >
        <Panel id="rt-side" defaultSize={compact ? '40%' : `${usePaneLayout.getState().layout.realtimeSide}%`} minSize={compact ? '120px' : '260px'} maxSize="70%" className="rt-panel">
          <aside className="rt-side" aria-label="Session tools">
            <div role="tablist" aria-label="Session tools" className="section-tabs">
              {sides.map((name) => (
                <button key={name} type="button" role="tab" aria-selected={side === name} className={`section-tab ${side === name ? 'section-tab-active' : ''}`} onClick={() => setSide(name)}>
                  {sideLabel[name]}
                </button>
              ))}
            </div>
            <div className="rt-side-body" role="tabpanel" aria-label={sideLabel[side]}>
              {side === 'compose' && session.kind === 'socketio' && <EmitComposer tabId={tab.id} session={session} />}
              {side === 'compose' && session.kind === 'websocket' && <WebSocketComposer tabId={tab.id} session={session} />}
              {side === 'listeners' && <ListenersPanel tabId={tab.id} session={session} seenEvents={events} />}
              {side === 'settings' && <ConnectionSettings session={session} onChange={(patch) => update((s) => ({ form: { ...s.form, ...patch } }))} />}
            </div>
          </aside>
        </Panel>
        <Separator className={`pane-separator ${compact ? 'pane-separator-horizontal' : 'pane-separator-vertical'}`} aria-label="Resize composer and log" />
        <Panel id="rt-log" minSize={compact ? '160px' : '320px'} className="rt-panel">
          <section className="rt-log" aria-label="Messages">
            <div className="rt-toolbar" role="toolbar" aria-label="Message log tools">
              <input className="rt-filter" aria-label="Filter messages" placeholder={session.filter.regex ? 'Regular expression' : 'Filter text'} value={session.filter.text} onChange={(e) => setFilter({ text: e.target.value })} />
              <label className="rt-check" title="Treat the filter as a regular expression">
                <input type="checkbox" checked={session.filter.regex} onChange={(e) => setFilter({ regex: e.target.checked })} />
                <span>Regex</span>
              </label>
              <select aria-label="Event filter" value={session.filter.event} onChange={(e) => setFilter({ event: e.target.value })}>
                <option value="">All events</option>
                {events.map((e) => (
                  <option key={e} value={e}>{e}</option>
                ))}
              </select>
              <select aria-label="Direction filter" value={session.filter.direction} onChange={(e) => setFilter({ direction: e.target.value as TabSession['filter']['direction'] })}>
                <option value="all">All directions</option>
                <option value="in">↓ Received</option>
                <option value="out">↑ Sent</option>
                <option value="system">• System</option>
              </select>
              <span className="rt-toolbar-spacer" />
              <button type="button" className={`secondary-button rt-small ${session.paused ? 'rt-on' : ''}`} aria-pressed={session.paused} onClick={() => update((s) => ({ paused: !s.paused }))}>
                {session.paused ? `Resume${hidden ? ` (${hidden.toLocaleString()} new)` : ''}` : 'Pause'}
              </button>
              <button type="button" className={`secondary-button rt-small ${session.follow ? 'rt-on' : ''}`} aria-pressed={session.follow} onClick={() => update((s) => ({ follow: !s.follow }))}>
                Follow
              </button>
            </div>
            {filterError && <p className="error-text rt-filter-error" role="alert">{filterError}</p>}
            <div className="rt-log-meta">
              <span className="rt-muted">
                {rows.length.toLocaleString()} of {buffer.size.toLocaleString()} messages shown
              </span>
              <span className="rt-meta-actions">
                <button type="button" className="secondary-button rt-small" onClick={() => sessionActions.clear(tab.id)}>
                  Clear
                </button>
                <button type="button" className="secondary-button rt-small" aria-label="Export NDJSON" title="Export the whole session as NDJSON" disabled={buffer.size === 0} onClick={() => void sessionActions.exportNdjson(tab.id).then((text) => saveTextAs(text, `${tab.title.replace(/[^\w.-]+/g, '-')}.ndjson`, 'application/x-ndjson'))}>
                  Export
                </button>
              </span>
              <div className="rt-view-switch" role="radiogroup" aria-label="View">
                {(['log', 'timeline'] as const).map((view) => (
                  <label key={view} className={`segment ${session.view === view ? 'segment-active' : ''}`}>
                    <input type="radio" name={`rt-view-${tab.id}`} checked={session.view === view} onChange={() => update(() => ({ view }))} />
                    {view === 'log' ? 'Log' : 'Timeline'}
                  </label>
                ))}
              </div>
            </div>
            {session.view === 'log' ? (
              <MessageLogList buffer={buffer} rows={rows} version={session.version} follow={session.follow && !session.paused} onUserScrolledUp={() => update(() => ({ follow: false }))} />
            ) : (
              <Timeline messages={timelineMessages} />
            )}
          </section>
        </Panel>
      </Group>
    </section>
  )
}
