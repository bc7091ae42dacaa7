import type { Message } from '../../../shared/session'
import { clockTime, saidText, titleOf } from './format'
import { useT } from '../../i18n'

const WIDTH = 680
const CLIENT_X = 120
const SERVER_X = 600
const ROW = 30
const TOP = 44
const MAX = 200

/**
 * The session drawn as a sequence diagram: a client lane and a server lane, one arrow per message,
 * time flowing down; an ack returns to the client as a dashed arrow under its emit.
 */
export function Timeline({ messages }: { messages: Message[] }) {
  const { t } = useT('realtime')
  const shown = messages.slice(-MAX)
  const rows: { m: Message; y: number }[] = []
  let y = TOP
  for (const m of shown) {
    rows.push({ m, y })
    y += m.ack || m.status === 'ack-timeout' ? ROW + 30 : ROW
  }
  const height = Math.max(y + 10, 140)
  return (
    <div className="rt-timeline-scroll">
      <svg
        className="rt-timeline"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        height={height}
        role="img"
        aria-label={t('timeline.timelineOfTheLast', { count: shown.length })}
      >
        <defs>
          {(['in', 'out', 'ack', 'err'] as const).map((kind) => (
            <marker key={kind} id={`rt-arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className={`rt-tl-head-${kind}`} />
            </marker>
          ))}
        </defs>
        <text x={CLIENT_X} y={18} textAnchor="middle" className="rt-tl-lane-label">
          {t('timeline.clientParley')}
        </text>
        <text x={SERVER_X} y={18} textAnchor="middle" className="rt-tl-lane-label">
          {t('timeline.server')}
        </text>
        <line x1={CLIENT_X} y1={26} x2={CLIENT_X} y2={height} className="rt-tl-lane" />
        <line x1={SERVER_X} y1={26} x2={SERVER_X} y2={height} className="rt-tl-lane" />
        {shown.length === 0 && (
          <text x={WIDTH / 2} y={80} textAnchor="middle" className="rt-tl-time">
            {t('timeline.noMessagesToDraw')}
          </text>
        )}
        {rows.map(({ m, y: rowY }) => {
          const label = `${titleOf(m)}${m.direction === 'system' ? '' : `  ${m.preview.slice(0, 38)}`}`
          const time = (
            <text x={8} y={rowY + 4} className="rt-tl-time">
              {clockTime(m.at)}
            </text>
          )
          if (m.direction === 'system') {
            const bad = m.status === 'error'
            return (
              <g key={m.seq}>
                {time}
                <circle cx={CLIENT_X} cy={rowY} r={4} className={bad ? 'rt-tl-dot-err' : 'rt-tl-dot'} />
                <text x={CLIENT_X + 10} y={rowY + 4} className={bad ? 'rt-tl-label-err' : 'rt-tl-label-sys'}>
                  {saidText(m.said, m.preview).slice(0, 60)}
                </text>
              </g>
            )
          }
          const out = m.direction === 'out'
          const [x1, x2] = out ? [CLIENT_X + 2, SERVER_X - 2] : [SERVER_X - 2, CLIENT_X + 2]
          return (
            <g key={m.seq}>
              {time}
              <line x1={x1} y1={rowY - 4} x2={x2} y2={rowY + 4} className={`rt-tl-arrow-${m.direction}`} markerEnd={`url(#rt-arrow-${m.direction})`} />
              <text x={(CLIENT_X + SERVER_X) / 2} y={rowY - 7} textAnchor="middle" className="rt-tl-label">
                {label}
              </text>
              {m.ack && (
                <>
                  <line x1={SERVER_X - 2} y1={rowY + 14} x2={CLIENT_X + 2} y2={rowY + 22} className="rt-tl-arrow-ack" markerEnd="url(#rt-arrow-ack)" />
                  <text x={(CLIENT_X + SERVER_X) / 2} y={rowY + 34} textAnchor="middle" className="rt-tl-label-ack">
                    {t('timeline.ackArgsMs', { count: m.ack.args.length, rttMs: m.ack.rttMs })}
                  </text>
                </>
              )}
              {m.status === 'ack-timeout' && (
                <text x={(CLIENT_X + SERVER_X) / 2} y={rowY + 22} textAnchor="middle" className="rt-tl-label-err">
                  {t('timeline.ackTimedOut')}
                </text>
              )}
            </g>
          )
        })}
      </svg>
    </div>
  )
}
