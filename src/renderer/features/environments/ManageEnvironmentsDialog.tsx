import { useEffect, useState } from 'react'
import type { Variable } from '../../../shared/collection'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { errorText, useCollections } from '../collections/collectionsStore'
import { useEnvironments } from './environmentsStore'
import { VariablesEditor } from './VariablesEditor'
import { useT } from '../../i18n'

type Selection = { type: 'globals' } | { type: 'environment'; id: string } | { type: 'new' }

/** Environments of one collection (create, rename, delete, edit variables) and the global variables. */
export function ManageEnvironmentsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT('environments')
  const { collectionId, environments, reload } = useEnvironments()
  const collectionName = useCollections((s) => s.collections.find((c) => c.id === collectionId)?.name)
  const [selection, setSelection] = useState<Selection>({ type: 'globals' })
  const [name, setName] = useState('')
  const [variables, setVariables] = useState<Variable[]>([])
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>()
  const [confirmDelete, setConfirmDelete] = useState(false)

  const select = async (next: Selection): Promise<void> => {
    setSelection(next)
    setMessage(undefined)
    setConfirmDelete(false)
    if (next.type === 'globals') {
      setName('')
      setVariables((await api.call('globals.get').catch(() => ({ variables: [] }))).variables)
    } else if (next.type === 'new') {
      setName('')
      setVariables([])
    } else {
      const env = useEnvironments.getState().environments.find((e) => e.id === next.id)
      setName(env?.name ?? '')
      setVariables(env?.variables ?? [])
    }
  }
  useEffect(() => {
    if (!open) return
    void reload().then(() => {
      const { environments: envs, activeId } = useEnvironments.getState()
      const first = envs.find((e) => e.id === activeId) ?? envs[0]
      void select(first ? { type: 'environment', id: first.id } : { type: 'globals' })
    })
  }, [open])

  const save = async (): Promise<void> => {
    try {
      const clean = variables.filter((v) => v.name.trim() !== '')
      if (selection.type === 'globals') {
        setVariables((await api.call('globals.save', { variables: clean })).variables)
        setMessage({ tone: 'ok', text: t('manageEnvironmentsDialog.globalVariablesSaved') })
        return
      }
      if (!collectionId) throw new Error(t('manageEnvironmentsDialog.openCollectionFirst'))
      const { id } = await api.call('environment.save', {
        collectionId,
        ...(selection.type === 'environment' ? { id: selection.id } : {}),
        name: name.trim(),
        variables: clean
      })
      await reload()
      setSelection({ type: 'environment', id })
      setVariables(clean)
      setMessage({ tone: 'ok', text: t('manageEnvironmentsDialog.environmentSaved', { name: name.trim() }) })
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error) })
    }
  }
  const remove = async (): Promise<void> => {
    if (selection.type !== 'environment' || !collectionId) return
    try {
      await api.call('environment.delete', { collectionId, id: selection.id })
      await reload()
      await select({ type: 'globals' })
      setMessage({ tone: 'ok', text: t('manageEnvironmentsDialog.environmentDeleted', { name }) })
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error) })
    }
  }

  const isEnv = selection.type !== 'globals'
  return (
    <Dialog title={t('manageEnvironmentsDialog.manageEnvironments')} open={open} onClose={onClose}>
      {open && (
        <div className="env-manager">
          <div className="env-list" role="group" aria-label={t('manageEnvironmentsDialog.environments')}>
            <p className="env-list-title">
              {collectionName ? t('manageEnvironmentsDialog.in', { collectionName }) : t('manageEnvironmentsDialog.noCollectionOpen')}
            </p>
            {environments.map((env) => (
              <button
                key={env.id}
                type="button"
                className={`env-list-item ${selection.type === 'environment' && selection.id === env.id ? 'env-list-item-active' : ''}`}
                aria-pressed={selection.type === 'environment' && selection.id === env.id}
                onClick={() => void select({ type: 'environment', id: env.id })}
              >
                {env.name}
              </button>
            ))}
            <button type="button" className="link-button env-new" disabled={!collectionId} onClick={() => void select({ type: 'new' })}>
              {t('manageEnvironmentsDialog.newEnvironment')}
            </button>
            <hr />
            <button
              type="button"
              className={`env-list-item ${selection.type === 'globals' ? 'env-list-item-active' : ''}`}
              aria-pressed={selection.type === 'globals'}
              onClick={() => void select({ type: 'globals' })}
            >
              {t('manageEnvironmentsDialog.globalVariables')}
            </button>
          </div>
          <form
            className="env-editor"
            aria-label={
              selection.type === 'globals'
                ? t('manageEnvironmentsDialog.globalVariables')
                : selection.type === 'new'
                  ? t('manageEnvironmentsDialog.newEnvironment2')
                  : t('manageEnvironmentsDialog.environment', { name })
            }
            onSubmit={(event) => {
              event.preventDefault()
              void save()
            }}
          >
            {isEnv ? (
              <label className="field">
                <span>{t('manageEnvironmentsDialog.environmentName')}</span>
                <input value={name} placeholder={t('manageEnvironmentsDialog.staging')} onChange={(e) => setName(e.target.value)} />
              </label>
            ) : (
              <p className="field-hint">{t('manageEnvironmentsDialog.globalVariablesAreSeen')}</p>
            )}
            <VariablesEditor label={t('manageEnvironmentsDialog.variables')} variables={variables} onChange={setVariables} />
            <p className="field-hint">{t('manageEnvironmentsDialog.secretValuesAreKept')}</p>
            {message && (
              <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'form-dialog-error' : 'env-saved'}>
                {message.text}
              </p>
            )}
            <div className="form-dialog-actions">
              {selection.type === 'environment' &&
                (confirmDelete ? (
                  <span className="env-confirm">
                    {t('manageEnvironmentsDialog.delete', { name })}
                    <button type="button" className="danger-button" onClick={() => void remove()}>
                      {t('manageEnvironmentsDialog.deleteEnvironment')}
                    </button>
                    <button type="button" className="secondary-button" onClick={() => setConfirmDelete(false)}>
                      {t('manageEnvironmentsDialog.keep')}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="secondary-button" onClick={() => setConfirmDelete(true)}>
                    {t('manageEnvironmentsDialog.delete2')}
                  </button>
                ))}
              <span className="env-spacer" />
              <button type="submit" className="primary-button">
                {selection.type === 'new' ? t('manageEnvironmentsDialog.createEnvironment') : t('manageEnvironmentsDialog.save')}
              </button>
            </div>
          </form>
        </div>
      )}
    </Dialog>
  )
}
