import { useEffect, useMemo, useRef, useState } from 'react'
import type { SavedRequest } from '../../../shared/collection'
import type { Message } from '../../../shared/session'
import { requestKinds, type RealtimeKind } from '../../../shared/requestKinds'
import { ConnectionSettings } from './ConnectionForm'
import { EmitComposer, WebSocketComposer } from './Composer'
import { ListenersPanel } from './ListenersPanel'
import { StepsPanel } from './StepsPanel'
import { MessageLogList } from './MessageLog'
import { Timeline } from './Timeline'
import { saidText } from './format'
import { useTabs } from '../tabs/tabsStore'
import { saveTextAs } from '../../ui/downloadFile'
import { realtimeTitle } from '../tabs/tabTitles'
import { useEnvironments } from '../environments/environmentsStore'
import { SocketIoCodeDialog } from '../convert/SocketIoCodeDialog'
import { bufferOf, isLive, listenForSessions, savedRequestOf, sessionActions, useRealtime, type TabSession } from './sessionStore'
import { fromSaved, viewOf, type Side } from './kindViews'
import { SideBySideMenu } from './SideBySideMenu'
import { DescriptionNote } from '../collections/DescriptionNote'
import { Group, Panel, Separator } from 'react-resizable-panels'
import { roundSize, usePaneLayout } from '../../app/paneLayout'
import './realtime.css'
import { formatNumber, useT } from '../../i18n'

export interface RealtimeTab {
  id: string
  kind: RealtimeKind
  title: string
  /** The saved request the tab was opened from, if any: the form starts from it. */
  saved?: SavedRequest
}

export function StatusLine({ session }: { session: TabSession }) {
  const { t } = useT('realtime')
  const state = session.status?.state ?? 'idle'
  const text: Record<string, string> = {
    idle: t('realtimePane.notConnected'),
    connecting: t('realtimePane.connecting'),
    connected: t('realtimePane.connected'),
    reconnecting: t('realtimePane.reconnecting'),
    disconnected: t('realtimePane.disconnected'),
    error: t('realtimePane.error'),
    closed: t('realtimePane.closed')
  }
  return (
    <div className="rt-status-line">
      <span className={`rt-state rt-state-${state}`} role="status" aria-label={t('realtimePane.sessionStatus')}>
        <span className="rt-state-dot" aria-hidden="true" />
        {text[state]}
      </span>
      {session.status && (
        <span className="rt-status-detail" title={saidText(session.status.said, session.status.detail)}>
          {saidText(session.status.said, session.status.detail)}
        </span>
      )}
      {session.status?.logError && (
        <span className="rt-log-error error-text" role="alert" aria-label={t('realtimePane.messageLogError')} title={session.status.logError}>
          {t('realtimePane.notSavingMessages', { logError: session.status.logError })}
        </span>
      )}
      <span className="rt-counters" aria-label={t('realtimePane.counters')}>
        <span title={t('realtimePane.messagesReceived')}>
          {t('realtimePane.in')} <strong>{formatNumber(session.stats.in)}</strong>
        </span>
        <span title={t('realtimePane.messagesSent')}>
          {t('realtimePane.out')} <strong>{formatNumber(session.stats.out)}</strong>
        </span>
        <span title={t('realtimePane.messagesPerSecondBoth')}>
          <strong>{formatNumber(session.stats.ratePerSecond)}</strong>/s
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

interface SessionViewProps {
  tab: RealtimeTab
  session: TabSession
  /** Half a window (side by side): the composer goes above the log instead of beside it. */
  compact: boolean
  panelId: string
  update(patch: (s: TabSession) => Partial<TabSession>): void
}

function SessionView({ tab, session, compact, panelId, update }: SessionViewProps) {
  const { t } = useT('realtime')
  const buffer = bufferOf(tab.id)
  const view = viewOf(tab.kind)
  const sides = view.sides
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
    () =>
      session.view === 'timeline'
        ? rows
            .slice(-200)
            .map((i) => buffer.at(i))
            .filter((m): m is Message => m !== undefined)
        : [],
    [session.view, rows, buffer, session.version]
  )
  const setFilter = (patch: Partial<TabSession['filter']>) => update((s) => ({ filter: { ...s.filter, ...patch } }))
  const { url, namespace } = session.form
  useEffect(() => useTabs.getState().retitle(tab.id, realtimeTitle(tab.kind, url, namespace)), [tab.id, tab.kind, url, namespace])
  const stepsText = useT('realtimeSteps')
  const sideLabel: Record<Side, string> = {
    compose: t(view.composeLabel),
    listeners: t('realtimePane.listeners'),
    steps: stepsText.t('tab'),
    settings: t('realtimePane.connection')
  }
  return (
    <section id={panelId} role="tabpanel" aria-labelledby={`tab-${tab.id}`} className={`rt-pane ${compact ? 'rt-pane-compact' : ''}`}>
      <form
        className="url-bar"
        aria-label={t('realtimePane.connection')}
        onSubmit={(e) => {
          e.preventDefault()
          if (live) void sessionActions.disconnect(tab.id)
          else void sessionActions.connect(tab.id)
        }}
      >
        <span className={`rt-kind rt-kind-${session.kind}`}>{requestKinds[tab.kind].name}</span>
        <input
          aria-label="URL"
          className="url-input"
          placeholder={viewOf(tab.kind).placeholder}
          spellCheck={false}
          value={session.form.url}
          onChange={(e) => {
            const url = e.target.value
            update((s) => ({ form: { ...s.form, url } }))
          }}
        />
        {live ? (
          <button type="submit" className="danger-button">
            {t('realtimePane.disconnect')}
          </button>
        ) : (
          <button type="submit" className="primary-button" disabled={!session.form.url.trim()}>
            {t('realtimePane.connect')}
          </button>
        )}
        {session.kind === 'socketio' && (
          <button type="button" className="secondary-button" onClick={() => setCodeOpen(true)}>
            {t('realtimePane.code')}
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
              {t('realtimePane.editEnvironments')}
            </button>
          )}
          <button type="button" className="icon-button small" aria-label={t('realtimePane.dismissError')} onClick={() => update(() => ({ error: undefined }))}>
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
        <Panel
          id="rt-side"
          defaultSize={compact ? '40%' : `${usePaneLayout.getState().layout.realtimeSide}%`}
          minSize={compact ? '120px' : '260px'}
          maxSize="70%"
          className="rt-panel"
        >
          <aside className="rt-side" aria-label={t('realtimePane.sessionTools')}>
            <div role="tablist" aria-label={t('realtimePane.sessionTools')} className="section-tabs">
              {sides.map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  aria-selected={side === name}
                  className={`section-tab ${side === name ? 'section-tab-active' : ''}`}
                  onClick={() => setSide(name)}
                >
                  {sideLabel[name]}
                </button>
              ))}
            </div>
            <div className="rt-side-body" role="tabpanel" aria-label={sideLabel[side]}>
              {side === 'compose' && session.kind === 'socketio' && <EmitComposer tabId={tab.id} session={session} />}
              {side === 'compose' && session.kind === 'websocket' && <WebSocketComposer tabId={tab.id} session={session} />}
              {side === 'listeners' && <ListenersPanel tabId={tab.id} session={session} seenEvents={events} />}
              {side === 'steps' && <StepsPanel tabId={tab.id} session={session} />}
              {side === 'settings' && <ConnectionSettings session={session} onChange={(patch) => update((s) => ({ form: { ...s.form, ...patch } }))} />}
            </div>
          </aside>
        </Panel>
        <Separator
          className={`pane-separator ${compact ? 'pane-separator-horizontal' : 'pane-separator-vertical'}`}
          aria-label={t('realtimePane.resizeComposerAndLog')}
        />
        <Panel id="rt-log" minSize={compact ? '160px' : '320px'} className="rt-panel">
          <section className="rt-log" aria-label={t('realtimePane.messages')}>
            <div className="rt-toolbar" role="toolbar" aria-label={t('realtimePane.messageLogTools')}>
              <input
                className="rt-filter"
                aria-label={t('realtimePane.filterMessages')}
                placeholder={session.filter.regex ? t('realtimePane.regularExpression') : t('realtimePane.filterText')}
                value={session.filter.text}
                onChange={(e) => setFilter({ text: e.target.value })}
              />
              <label className="rt-check" title={t('realtimePane.treatTheFilterAs')}>
                <input type="checkbox" checked={session.filter.regex} onChange={(e) => setFilter({ regex: e.target.checked })} />
                <span>{t('realtimePane.regex')}</span>
              </label>
              <select aria-label={t('realtimePane.eventFilter')} value={session.filter.event} onChange={(e) => setFilter({ event: e.target.value })}>
                <option value="">{t('realtimePane.allEvents')}</option>
                {events.map((e) => (
                  <option key={e} value={e}>
                    {e}
                  </option>
                ))}
              </select>
              <select
                aria-label={t('realtimePane.directionFilter')}
                value={session.filter.direction}
                onChange={(e) => setFilter({ direction: e.target.value as TabSession['filter']['direction'] })}
              >
                <option value="all">{t('realtimePane.allDirections')}</option>
                <option value="in">{t('realtimePane.received')}</option>
                <option value="out">{t('realtimePane.sent')}</option>
                <option value="system">{t('realtimePane.system')}</option>
              </select>
              <span className="rt-toolbar-spacer" />
              <button
                type="button"
                className={`secondary-button rt-small ${session.paused ? 'rt-on' : ''}`}
                aria-pressed={session.paused}
                onClick={() => update((s) => ({ paused: !s.paused }))}
              >
                {session.paused ? (hidden ? t('realtimePane.resumeNew', { hidden }) : t('realtimePane.resume')) : t('realtimePane.pause')}
              </button>
              <button
                type="button"
                className={`secondary-button rt-small ${session.follow ? 'rt-on' : ''}`}
                aria-pressed={session.follow}
                onClick={() => update((s) => ({ follow: !s.follow }))}
              >
                {t('realtimePane.follow')}
              </button>
            </div>
            {filterError && (
              <p className="error-text rt-filter-error" role="alert">
                {filterError}
              </p>
            )}
            <div className="rt-log-meta">
              <span className="rt-muted">{t('realtimePane.ofMessagesShown', { count: rows.length, size: buffer.size })}</span>
              <span className="rt-meta-actions">
                <button type="button" className="secondary-button rt-small" onClick={() => sessionActions.clear(tab.id)}>
                  {t('realtimePane.clear')}
                </button>
                <button
                  type="button"
                  className="secondary-button rt-small"
                  aria-label={t('realtimePane.exportNdjson')}
                  title={t('realtimePane.exportTheWholeSession')}
                  disabled={buffer.size === 0}
                  onClick={() =>
                    void sessionActions
                      .exportNdjson(tab.id)
                      .then((text) => saveTextAs(text, `${tab.title.replace(/[^\w.-]+/g, '-')}.ndjson`, 'application/x-ndjson'))
                  }
                >
                  {t('realtimePane.export')}
                </button>
              </span>
              <div className="rt-view-switch" role="radiogroup" aria-label={t('realtimePane.view')}>
                {(['log', 'timeline'] as const).map((view) => (
                  <label key={view} className={`segment ${session.view === view ? 'segment-active' : ''}`}>
                    <input type="radio" name={`rt-view-${tab.id}`} checked={session.view === view} onChange={() => update(() => ({ view }))} />
                    {view === 'log' ? t('realtimePane.log') : t('realtimePane.timeline')}
                  </label>
                ))}
              </div>
            </div>
            {session.view === 'log' ? (
              <MessageLogList
                buffer={buffer}
                rows={rows}
                version={session.version}
                follow={session.follow && !session.paused}
                onUserScrolledUp={() => update(() => ({ follow: false }))}
              />
            ) : (
              <Timeline messages={timelineMessages} />
            )}
          </section>
        </Panel>
      </Group>
    </section>
  )
}
