import { useEffect, useState, type ReactNode } from 'react'
import { Dialog } from '../../ui/Dialog'
import { errorText } from './collectionsStore'
import { useT } from '../../i18n'

/** A dialog with one form: the submit runs async and its error is shown in the dialog, not lost. */
export function FormDialog({
  title,
  open,
  onClose,
  submitLabel,
  onSubmit,
  children,
  danger,
  submitDisabled
}: {
  title: string
  open: boolean
  onClose: () => void
  submitLabel: string
  onSubmit: () => Promise<void>
  children?: ReactNode
  danger?: boolean
  /** Nothing to submit yet (the dialog says why and offers the way forward). */
  submitDisabled?: boolean
}) {
  const { t } = useT('collections')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (open) setError(undefined)
  }, [open])
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      {open && (
        <form
          className="form-dialog"
          onSubmit={(event) => {
            event.preventDefault()
            setBusy(true)
            onSubmit()
              .then(onClose)
              .catch((e: unknown) => setError(errorText(e)))
              .finally(() => setBusy(false))
          }}
        >
          {children}
          {error && (
            <p role="alert" className="form-dialog-error">
              {error}
            </p>
          )}
          <div className="form-dialog-actions">
            <button type="button" className="secondary-button" onClick={onClose}>
              {t('formDialogs.cancel')}
            </button>
            <button type="submit" className={danger ? 'danger-button' : 'primary-button'} disabled={busy || submitDisabled}>
              {submitLabel}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}

/** Asks for one name: new folder, new request, rename, duplicate. */
export function NameDialog({
  title,
  label,
  initial,
  submitLabel,
  open,
  onClose,
  onSubmit
}: {
  title: string
  label: string
  initial: string
  submitLabel: string
  open: boolean
  onClose: () => void
  onSubmit: (name: string) => Promise<void>
}) {
  const [name, setName] = useState(initial)
  useEffect(() => {
    if (open) setName(initial)
  }, [open, initial])
  return (
    <FormDialog title={title} open={open} onClose={onClose} submitLabel={submitLabel} onSubmit={() => onSubmit(name.trim())}>
      <label className="field">
        <span>{label}</span>
        <input autoFocus value={name} onChange={(event) => setName(event.target.value)} onFocus={(event) => event.target.select()} />
      </label>
    </FormDialog>
  )
}
