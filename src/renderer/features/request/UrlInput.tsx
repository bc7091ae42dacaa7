import { useEffect, useId, useRef, useState } from 'react'
import type { SendContext } from '../../../shared/sendContext'
import { api } from '../../app/api'
import { useT } from '../../i18n'

interface UrlInputProps {
  value: string
  onChange(value: string): void
  /** A multi-line or `curl …` paste: the composer turns it into a whole request. */
  onPasteCommand(text: string): void
  /** The collection the request lives in, so hovering shows the values it will really get. */
  context?: SendContext
  /** Focuses the field whenever this changes to a defined value: a new tab puts the cursor here. */
  focusKey?: string | undefined
}

type Preview = { name: string; value: string | null; source: string | null; secret: boolean; error?: string }

const sourceLabels: Record<string, string> = {
  global: 'urlInput.sources.global',
  collection: 'urlInput.sources.collection',
  environment: 'urlInput.sources.environment',
  folder: 'urlInput.sources.folder',
  dynamic: 'urlInput.sources.dynamic'
}

/**
 * The URL field, with `{{variables}}` highlighted by a mirror drawn under the transparent text;
 * hovering or focusing it shows each variable's value and where it comes from.
 */
export function UrlInput({ value, onChange, onPasteCommand, context, focusKey }: UrlInputProps) {
  const { t } = useT('request')
  const mirror = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (focusKey !== undefined) input.current?.focus()
  }, [focusKey])
  const [showing, setShowing] = useState(false)
  const [previews, setPreviews] = useState<Preview[]>([])
  const tooltipId = useId()
  const parts = value.split(/(\{\{[^}]*\}\})/)
  const hasVariables = parts.length > 1
  const contextKey = JSON.stringify(context ?? null)

  useEffect(() => {
    if (!showing || !hasVariables) return
    const timer = setTimeout(() => {
      const where = JSON.parse(contextKey) as SendContext | null
      api.call('vars.resolve', { text: value, ...(where ? { collectionId: where.collectionId, ...(where.path ? { path: where.path } : {}) } : {}) }).then(
        (result) => setPreviews(result.variables),
        () => setPreviews([])
      )
    }, 150)
    return () => clearTimeout(timer)
  }, [showing, hasVariables, value, contextKey])

  const open = showing && hasVariables && previews.length > 0
  return (
    <div className="url-field" onMouseEnter={() => setShowing(true)} onMouseLeave={() => setShowing(document.activeElement === input.current)}>
      <div className="url-mirror" ref={mirror} aria-hidden="true">
        {parts.map((part, index) =>
          index % 2 === 1 ? (
            <mark key={index} className={/^\{\{\s*\$/.test(part) ? 'var-dynamic' : 'var-mark'}>
              {part}
            </mark>
          ) : (
            <span key={index}>{part}</span>
          )
        )}
      </div>
      <input
        ref={input}
        aria-label="URL"
        aria-describedby={open ? tooltipId : undefined}
        className="url-input"
        placeholder={t('urlInput.httpsApiExampleCom')}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onFocus={() => setShowing(true)}
        onBlur={() => setShowing(false)}
        onScroll={(event) => {
          if (mirror.current) mirror.current.scrollLeft = event.currentTarget.scrollLeft
        }}
        onChange={(event) => onChange(event.target.value)}
        onPaste={(event) => {
          const text = event.clipboardData.getData('text')
          if (/^\s*curl\s/i.test(text)) {
            event.preventDefault()
            onPasteCommand(text)
          }
        }}
      />
      {open && (
        <div role="tooltip" id={tooltipId} className="var-tooltip">
          <table aria-label={t('urlInput.variablesInTheUrl')}>
            <tbody>
              {previews.map((p) => (
                <tr key={p.name} className={p.value === null ? 'var-missing' : ''}>
                  <th scope="row">{p.name}</th>
                  <td>{p.value === null ? (p.error ?? t('urlInput.notDefined')) : p.secret ? t('urlInput.secret') : p.value}</td>
                  <td className="muted">{p.source ? (sourceLabels[p.source] ? t(sourceLabels[p.source] ?? '') : p.source) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
