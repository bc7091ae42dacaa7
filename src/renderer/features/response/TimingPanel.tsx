import type { HttpResponse, HttpTimings } from '../../../shared/http'
import { formatMs } from './contentKind'
import { useT } from '../../i18n'

const phases = [
  { key: 'dns', label: 'DNS' },
  { key: 'connect', label: 'Connect' },
  { key: 'tls', label: 'TLS' },
  { key: 'requestSent', label: 'Sent' },
  { key: 'firstByte', label: 'Waiting (TTFB)' },
  { key: 'download', label: 'Download' }
] as const

interface Row {
  label: string
  start: number
  timings: HttpTimings
}

const LABEL_WIDTH = 170
const BAR_WIDTH = 520
const TOTAL_WIDTH = 80
const ROW_HEIGHT = 28
const AXIS_HEIGHT = 22

/** Where the time went, hop by hop: a waterfall picture, its legend, and the same numbers as a table. */
export function TimingPanel({ response }: { response: HttpResponse }) {
  const { t } = useT('response')
  let clock = 0
  const rows: Row[] = []
  response.redirects.forEach((hop, index) => {
    rows.push({ label: `${index + 1}. ${hop.status} ${shortUrl(hop.url)}`, start: clock, timings: hop.timings })
    clock += hop.timings.total
  })
  rows.push({ label: `${rows.length ? `${rows.length + 1}. ` : ''}${response.status} ${shortUrl(response.url)}`, start: clock, timings: response.timings })
  const end = Math.max(clock + response.timings.total, 0.001)
  const scale = BAR_WIDTH / end
  const width = LABEL_WIDTH + BAR_WIDTH + TOTAL_WIDTH
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 6
  const final = response.timings
  const summary =
    t('timingPanel.timingWaterfallOfIn', { count: rows.length, total: formatMs(end) }) +
    phases.map((p) => `${t(`timingPanel.phases.${p.key}`)} ${formatMs(final[p.key])}`).join(', ') +
    (final.reusedConnection ? t('timingPanel.theConnectionWasReused') : '.')
  const ticks = niceTicks(end)
  return (
    <div className="rp-panel-stack timing-panel">
      <svg className="rp-waterfall" role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="rp-waterfall-grid" x1={LABEL_WIDTH + tick * scale} x2={LABEL_WIDTH + tick * scale} y1={AXIS_HEIGHT - 4} y2={height} />
            <text className="rp-waterfall-axis" x={LABEL_WIDTH + tick * scale} y={AXIS_HEIGHT - 8} textAnchor={tick === 0 ? 'start' : 'middle'}>
              {formatMs(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const y = AXIS_HEIGHT + index * ROW_HEIGHT
          let x = row.start
          return (
            <g key={index}>
              <text className="rp-waterfall-label" x={0} y={y + ROW_HEIGHT / 2 + 4}>
                {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
              </text>
              {phases.map((phase) => {
                const duration = row.timings[phase.key]
                const rect = (
                  <rect
                    key={phase.key}
                    className={`rp-phase-${phase.key}`}
                    x={LABEL_WIDTH + x * scale}
                    y={y + 7}
                    width={duration > 0 ? Math.max(1.5, duration * scale) : 0}
                    height={ROW_HEIGHT - 14}
                    rx={2}
                  />
                )
                x += duration
                return rect
              })}
              <text className="rp-waterfall-total" x={width - 4} y={y + ROW_HEIGHT / 2 + 4} textAnchor="end">
                {formatMs(row.timings.total)}
              </text>
            </g>
          )
        })}
      </svg>
      <ul className="rp-waterfall-legend" aria-label={t('timingPanel.legend')}>
        {phases.map((phase) => (
          <li key={phase.key}>
            <span className={`rp-legend-swatch rp-phase-${phase.key}`} aria-hidden="true" />
            {t(`timingPanel.phases.${phase.key}`)}
          </li>
        ))}
      </ul>
      <table className="kv-table rp-response-table rp-timing-table" aria-label={t('timingPanel.timingInMilliseconds')}>
        <thead>
          <tr>
            <th scope="col">{t('timingPanel.exchange')}</th>
            {phases.map((phase) => (
              <th key={phase.key} scope="col" className="rp-num">
                {t(`timingPanel.phases.${phase.key}`)}
              </th>
            ))}
            <th scope="col" className="rp-num">
              {t('timingPanel.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row" className="rp-timing-row-label">
                {row.label}
                {row.timings.reusedConnection && <span className="muted"> {t('timingPanel.reusedConnection')}</span>}
              </th>
              {phases.map((phase) => (
                <td key={phase.key} className="rp-num">
                  {formatMs(row.timings[phase.key])}
                </td>
              ))}
              <td className="rp-num">{formatMs(row.timings.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function shortUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search
  } catch {
    return url
  }
}

/** Four or five round numbers across the axis. */
function niceTicks(end: number): number[] {
  const rough = end / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough
  const ticks: number[] = []
  for (let t = 0; t <= end + 1e-9; t += step) ticks.push(Number(t.toPrecision(6)))
  return ticks
}
