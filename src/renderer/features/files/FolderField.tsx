import { useId, useState } from 'react'
import { api } from '../../app/api'
import { FolderBrowserDialog } from './FolderBrowserDialog'
import './files.css'
import { useT } from '../../i18n'

/**
 * A folder: typed (absolute, or ~/…) or chosen with Browse…, which opens the OS dialog in the
 * desktop app and the in-window folder browser where there is none.
 */
export function FolderField({
  label,
  ariaLabel,
  value,
  onChange,
  placeholder,
  describedBy,
  autoFocus,
  dialogTitle
}: {
  label: string
  /** The field's accessible name, when the visible label is a sentence. */
  ariaLabel?: string
  value: string
  onChange(path: string): void
  placeholder?: string
  describedBy?: string
  autoFocus?: boolean
  dialogTitle: string
}) {
  const { t } = useT('files')
  const [browsing, setBrowsing] = useState(false)
  const [error, setError] = useState<string>()
  const id = useId()
  const browse = async (): Promise<void> => {
    setError(undefined)
    try {
      const answer = await api.call('dialog.pickFolder', { title: dialogTitle })
      if (!answer.native) return setBrowsing(true)
      if (answer.path) onChange(answer.path)
    } catch (e) {
      setError((e as { message?: string }).message ?? String(e))
    }
  }
  return (
    <div className="field folder-field">
      <label htmlFor={id}>{label}</label>
      <div className="folder-field-row">
        <input
          id={id}
          autoFocus={autoFocus}
          aria-label={ariaLabel}
          value={value}
          spellCheck={false}
          className="mono-input"
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
        />
        <button type="button" className="secondary-button" onClick={() => void browse()}>
          {t('folderField.browse')}
        </button>
      </div>
      {error && (
        <p role="alert" className="form-dialog-error">
          {error}
        </p>
      )}
      <FolderBrowserDialog
        title={dialogTitle}
        open={browsing}
        onClose={() => setBrowsing(false)}
        onChoose={(path) => {
          setBrowsing(false)
          onChange(path)
        }}
      />
    </div>
  )
}
