import { useEffect } from 'react'
import { Dialog } from '../../ui/Dialog'
import { saveTab, useSaving } from '../collections/savingStore'
import { useClosing } from './closeTab'
import { useTabs } from './tabsStore'
import { useT } from '../../i18n'
import { shownTitle } from './tabTitles'

/** "Save changes to …?" before a tab with unsaved changes closes: Save, Don't save or Cancel. */
export function CloseTabDialog() {
  const { t } = useT('tabs')
  const asking = useClosing((s) => s.asking)
  const tab = useTabs((s) => s.tabs.find((t) => t.id === asking))
  useEffect(
    () =>
      // An untitled tab saved through "Save request" closes once it has a file.
      useTabs.subscribe((state) => {
        const waiting = useClosing.getState().closeWhenSaved
        if (waiting.length === 0) return
        const saved = waiting.filter((id) => state.tabs.some((t) => t.id === id && t.source && !t.dirty))
        const gone = waiting.filter((id) => !state.tabs.some((t) => t.id === id))
        if (saved.length === 0 && gone.length === 0) return
        useClosing.setState({ closeWhenSaved: waiting.filter((id) => !saved.includes(id) && !gone.includes(id)) })
        for (const id of saved) useTabs.getState().close(id)
      }),
    []
  )
  useEffect(
    () =>
      // "Save request" cancelled: the tab stays open, and is not closed by a later save.
      useSaving.subscribe((state, previous) => {
        if (previous.saveAsTabId && !state.saveAsTabId) {
          const id = previous.saveAsTabId
          queueMicrotask(() => {
            const tab = useTabs.getState().tabs.find((t) => t.id === id)
            if (!tab?.source) useClosing.setState((s) => ({ closeWhenSaved: s.closeWhenSaved.filter((w) => w !== id) }))
          })
        }
      }),
    []
  )
  const dismiss = (): void => useClosing.setState({ asking: undefined })
  return (
    <Dialog title={t('closeTabDialog.unsavedChanges')} open={tab !== undefined} onClose={dismiss}>
      {tab && (
        <div className="form-dialog">
          <p className="form-dialog-text">
            <strong>{shownTitle(tab)}</strong> {t('closeTabDialog.hasChangesThatAre')}
          </p>
          <div className="form-dialog-actions">
            <button type="button" className="secondary-button" onClick={dismiss}>
              {t('closeTabDialog.cancel')}
            </button>
            <button
              type="button"
              className="secondary-button"
              onClick={() => {
                dismiss()
                useTabs.getState().close(tab.id)
              }}
            >
              {t('closeTabDialog.donTSave')}
            </button>
            <button
              type="button"
              className="primary-button"
              autoFocus
              onClick={() => {
                dismiss()
                if (!tab.source) useClosing.setState((s) => ({ closeWhenSaved: [...s.closeWhenSaved, tab.id] }))
                void saveTab(tab.id).then((saved) => {
                  if (saved) useTabs.getState().close(tab.id)
                })
              }}
            >
              {t('closeTabDialog.save')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}
