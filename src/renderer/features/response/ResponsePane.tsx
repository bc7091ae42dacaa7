import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { create } from 'zustand'
import type { AppError } from '../../../shared/errors'
import type { HttpProgress, HttpResponse } from '../../../shared/http'
import { Icon } from '../../ui/Icon'
import { useEnvironments } from '../environments/environmentsStore'
import { keptResponses } from '../history/historyResponses'
import type { Exchange, TestReport } from '../request/exchangeStore'
import { BodyPanel } from './BodyPanel'
import { ComparePanel, type CompareScope } from '../compare/ComparePanel'
import { formatBytes, formatMs } from './contentKind'
import { CookiesPanel } from './CookiesPanel'
import { HeadersPanel } from './HeadersPanel'
import { RedirectsPanel } from './RedirectsPanel'
import { statusClass } from './statusClass'
import './response.css'
import { TimingPanel } from './TimingPanel'
import { TestsPanel } from './TestsPanel'
import { TlsPanel } from './TlsPanel'
import { tr, useT } from '../../i18n'
import { errorParts } from '../../i18n/errors'

type TabName = 'Body' | 'Headers' | 'Cookies' | 'Redirects' | 'TLS' | 'Timing' | 'Tests' | 'Compare'

/** The section each request tab last chose (Headers, Timing…): it stays chosen across resends. */
const useChosenSection = create<Record<string, TabName>>(() => ({}))

/** Shows a tab's response at its body: an earlier response reopened is read first. */
export function showResponseBody(tabId: string): void {
  useChosenSection.setState({ [tabId]: 'Body' })
}

/** The response area: what the last send of this tab came to, in every state it can be in. */
export function ResponsePane({
  exchange,
  onCancel,
  onAllowFiles,
  tabId = '',
  compare
}: {
  exchange: Exchange | undefined
  onCancel?: () => void
  onAllowFiles?: () => Promise<string[]>
  tabId?: string
  compare?: CompareScope
}) {
  const { t } = useT('response')
  return (
    <section className="response-area rp-response-pane" aria-label={t('responsePane.response')}>
      {!exchange && <EmptyResponse />}
      {exchange?.state === 'sending' && <SendingView startedAt={exchange.startedAt} progress={exchange.progress} onCancel={onCancel} />}
      {exchange?.state === 'cancelled' && (
        <div className="empty-state">
          <p className="empty-title">{t('responsePane.requestCancelled')}</p>
          <p className="muted">{t('responsePane.nothingMoreWillArrive')}</p>
        </div>
      )}
      {exchange?.state === 'failed' && (
        <FailedView key={exchange.requestId} error={exchange.error} onAllowFiles={exchange.error.code === 'file_not_allowed' ? onAllowFiles : undefined} />
      )}
      {exchange?.state === 'expired' && (
        <div className="empty-state">
          <p className="empty-title">{t('responsePane.theResponseIsNo')}</p>
          <p className="muted">{t('responsePane.parleyKeepsTheResponses', { summary: exchange.summary, keptResponses })}</p>
        </div>
      )}
      {exchange?.state === 'failed' && exchange.report && (exchange.report.tests.length > 0 || exchange.report.console.length > 0) && (
        <TestsPanel report={exchange.report} />
      )}
      {exchange?.state === 'done' && (
        <ResponseView
          key={exchange.requestId}
          tabId={tabId}
          response={exchange.response}
          startedAt={exchange.startedAt}
          report={exchange.report}
          compare={compare}
        />
      )}
    </section>
  )
}

function EmptyResponse() {
  const { t } = useT('response')
  return (
    <div className="empty-state">
      <div className="empty-illustration" aria-hidden="true">
        <Icon name="bolt" size={28} />
      </div>
      <p className="empty-title">{t('responsePane.sendARequestTo')}</p>
      <p className="muted">
        {t('responsePane.statusHeadersTimingAnd')} <kbd>Ctrl</kbd> + <kbd>{tr('commands:keys.Enter')}</kbd> {t('responsePane.sends')}
      </p>
    </div>
  )
}

function SendingView({ startedAt, progress, onCancel }: { startedAt: number; progress: HttpProgress | undefined; onCancel?: () => void }) {
  const { t } = useT('response')
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100)
    return () => clearInterval(timer)
  }, [])
  const received = progress?.bytesReceived ?? 0
  const total = progress?.totalBytes ?? null
  const fraction = total ? Math.min(1, received / total) : null
  const phase = progress ? t(`responsePane.phases.${progress.phase}`) : t('responsePane.starting')
  return (
    <div className="rp-response-sending">
      <div className="rp-sending-head">
        <span className="rp-sending-phase" aria-live="polite">
          {phase}…
        </span>
        <span className="muted rp-sending-elapsed">{formatMs(Math.max(0, now - startedAt))}</span>
        {onCancel && (
          <button type="button" className="secondary-button" onClick={onCancel}>
            {t('responsePane.cancel')}
          </button>
        )}
      </div>
      <div
        className={`rp-progress-track ${fraction === null ? 'rp-progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('responsePane.responseProgress')}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? received : undefined}
        aria-valuetext={
          total
            ? t('responsePane.of', { received: formatBytes(received), total: formatBytes(total) })
            : t('responsePane.received', { value: formatBytes(received) })
        }
      >
        <div className="rp-progress-fill" style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <p className="muted rp-sending-bytes">
        {progress?.phase === 'receiving' || received > 0
          ? total
            ? t('responsePane.of', { received: formatBytes(received), total: formatBytes(total) })
            : t('responsePane.received', { value: formatBytes(received) })
          : progress?.bytesSent
            ? t('responsePane.sent', { value: formatBytes(progress.bytesSent) })
            : '\u00a0'}
      </p>
    </div>
  )
}

function FailedView({ error, onAllowFiles }: { error: AppError; onAllowFiles?: (() => Promise<string[]>) | undefined }) {
  const { t } = useT('response')
  const [allowed, setAllowed] = useState<{ paths: string[] } | { error: string }>()
  const allow = (): void => {
    onAllowFiles?.().then(
      (paths) => setAllowed({ paths }),
      (e: unknown) => setAllowed({ error: e instanceof Error ? e.message : String(e) })
    )
  }
  return (
    <div className="rp-response-error" role="alert">
      <div className="rp-response-error-icon" aria-hidden="true">
        !
      </div>
      <div>
        <p className="rp-response-error-message">{errorParts(error).message}</p>
        {errorParts(error).hint && <p className="response-error-hint">{errorParts(error).hint}</p>}
        <p className="muted rp-response-error-code">
          {t('responsePane.code')} <code>{error.code}</code>
        </p>
        {onAllowFiles && !allowed && (
          <button type="button" className="secondary-button compact" onClick={allow}>
            {t('responsePane.allowThisFile')}
          </button>
        )}
        {allowed && 'paths' in allowed && (
          <p role="status">
            {t('responsePane.allowedOnThisMachine')} {allowed.paths.join(', ') || t('responsePane.nothingLeftToAllow')}
            {t('responsePane.sendAgainToSend')}
          </p>
        )}
        {allowed && 'error' in allowed && <p className="error-text">{allowed.error}</p>}
        {error.code === 'variable_missing' && (
          <button type="button" className="secondary-button" onClick={() => useEnvironments.setState({ managing: true })}>
            {t('responsePane.editEnvironments')}
          </button>
        )}
      </div>
    </div>
  )
}

function ResponseView({
  tabId,
  response,
  startedAt,
  report,
  compare
}: {
  tabId: string
  response: HttpResponse
  startedAt: number
  report: TestReport | undefined
  compare?: CompareScope | undefined
}) {
  const { t } = useT('response')
  const tab = useChosenSection((s) => s[tabId] ?? 'Body')
  const setTab = (name: TabName): void => useChosenSection.setState({ [tabId]: name })
  const tabRefs = useRef(new Map<TabName, HTMLButtonElement>())
  useEffect(() => {
    // The moment the renderer holds the response: the bench measures the first screen from the last byte.
    performance.mark('parley:response', { detail: { requestId: response.requestId, lastByteEpoch: startedAt + response.timings.total } })
  }, [response, startedAt])
  const https = response.url.startsWith('https:') || response.tls !== null
  const tabs: { name: TabName; count?: number }[] = [
    { name: 'Body' },
    { name: 'Headers', count: response.headers.length },
    { name: 'Cookies', count: response.cookiesSet.length },
    ...(response.redirects.length ? [{ name: 'Redirects' as const, count: response.redirects.length }] : []),
    ...(https ? [{ name: 'TLS' as const }] : []),
    { name: 'Timing' },
    ...(report && (report.tests.length > 0 || report.console.length > 0) ? [{ name: 'Tests' as const, count: report.tests.length }] : []),
    ...(compare ? [{ name: 'Compare' as const }] : [])
  ]
  const current = tabs.some((t) => t.name === tab) ? tab : 'Body'
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = tabs.findIndex((t) => t.name === current)
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1
    if (next < 0) return
    event.preventDefault()
    const name = tabs[next]!.name
    setTab(name)
    tabRefs.current.get(name)?.focus()
  }
  // Redirects and auth challenges are part of what the user waited for.
  const totalTime = response.redirects.reduce((sum, hop) => sum + hop.timings.total, 0) + response.timings.total
  const timeTitle = response.redirects.length
    ? t('responsePane.forExchangesTheFinal', { total: formatMs(totalTime), count: response.redirects.length + 1, final: formatMs(response.timings.total) })
    : t('responsePane.fromTheFirstDns')
  const wire = response.sizes.bodyWire
  const decoded = response.sizes.bodyDecoded
  const sizeTitle = t('responsePane.bodyDecodedOnThe', {
    decoded: formatBytes(decoded),
    wire: formatBytes(wire),
    encoding: response.contentEncoding ? ` (${response.contentEncoding})` : '',
    headers: formatBytes(response.sizes.headers)
  })
  return (
    <div className="rp-response-view">
      <div className="rp-status-line" aria-label={t('responsePane.responseSummary')} role="group">
        <span
          className={`rp-status-pill ${statusClass(response.status)}`}
          aria-label={t('responsePane.status', { status: response.status, statusText: response.statusText })}
        >
          {response.status} {response.statusText}
        </span>
        <span className="rp-status-metric" title={timeTitle}>
          <span className="rp-metric-label">{t('responsePane.time')}</span> {formatMs(totalTime)}
        </span>
        <span className="rp-status-metric" title={sizeTitle} aria-label={t('responsePane.size', { size: formatBytes(decoded), sizeTitle })}>
          <span className="rp-metric-label">{t('responsePane.size2')}</span> {formatBytes(decoded)}
        </span>
        <span className="rp-status-metric">
          <span className="rp-metric-label">{t('responsePane.protocol')}</span> {t('responsePane.http', { httpVersion: response.httpVersion })}
        </span>
        {response.remoteAddress && (
          <span className="rp-status-metric muted rp-status-remote" title={t('responsePane.theAddressTheFinal')}>
            {response.remoteAddress.family === 'IPv6' ? `[${response.remoteAddress.address}]` : response.remoteAddress.address}:{response.remoteAddress.port}
          </span>
        )}
      </div>
      {response.stopped && (
        <div className="rp-response-stopped" role="alert" aria-label={t('responsePane.downloadStopped')}>
          <p className="rp-response-error-message">{errorParts(response.stopped).message}</p>
          {errorParts(response.stopped).hint && <p className="response-error-hint">{errorParts(response.stopped).hint}</p>}
          <p className="muted rp-response-error-code">
            {t('responsePane.code')} <code>{response.stopped.code}</code>
          </p>
        </div>
      )}
      {response.warnings.length > 0 && (
        <ul className="rp-response-warnings" aria-label={t('responsePane.warnings')}>
          {response.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div role="tablist" aria-label={t('responsePane.responseSections')} className="section-tabs rp-response-tabs" onKeyDown={onKeyDown}>
        {tabs.map(({ name, count }) => (
          <button
            key={name}
            ref={(element) => {
              if (element) tabRefs.current.set(name, element)
              else tabRefs.current.delete(name)
            }}
            type="button"
            role="tab"
            id={`response-tab-${name}`}
            aria-selected={current === name}
            aria-controls={`response-panel-${name}`}
            tabIndex={current === name ? 0 : -1}
            className={`section-tab ${current === name ? 'section-tab-active' : ''}`}
            onClick={() => setTab(name)}
          >
            {t(`responsePane.sections.${name}`)}
            {count !== undefined && <span className="count-badge">{count}</span>}
          </button>
        ))}
      </div>
      <div className="rp-response-panel" role="tabpanel" id={`response-panel-${current}`} aria-labelledby={`response-tab-${current}`}>
        {/* The body stays mounted (hidden) so switching tabs never reloads or re-parses it. */}
        <div className="rp-response-panel-body" hidden={current !== 'Body'}>
          <BodyPanel response={response} />
        </div>
        {current === 'Headers' && <HeadersPanel headers={response.headers} />}
        {current === 'Cookies' && <CookiesPanel response={response} />}
        {current === 'Redirects' && <RedirectsPanel response={response} />}
        {current === 'TLS' && <TlsPanel tls={response.tls} />}
        {current === 'Timing' && <TimingPanel response={response} />}
        {current === 'Tests' && report && <TestsPanel report={report} />}
        {current === 'Compare' && compare && <ComparePanel response={response} scope={compare} />}
      </div>
    </div>
  )
}
