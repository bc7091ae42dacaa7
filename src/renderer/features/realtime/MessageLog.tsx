import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { Message } from '../../../shared/session'
import { MessageDetails } from './MessageDetails'
import { clockTime, directionLabel, formatBytes, previewArgs, saidText, titleOf } from './format'
import type { MessageBuffer } from './messageBuffer'
import { useT } from '../../i18n'

function AckChip({ message }: { message: Message }) {
  const { t } = useT('realtime')
  if (message.ack)
    return (
      <span className="rt-chip rt-chip-ack" title={t('messageLog.theServerAnsweredWhat')}>
        {t('messageLog.ackMs', { rttMs: message.ack.rttMs })}
      </span>
    )
  if (message.status === 'ack-timeout') return <span className="rt-chip rt-chip-error">{t('messageLog.ackTimedOut')}</span>
  if (message.status === 'awaiting-ack') return <span className="rt-chip">{t('messageLog.awaitingAck')}</span>
  const sseId = message.kind === 'sse' ? message.details?.['id'] : undefined
  if (typeof sseId === 'string')
    return (
      <span className="rt-chip" title={t('messageLog.eventIdSentBack')}>
        {t('messageLog.id', { sseId })}
      </span>
    )
  const code = message.details?.['closeCode']
  if (typeof code === 'number') return <span className="rt-chip">{t('messageLog.code', { code })}</span>
  return null
}

function Row({ message, expanded, onToggle }: { message: Message; expanded: boolean; onToggle(): void }) {
  const { t } = useT('realtime')
  const dir = directionLabel[message.direction]
  const systemError = message.direction === 'system' && (message.status === 'error' || message.preview.startsWith('connect_error'))
  return (
    <div className={`rt-row rt-dir-${message.direction} ${systemError ? 'rt-row-error' : ''} ${expanded ? 'rt-row-open' : ''}`}>
      <button
        type="button"
        className="rt-row-main"
        aria-expanded={expanded}
        aria-label={t('messageLog.at', {
          direction: message.direction,
          title: titleOf(message),
          time: clockTime(message.at),
          preview: saidText(message.said, message.preview)
        })}
        onClick={onToggle}
      >
        <span className="rt-time">{clockTime(message.at)}</span>
        <span className={`rt-dir rt-dir-badge-${message.direction}`} aria-hidden="true">
          <span className="rt-dir-icon">{dir.icon}</span>
          {t(`messageLog.direction.${message.direction}`)}
        </span>
        <span className="rt-event" title={titleOf(message)}>
          {titleOf(message)}
        </span>
        <span className="rt-preview">
          {saidText(message.said, message.preview)}
          {message.ack && <span className="rt-ack-preview"> ⇐ {previewArgs(message.ack.args)}</span>}
        </span>
        <AckChip message={message} />
        <span className="rt-size">{message.direction === 'system' ? '' : formatBytes(message.size)}</span>
      </button>
      {expanded && <MessageDetails message={message} />}
    </div>
  )
}

/** The virtualized log: 100,000 rows scroll as smoothly as 10; rows expand in place. */
export function MessageLogList({
  buffer,
  rows,
  version,
  follow,
  onUserScrolledUp
}: {
  buffer: MessageBuffer
  rows: number[]
  version: number
  follow: boolean
  onUserScrolledUp(): void
}) {
  const { t } = useT('realtime')
  const scroller = useRef<HTMLDivElement>(null)
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set())
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 30,
    overscan: 12,
    getItemKey: (index) => buffer.at(rows[index]!)?.seq ?? index
  })
  useEffect(() => {
    if (follow && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' })
  }, [follow, rows.length, version, virtualizer])
  const items = virtualizer.getVirtualItems()
  const empty = useMemo(() => rows.length === 0, [rows.length])
  return (
    <div
      ref={scroller}
      className="rt-log-scroll"
      role="list"
      aria-label={t('messageLog.messageLog')}
      onScroll={(event) => {
        const el = event.currentTarget
        if (follow && el.scrollHeight - el.scrollTop - el.clientHeight > 80) onUserScrolledUp()
      }}
    >
      {empty ? (
        <p className="rt-empty">{t('messageLog.noMessagesYetConnect')}</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const message = buffer.at(rows[item.index]!)
            if (!message) return null
            return (
              <div
                key={item.key}
                role="listitem"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="rt-row-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Row
                  message={message}
                  expanded={expanded.has(message.seq)}
                  onToggle={() => {
                    const opening = !expanded.has(message.seq)
                    setExpanded((prev) => {
                      const next = new Set(prev)
                      if (next.has(message.seq)) next.delete(message.seq)
                      else next.add(message.seq)
                      return next
                    })
                    if (opening) {
                      // Reading a message: stop following, and bring its details into view once measured.
                      if (follow) onUserScrolledUp()
                      requestAnimationFrame(() => requestAnimationFrame(() => virtualizer.scrollToIndex(item.index, { align: 'auto' })))
                    }
                  }}
                />
              </div>
            )
          })}
        </div>
      )}
    </div>
  )
}
