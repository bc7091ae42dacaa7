import { useCallback, useEffect, useState } from 'react'
import type { FolderListing } from '../../../shared/dialogs'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { Icon } from '../../ui/Icon'
import './files.css'
import { useT } from '../../i18n'
import { errorText } from '../../i18n/errors'

/**
 * The in-window folder picker, for shells without a native one (the browser host): it starts at
 * the home folder, goes into folders and back up, shows hidden ones on request and makes new ones.
 * Core lists folder names only.
 */
export function FolderBrowserDialog({ title, open, onChoose, onClose }: { title: string; open: boolean; onChoose(path: string): void; onClose(): void }) {
  const { t } = useT('files')
  const [listing, setListing] = useState<FolderListing>()
  const [showHidden, setShowHidden] = useState(false)
  const [error, setError] = useState<string>()
  const [newName, setNewName] = useState<string>()
  const load = useCallback(
    (path: string | undefined, hidden = showHidden) => {
      setError(undefined)
      api.call('folders.list', { ...(path ? { path } : {}), showHidden: hidden }).then(setListing, (e: unknown) => setError(errorText(e)))
    },
    [showHidden]
  )
  useEffect(() => {
    if (!open) return
    setNewName(undefined)
    load(undefined)
    // Only when the dialog opens: it always starts at home.
  }, [open])
  const createFolder = (): void => {
    if (!listing || !newName?.trim()) return
    api.call('folders.create', { parent: listing.path, name: newName.trim() }).then(
      ({ path }) => {
        setNewName(undefined)
        load(path)
      },
      (e: unknown) => setError(errorText(e))
    )
  }
  const crumbs = listing ? crumbsOf(listing) : []
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      {open && (
        <div className="folder-browser">
          <div className="folder-browser-bar" role="toolbar" aria-label={t('folderBrowserDialog.folderNavigation')}>
            <button
              type="button"
              className="icon-button"
              aria-label={t('folderBrowserDialog.parentFolder')}
              title={t('folderBrowserDialog.parentFolder')}
              disabled={!listing?.parent}
              onClick={() => listing?.parent && load(listing.parent)}
            >
              ↑
            </button>
            <nav className="folder-crumbs" aria-label={t('folderBrowserDialog.currentFolder')}>
              {crumbs.map((c, i) => (
                <span key={c.path} className="folder-crumb">
                  {i > 0 && <span aria-hidden="true">/</span>}
                  <button type="button" className="link-button" aria-current={i === crumbs.length - 1 ? 'location' : undefined} onClick={() => load(c.path)}>
                    {c.name}
                  </button>
                </span>
              ))}
            </nav>
          </div>
          <div className="folder-browser-options">
            <label className="folder-toggle">
              <input
                type="checkbox"
                checked={showHidden}
                onChange={(e) => {
                  setShowHidden(e.target.checked)
                  load(listing?.path, e.target.checked)
                }}
              />
              <span>{t('folderBrowserDialog.showHiddenFolders')}</span>
            </label>
            <button type="button" className="secondary-button compact" onClick={() => setNewName('')} disabled={!listing}>
              {t('folderBrowserDialog.newFolder')}
            </button>
          </div>
          {newName !== undefined && (
            <div className="folder-new" role="group" aria-label={t('folderBrowserDialog.newFolder')}>
              <input
                autoFocus
                aria-label={t('folderBrowserDialog.newFolderName')}
                value={newName}
                placeholder={t('folderBrowserDialog.folderName')}
                onChange={(e) => setNewName(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    createFolder()
                  } else if (e.key === 'Escape') {
                    e.preventDefault()
                    e.stopPropagation()
                    setNewName(undefined)
                  }
                }}
              />
              <button type="button" className="primary-button compact" disabled={!newName.trim()} onClick={createFolder}>
                {t('folderBrowserDialog.createFolder')}
              </button>
              <button type="button" className="secondary-button compact" onClick={() => setNewName(undefined)}>
                {t('folderBrowserDialog.cancel')}
              </button>
            </div>
          )}
          <ul className="folder-list" aria-label={t('folderBrowserDialog.folders')}>
            {listing?.folders.map((f) => (
              <li key={f.name}>
                <button
                  type="button"
                  className={`folder-entry ${f.hidden ? 'folder-hidden' : ''}`}
                  onClick={() => load(`${listing.path.replace(/\/$/, '')}/${f.name}`)}
                >
                  <Icon name="folder" size={15} />
                  <span>{f.name}</span>
                </button>
              </li>
            ))}
            {listing && listing.folders.length === 0 && (
              <li className="folder-empty">
                {t('folderBrowserDialog.noFoldersHere')}
                {showHidden ? '' : t('folderBrowserDialog.hiddenOnesAreNot')}.
              </li>
            )}
            {listing?.truncated && <li className="folder-empty">{t('folderBrowserDialog.onlyTheFirstFolders', { count: listing.folders.length })}</li>}
          </ul>
          {error && (
            <p role="alert" className="form-dialog-error">
              {error}
            </p>
          )}
          <div className="form-dialog-actions">
            <span className="folder-chosen" title={listing?.path}>
              {listing?.path}
            </span>
            <button type="button" className="secondary-button" onClick={onClose}>
              {t('folderBrowserDialog.cancel')}
            </button>
            <button type="button" className="primary-button" disabled={!listing} onClick={() => listing && onChoose(listing.path)}>
              {t('folderBrowserDialog.chooseThisFolder')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}

/** Home, then each folder below it down to the one listed. */
function crumbsOf(listing: FolderListing): { name: string; path: string }[] {
  const crumbs = [{ name: '~', path: listing.home }]
  const rest = listing.path.slice(listing.home.length).split(/[/\\]/).filter(Boolean)
  let path = listing.home
  for (const name of rest) {
    path = `${path.replace(/[/\\]$/, '')}/${name}`
    crumbs.push({ name, path })
  }
  return crumbs
}
