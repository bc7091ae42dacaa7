import { useEffect, useState } from 'react'
import { useTabs } from '../tabs/tabsStore'
import { Dialog } from '../../ui/Dialog'
import { FormDialog } from './FormDialogs'
import { requestNameFrom, useCollections } from './collectionsStore'
import { useFolderDialog } from './folderDialogStore'
import { allFolders } from './itemActions'
import { discardDeleted, reloadFromDisk, saveTab, saveTabAs, useSaving, type Conflict } from './savingStore'
import { tr, useT } from '../../i18n'

/**
 * Ctrl/Cmd+S, the "Save request" dialog for untitled tabs, the keep-which choice after a conflict
 * (as a dialog after a refused save, as a banner after a change on disk), and the toasts.
 */
export function SavingUi() {
  const { t } = useT('collections')
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 's') return
      event.preventDefault()
      const { activeId, tabs } = useTabs.getState()
      const tab = tabs.find((t) => t.id === activeId)
      if (tab) void saveTab(tab.id)
    }
    // Capture phase: Ctrl/Cmd+S saves wherever the focus is, before an editor or a field sees it.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
  const conflicts = useSaving((s) => s.conflicts)
  const dialogConflict = conflicts.find((c) => c.via === 'dialog')
  const banners = conflicts.filter((c) => c.via === 'banner')
  return (
    <>
      {banners.length > 0 && (
        <div className="conflict-banners">
          {banners.map((c) => (
            <div key={c.tabId} role="alert" className="conflict-banner" aria-label={t('savingUi.changedOnDisk', { path: c.path })}>
              <span>
                <strong>{c.path}</strong> {t('savingUi.changedOnDiskWhile')}
              </span>
              <ConflictChoices conflict={c} />
            </div>
          ))}
        </div>
      )}
      <Dialog
        title={dialogConflict?.deleted ? t('savingUi.thisRequestWasDeleted') : t('savingUi.theFileChangedOn')}
        open={dialogConflict !== undefined}
        onClose={() => dialogConflict && useSaving.getState().dropConflict(dialogConflict.tabId)}
      >
        {dialogConflict?.deleted && (
          <div className="form-dialog">
            <p className="form-dialog-text">
              <code>{dialogConflict.path}</code> {t('savingUi.wasDeletedOnDisk')}
            </p>
            <div className="form-dialog-actions">
              <button type="button" className="secondary-button" onClick={() => discardDeleted(dialogConflict.tabId)}>
                {t('savingUi.discard')}
              </button>
              <button type="button" className="primary-button" onClick={() => void saveTab(dialogConflict.tabId, true)}>
                {t('savingUi.saveAgain')}
              </button>
            </div>
          </div>
        )}
        {dialogConflict && !dialogConflict.deleted && (
          <div className="form-dialog">
            <p className="form-dialog-text">
              <code>{dialogConflict.path}</code> {t('savingUi.wasChangedBySomeone')}
            </p>
            <div className="form-dialog-actions">
              <ConflictChoices conflict={dialogConflict} />
            </div>
          </div>
        )}
      </Dialog>
      <SaveAsDialog />
      <Toasts />
    </>
  )
}

function ConflictChoices({ conflict }: { conflict: Conflict }) {
  const { t } = useT('collections')
  return (
    <span className="conflict-choices">
      <button type="button" className="secondary-button" onClick={() => void reloadFromDisk(conflict.tabId)}>
        {t('savingUi.useTheVersionOn')}
      </button>
      <button type="button" className="primary-button" onClick={() => void saveTab(conflict.tabId, true)}>
        {t('savingUi.keepMyVersion')}
      </button>
    </span>
  )
}

function SaveAsDialog() {
  const { t } = useT('collections')
  const tabId = useSaving((s) => s.saveAsTabId)
  const collections = useCollections((s) => s.collections).filter((c) => c.tree)
  const [collectionId, setCollectionId] = useState('')
  const [folder, setFolder] = useState('')
  const [name, setName] = useState('')
  useEffect(() => {
    if (!tabId) return
    const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
    setName(requestNameFrom(tab?.title ?? ''))
    setCollectionId(collections[0]?.id ?? '')
    setFolder('')
  }, [tabId])
  const tree = collections.find((c) => c.id === collectionId)?.tree
  // "New collection…" from here: once the collection exists, this dialog comes back for the same tab.
  const [waitingFor, setWaitingFor] = useState<string>()
  const folderDialog = useFolderDialog((s) => s.mode)
  useEffect(() => {
    if (!waitingFor || folderDialog) return
    setWaitingFor(undefined)
    if (collections.length > 0) useSaving.setState({ saveAsTabId: waitingFor })
  }, [waitingFor, folderDialog, collections.length])
  return (
    <FormDialog
      title={t('savingUi.saveRequest')}
      open={tabId !== undefined}
      onClose={() => useSaving.getState().closeSaveAs()}
      submitLabel="Save"
      submitDisabled={collections.length === 0}
      onSubmit={async () => {
        if (!tabId) return
        if (!collectionId) throw new Error(t('savingUi.openCollectionFirst'))
        await saveTabAs(tabId, collectionId, folder, name.trim())
      }}
    >
      {collections.length === 0 ? (
        <>
          <p className="form-dialog-text">{t('savingUi.aRequestIsSaved')}</p>
          <p className="form-dialog-text">
            <button
              type="button"
              className="secondary-button"
              onClick={() => {
                setWaitingFor(tabId)
                useSaving.getState().closeSaveAs()
                useFolderDialog.setState({ mode: 'new' })
              }}
            >
              {t('savingUi.newCollection')}
            </button>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setWaitingFor(tabId)
                useSaving.getState().closeSaveAs()
                useFolderDialog.setState({ mode: 'open' })
              }}
            >
              {t('savingUi.openCollection')}
            </button>
          </p>
        </>
      ) : (
        <>
          <label className="field">
            <span>{t('savingUi.name')}</span>
            <input autoFocus value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('savingUi.collection')}</span>
            <select
              value={collectionId}
              onChange={(event) => {
                setCollectionId(event.target.value)
                setFolder('')
              }}
            >
              {collections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('savingUi.folder')}</span>
            <select value={folder} onChange={(event) => setFolder(event.target.value)}>
              {tree &&
                allFolders(tree.root).map(({ folder: f, depth }) => (
                  <option key={f.path} value={f.path}>
                    {`${'\u00a0\u00a0'.repeat(depth)}${f.path === '' ? t('savingUi.topLevel') : f.name}`}
                  </option>
                ))}
            </select>
          </label>
        </>
      )}
    </FormDialog>
  )
}

function Toasts() {
  const { t } = useT('collections')
  const { toasts, dismiss } = useCollections()
  // Always present, so screen readers announce what is added to it.
  return (
    <div className="toasts" role="status" aria-label={t('savingUi.notifications')}>
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.tone === 'error' ? 'toast-error' : ''}`}>
          <span>{t.text}</span>
          {t.action && (
            <button
              type="button"
              className="link-button toast-action"
              onClick={() => {
                dismiss(t.id)
                void t.action!.run()
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" className="icon-button small" aria-label={tr('collections:savingUi.dismiss')} onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
