import { useRef } from 'react'

interface UrlInputProps {
  value: string
  onChange(value: string): void
  /** A multi-line or `curl …` paste: the composer turns it into a whole request. */
  onPasteCommand(text: string): void
}

/** The URL field, with `{{variables}}` highlighted by a mirror drawn under the transparent text. */
export function UrlInput({ value, onChange, onPasteCommand }: UrlInputProps) {
  const mirror = useRef<HTMLDivElement>(null)
  const parts = value.split(/(\{\{[^}]*\}\})/)
  return (
    <div className="url-field">
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
        aria-label="URL"
        className="url-input"
        placeholder="https://api.example.com/v1/things  ·  or paste a cURL command"
        spellCheck={false}
        autoComplete="off"
        value={value}
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
    </div>
  )
}
