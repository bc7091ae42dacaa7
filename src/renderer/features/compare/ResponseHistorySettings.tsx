import { useEffect, useState } from 'react'
import { api } from '../../app/api'
import { errorText } from '../collections/collectionsStore'
import { useT } from '../../i18n'

const MB = 1024 * 1024

/** The response history's bounds, in the Settings dialog: responses kept per request, and MB of bodies in all. */
export function ResponseHistorySettings() {
  const { t } = useT('compare')
  const [perRequest, setPerRequest] = useState('')
  const [totalMb, setTotalMb] = useState('')
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string }>()
  useEffect(() => {
    // Any target answers with the limits; a tab id that never sent lists nothing.
    api.call('responses.list', { target: { tabId: 'settings' } }).then(
      ({ limits }) => {
        setPerRequest(String(limits.perRequest))
        setTotalMb(String(Math.round(limits.maxTotalBytes / MB)))
      },
      (error: unknown) => setMessage({ kind: 'alert', text: errorText(error) })
    )
  }, [])
  // noValidate: our own message says what a wrong number should be; the browser's bubble says less.
  return (
    <form
      className="settings-editor"
      aria-label={t('responseHistorySettings.responseHistory')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const count = Number(perRequest)
        const mb = Number(totalMb)
        if (!Number.isInteger(count) || count < 1 || count > 1000 || !Number.isFinite(mb) || mb < 1) {
          setMessage({ kind: 'alert', text: t('responseHistorySettings.keep1To1') })
          return
        }
        api.call('responses.setLimits', { perRequest: count, maxTotalBytes: Math.round(mb * MB) }).then(
          () => setMessage({ kind: 'status', text: t('responseHistorySettings.responseHistoryLimitsSaved') }),
          (error: unknown) => setMessage({ kind: 'alert', text: errorText(error) })
        )
      }}
    >
      <label className="form-row">
        <span>{t('responseHistorySettings.responsesKeptPerRequest')}</span>
        <input type="number" min={1} max={1000} value={perRequest} onChange={(event) => setPerRequest(event.target.value)} />
      </label>
      <label className="form-row">
        <span>{t('responseHistorySettings.responseHistorySizeMb')}</span>
        <input type="number" min={1} value={totalMb} onChange={(event) => setTotalMb(event.target.value)} />
      </label>
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error-text' : 'muted'}>
          {message.text}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary-button">
          {t('responseHistorySettings.saveHistoryLimits')}
        </button>
      </div>
      <p className="muted">{t('responseHistorySettings.theCompareTabOf')}</p>
    </form>
  )
}
