import { useState } from 'react'
import type { Message } from '../../../shared/session'
import { tr, useT } from '../../i18n'

const isBinary = (v: unknown): v is { $binary: string; size: number } =>
  typeof v === 'object' && v !== null && typeof (v as { $binary?: unknown }).$binary === 'string' && typeof (v as { size?: unknown }).size === 'number'

function hexDump(base64: string): string {
  const raw = atob(base64)
  const lines: string[] = []
  for (let offset = 0; offset < raw.length && offset < 4096; offset += 16) {
    const bytes = Array.from(raw.slice(offset, offset + 16), (c) => c.charCodeAt(0))
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')
    const ascii = bytes.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`)
  }
  if (raw.length > 4096) lines.push(tr('realtime:messageDetails.moreBytes', { count: raw.length - 4096 }))
  return lines.join('\n')
}

/** Binary as hex and base64, side by side. */
function BinaryView({ value }: { value: { $binary: string; size: number } }) {
  const { t } = useT('realtime')
  return (
    <div className="rt-binary">
      <div className="rt-binary-head">{t('messageDetails.binaryBytes', { size: value.size })}</div>
      <pre className="rt-hex" aria-label={t('messageDetails.hexDump')}>
        {hexDump(value.$binary)}
      </pre>
      <div className="rt-binary-head">{t('messageDetails.base64')}</div>
      <pre className="rt-base64" aria-label={t('messageDetails.base642')}>
        {value.$binary}
      </pre>
    </div>
  )
}

/** A collapsible JSON tree; binary leaves open as hex + base64. */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const { t } = useT('realtime')
  const [open, setOpen] = useState(depth < 2)
  const label = name !== undefined ? <span className="rt-key">{name}: </span> : null
  if (isBinary(value)) {
    return (
      <div className="rt-node">
        {label}
        <BinaryView value={value} />
      </div>
    )
  }
  if (value === null || typeof value !== 'object') {
    const kind = value === null ? 'null' : typeof value
    return (
      <div className="rt-node">
        {label}
        <span className={`rt-val rt-${kind}`}>{typeof value === 'string' ? JSON.stringify(value) : String(value)}</span>
      </div>
    )
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return (
    <div className="rt-node">
      <button
        type="button"
        className="rt-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        aria-label={`${open ? t('messageDetails.collapse') : t('messageDetails.expand')} ${name ?? 'value'}`}
      >
        {open ? '▾' : '▸'}
      </button>
      {label}
      <span className="rt-punct">{brackets[0]}</span>
      {open ? (
        <div className="rt-children">
          {entries.map(([k, v]) => (
            <JsonTree key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </div>
      ) : (
        <span className="rt-muted">
          {' '}
          {entries.length} {Array.isArray(value) ? 'items' : 'keys'}{' '}
        </span>
      )}
      <span className="rt-punct">{brackets[1]}</span>
    </div>
  )
}

/** Everything about one message: each argument, the ack it got, protocol details. */
export function MessageDetails({ message }: { message: Message }) {
  const { t } = useT('realtime')
  const [copied, setCopied] = useState(false)
  return (
    <div className="rt-details">
      <div className="rt-details-bar">
        <span className="rt-muted">
          #{message.seq} · {new Date(message.at).toISOString()} · {message.kind}
          {message.status ? ` · ${message.status}` : ''}
        </span>
        <button
          type="button"
          className="secondary-button rt-small"
          onClick={() => {
            void navigator.clipboard?.writeText(JSON.stringify(message, null, 2)).then(() => {
              setCopied(true)
              setTimeout(() => setCopied(false), 1200)
            })
          }}
        >
          {copied ? t('messageDetails.copied') : t('messageDetails.copyMessage')}
        </button>
      </div>
      {message.args.length === 0 ? (
        <p className="rt-muted">{t('messageDetails.noArguments', { preview: message.preview })}</p>
      ) : (
        message.args.map((arg, i) => (
          <section key={i} className="rt-arg" aria-label={t('messageDetails.argument', { n: i + 1 })}>
            <h4>
              {t('messageDetails.argument2')} {i + 1}
            </h4>
            <JsonTree value={arg} />
          </section>
        ))
      )}
      {message.ack && (
        <section className="rt-arg rt-ack-block" aria-label={t('messageDetails.acknowledgement')}>
          <h4>
            {t('messageDetails.ackArgument', { count: message.ack.args.length })} {t('messageDetails.rttMs', { rttMs: message.ack.rttMs })}
          </h4>
          {message.ack.args.map((arg, i) => (
            <JsonTree key={i} name={`ack ${i + 1}`} value={arg} />
          ))}
        </section>
      )}
      {message.status === 'ack-timeout' && (
        <p className="error-text">{t('messageDetails.noAckArrivedWithin', { ms: String(message.details?.['ackTimeoutMs'] ?? '') })}</p>
      )}
      {message.details && (
        <section className="rt-arg" aria-label={t('messageDetails.details')}>
          <h4>{t('messageDetails.details')}</h4>
          <JsonTree value={message.details} />
        </section>
      )}
    </div>
  )
}
