import { useEffect } from 'react'
import { api } from '../../app/api'
import { errorText, useCollections } from '../collections/collectionsStore'
import { ManageEnvironmentsDialog } from './ManageEnvironmentsDialog'
import { useCurrentCollectionId, useEnvironments } from './environmentsStore'
import './environments.css'
import { useT } from '../../i18n'

const manage = '__manage__'

/** The top bar's environment choice for the collection of the tab in front (or the first open one). */
export function EnvironmentPicker() {
  const { t } = useT('environments')
  const collectionId = useCurrentCollectionId()
  const { environments, activeId, load, reload } = useEnvironments()
  const collectionName = useCollections((s) => s.collections.find((c) => c.id === collectionId)?.name)
  const managing = useEnvironments((s) => s.managing)
  const setManaging = (value: boolean): void => useEnvironments.setState({ managing: value })
  useEffect(() => {
    void load(collectionId)
  }, [collectionId, load])
  useEffect(
    () =>
      api.on('collection.changed', (event) => {
        if (event.collectionId === useEnvironments.getState().collectionId && event.paths.some((p) => p.startsWith('environments/'))) void reload()
      }),
    [reload]
  )
  return (
    <>
      <label
        className="top-select env-picker"
        title={collectionName ? t('environmentPicker.environmentOf', { collectionName }) : t('environmentPicker.openACollectionTo')}
      >
        <span className="env-dot" aria-hidden="true" data-active={activeId ? 'true' : 'false'} />
        <select
          aria-label={t('environmentPicker.environment')}
          value={activeId ?? ''}
          disabled={!collectionId}
          onChange={(event) => {
            const value = event.target.value
            if (value === manage) return setManaging(true)
            if (!collectionId) return
            api
              .call('environment.setActive', { collectionId, id: value || null })
              .then(() => reload())
              .catch((error: unknown) => useCollections.getState().toast({ text: errorText(error), tone: 'error' }))
          }}
        >
          <option value="">{t('environmentPicker.noEnvironment')}</option>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
          <option disabled>──────────</option>
          <option value={manage}>{t('environmentPicker.manageEnvironments')}</option>
        </select>
      </label>
      <button
        type="button"
        className="icon-button"
        aria-label={t('environmentPicker.manageEnvironments2')}
        title={t('environmentPicker.manageEnvironments2')}
        onClick={() => setManaging(true)}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
          <circle cx="16" cy="6" r="2" />
          <circle cx="10" cy="12" r="2" />
          <circle cx="18" cy="18" r="2" />
        </svg>
      </button>
      <ManageEnvironmentsDialog
        open={managing}
        onClose={() => {
          setManaging(false)
          void reload()
        }}
      />
    </>
  )
}
