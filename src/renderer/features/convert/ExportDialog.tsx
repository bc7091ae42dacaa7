import { useState } from 'react'
import type { UnsupportedItem } from '../../../shared/convert'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { useCollections } from '../collections/collectionsStore'
import { saveTextAs } from '../../ui/downloadFile'
import { useT } from '../../i18n'
import { errorText } from '../../i18n/errors'

/** Take things out: a collection as Postman v2.1 or Insomnia v5, or the HTTP history as HAR. */
export function ExportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useT('convert')
  const collections = useCollections((s) => s.collections)
  const [collectionPath, setCollectionPath] = useState('')
  const [unsupported, setUnsupported] = useState<UnsupportedItem[]>()
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()
  const chosen = collectionPath || collections[0]?.path || ''

  const exportPostman = async (): Promise<void> => {
    setError(undefined)
    try {
      const name = collections.find((c) => c.path === chosen)?.name ?? 'collection'
      const result = await api.call('export.postman', { collectionPath: chosen })
      const savedAt = await saveTextAs(result.json, `${name}.postman_collection.json`, 'application/json')
      setUnsupported(result.unsupported)
      setStatus(t('exportDialog.exportedAsAPostman', { name, value: savedAt ? t('exportDialog.savedTo', { path: savedAt }) : '' }))
    } catch (e) {
      setError(errorText(e))
    }
  }

  const exportInsomnia = async (): Promise<void> => {
    setError(undefined)
    try {
      const name = collections.find((c) => c.path === chosen)?.name ?? 'collection'
      const result = await api.call('export.insomnia', { collectionPath: chosen })
      const savedAt = await saveTextAs(result.yaml, `${name}.insomnia.yaml`, 'application/yaml')
      setUnsupported(result.unsupported)
      setStatus(t('exportDialog.exportedAsAnInsomnia', { name, value: savedAt ? t('exportDialog.savedTo', { path: savedAt }) : '' }))
    } catch (e) {
      setError(errorText(e))
    }
  }

  const exportHistory = async (): Promise<void> => {
    setError(undefined)
    try {
      const result = await api.call('export.har', { history: true })
      const savedAt = await saveTextAs(result.json, 'parley-history.har', 'application/json')
      setUnsupported(result.unsupported)
      setStatus(t('exportDialog.exportedTheHttpHistory', { value: savedAt ? t('exportDialog.savedTo', { path: savedAt }) : '' }))
    } catch (e) {
      setError(errorText(e))
    }
  }

  return (
    <Dialog title={t('exportDialog.export')} open={open} onClose={onClose}>
      <div className="convert-form">
        <label className="form-row">
          <span>{t('exportDialog.collection')}</span>
          <select aria-label={t('exportDialog.collectionToExport')} value={chosen} onChange={(e) => setCollectionPath(e.target.value)}>
            {collections.length === 0 && <option value="">{t('exportDialog.noOpenCollection')}</option>}
            {collections.map((c) => (
              <option key={c.id} value={c.path}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="primary-button" disabled={!chosen} onClick={() => void exportPostman()}>
            {t('exportDialog.exportAsPostmanV2')}
          </button>
          <button type="button" className="secondary-button" disabled={!chosen} onClick={() => void exportInsomnia()}>
            {t('exportDialog.exportAsInsomniaV5')}
          </button>
          <button type="button" className="secondary-button" onClick={() => void exportHistory()}>
            {t('exportDialog.exportHistoryAsHar')}
          </button>
        </div>
        {status && <p role="status">{t('exportDialog.secretValuesWereLeft', { status })}</p>}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {unsupported && unsupported.length > 0 && (
          <ul className="unsupported-list" aria-label={t('exportDialog.notCarriedOver')}>
            {unsupported.map((u, i) => (
              <li key={i}>
                <strong>{u.item}</strong>: {u.what}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  )
}
