import { useEffect, useState } from 'react'
import type { CredentialsMode } from '../../../shared/collection'
import { api } from '../../app/api'
import { errorText } from './collectionsStore'
import { FormDialog } from './FormDialogs'
import { useT } from '../../i18n'

const choices: Array<{ mode: CredentialsMode; label: string; detail: string }> = [
  {
    mode: 'secret-store',
    label: 'credentialsDialog.secretStore',
    detail: 'credentialsDialog.secretStoreDetail'
  },
  {
    mode: 'files',
    label: 'credentialsDialog.files',
    detail: 'credentialsDialog.filesDetail'
  }
]

/** The collection's `credentials:` switch: where literal auth credentials are kept. */
export function CredentialsDialog({ collection, onClose }: { collection: { id: string; name: string } | undefined; onClose: () => void }) {
  const { t } = useT('collections')
  const [mode, setMode] = useState<CredentialsMode>()
  const [error, setError] = useState<string>()
  const collectionId = collection?.id
  useEffect(() => {
    setMode(undefined)
    setError(undefined)
    if (!collectionId) return
    api.call('collection.credentials', { collectionId }).then(
      (result) => setMode(result.credentials),
      (e: unknown) => setError(errorText(e))
    )
  }, [collectionId])
  return (
    <FormDialog
      title={t('credentialsDialog.credentialsOf', { value: collection?.name ?? '' })}
      open={collection !== undefined}
      onClose={onClose}
      submitLabel="Save"
      onSubmit={async () => {
        if (collectionId && mode) await api.call('collection.setCredentials', { collectionId, credentials: mode })
      }}
    >
      <div role="radiogroup" aria-label={t('credentialsDialog.keepAuthCredentials')} className="form-dialog-choices">
        {choices.map((choice) => (
          <label key={choice.mode} className="form-dialog-choice">
            <input
              type="radio"
              name="credentials-mode"
              value={choice.mode}
              checked={mode === choice.mode}
              disabled={mode === undefined}
              onChange={() => setMode(choice.mode)}
            />
            <span>
              <strong>{t(choice.label)}</strong>
              <span className="muted"> {t(choice.detail)}</span>
            </span>
          </label>
        ))}
      </div>
      {error && <p className="form-dialog-error">{error}</p>}
    </FormDialog>
  )
}
