import type { HttpResponse } from '../../../shared/http'
import { formatMs } from './contentKind'
import { HeadersPanel } from './HeadersPanel'
import { statusClass } from './statusClass'
import { useT } from '../../i18n'

/** Every hop before the final response, in order, then the final one. */
export function RedirectsPanel({ response }: { response: HttpResponse }) {
  const { t } = useT('response')
  const total = response.redirects.reduce((sum, hop) => sum + hop.timings.total, 0) + response.timings.total
  return (
    <div className="rp-panel-stack">
      <ol className="rp-hop-list" aria-label={t('redirectsPanel.redirectChain')}>
        {response.redirects.map((hop, index) => (
          <li key={index} className="rp-hop">
            <details>
              <summary>
                <span className="rp-hop-index">{index + 1}</span>
                <span className="method-badge">{hop.method}</span>
                <span className="rp-hop-url">{hop.url}</span>
                <span className={`rp-status-pill rp-status-pill-small ${statusClass(hop.status)}`}>
                  {hop.status} {hop.statusText}
                </span>
                {hop.reason === 'auth-challenge' && <span className="muted rp-hop-reason">{t('redirectsPanel.authChallenge')}</span>}
                <span className="muted rp-hop-time">{formatMs(hop.timings.total)}</span>
              </summary>
              <HeadersPanel headers={hop.headers} label={t('redirectsPanel.headersOfHop', { n: index + 1 })} />
            </details>
          </li>
        ))}
        <li className="rp-hop rp-hop-final">
          <div className="rp-hop-summary">
            <span className="rp-hop-index">{response.redirects.length + 1}</span>
            <span className="method-badge">{response.method}</span>
            <span className="rp-hop-url">{response.url}</span>
            <span className={`rp-status-pill rp-status-pill-small ${statusClass(response.status)}`}>
              {response.status} {response.statusText}
            </span>
            <span className="muted rp-hop-time">{formatMs(response.timings.total)}</span>
          </div>
        </li>
      </ol>
      <p className="muted">{t('redirectsPanel.inAll', { count: response.redirects.length, total: formatMs(total) })}</p>
    </div>
  )
}
