import { useEffect, useState } from 'react'
import type { TreeNode } from '../../../shared/collection'
import { api } from '../../app/api'
import { Icon } from '../../ui/Icon'
import { errorText, useCollections } from './collectionsStore'
import { CollectionTree, type ItemAction } from './CollectionTree'
import { CredentialsDialog } from './CredentialsDialog'
import { FormDialog, NameDialog } from './FormDialogs'
import { FolderField } from '../files/FolderField'
import { FolderSettingsDialog } from './FolderSettingsDialog'
import { allFolders, createFolder, createRequest, deleteItem, duplicateItem, moveAndRefresh, renameItem } from './itemActions'
import { useFolderDialog } from './folderDialogStore'
import { SearchResults } from './SearchResults'
import './collections.css'
import { useT } from '../../i18n'

/** The Collections panel of the sidebar: open collections as trees, their broken files, and search. */
export function CollectionsPanel({ query }: { query: string }) {
  const { t } = useT('collections')
  const { collections, loaded } = useCollections()
  const [action, setAction] = useState<ItemAction>()
  const folderDialog = useFolderDialog((s) => s.mode)
  const setFolderDialog = (mode: 'new' | 'open' | undefined): void => useFolderDialog.setState({ mode })

  useEffect(() => {
    void useCollections.getState().refresh()
  }, [])

  const run = (next: ItemAction): void => {
    if (next.type === 'close') {
      api
        .call('collection.close', { collectionId: next.collectionId })
        .then(() => useCollections.getState().refresh())
        .catch((error: unknown) => useCollections.getState().toast({ text: errorText(error), tone: 'error' }))
    } else setAction(next)
  }
  const done = (): void => setAction(undefined)
  const tree = action ? collections.find((c) => c.id === action.collectionId)?.tree : undefined

  return (
    <div className="collections-panel">
      <div className="collections-toolbar collections-toolbar-split">
        <button type="button" className="toolbar-button" onClick={() => setFolderDialog('new')}>
          <Icon name="plus" size={13} />
          {t('collectionsPanel.newCollection')}
        </button>
        <button type="button" className="toolbar-button" onClick={() => setFolderDialog('open')}>
          <Icon name="folder" size={13} />
          {t('collectionsPanel.openCollection')}
        </button>
      </div>
      {query.trim() ? (
        <SearchResults query={query} />
      ) : loaded && collections.length === 0 ? (
        <div className="sidebar-empty">
          <Icon name="folder" size={28} />
          <p className="empty-title">{t('collectionsPanel.noCollectionsYet')}</p>
          <p className="muted">{t('collectionsPanel.aCollectionIsA')}</p>
        </div>
      ) : (
        collections.map((c) => (
          <section key={c.id} className="collection" aria-label={t('collectionsPanel.collection', { name: c.name })}>
            {c.tree ? (
              <CollectionTree tree={c.tree} onAction={run} />
            ) : (
              <div className="collection-missing">
                <p>
                  <strong>{c.name}</strong> <span className="muted">{c.missing ? t('collectionsPanel.isMissing') : c.error}</span>
                </p>
                <p className="muted collection-path">{c.path}</p>
                <button type="button" className="link-button" onClick={() => run({ type: 'close', collectionId: c.id, name: c.name })}>
                  {t('collectionsPanel.close', { name: c.name })}
                </button>
              </div>
            )}
            {c.tree && c.tree.problems.length > 0 && (
              <div className="problems" role="group" aria-label={t('collectionsPanel.filesThatCouldNot', { name: c.name })}>
                <p className="problems-title">{t('collectionsPanel.filesCouldNotBe', { count: c.tree.problems.length })}</p>
                <ul>
                  {c.tree.problems.map((p) => (
                    <li key={`${p.path}:${p.line}`}>
                      <code>
                        {p.path}:{p.line}
                      </code>{' '}
                      <span>{p.message}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        ))
      )}

      <CollectionFolderDialog mode={folderDialog} onClose={() => setFolderDialog(undefined)} />
      <FolderSettingsDialog
        target={action?.type === 'settings' ? { collectionId: action.collectionId, path: action.folder, name: action.name } : undefined}
        onClose={done}
      />
      <CredentialsDialog collection={action?.type === 'credentials' ? { id: action.collectionId, name: action.name } : undefined} onClose={done} />

      <NameDialog
        title={action?.type === 'newFolder' ? t('collectionsPanel.newFolder') : t('collectionsPanel.newRequest')}
        label={t('collectionsPanel.name')}
        initial={action?.type === 'newFolder' ? t('collectionsPanel.newFolder') : t('collectionsPanel.newRequest')}
        submitLabel="Create"
        open={action?.type === 'newRequest' || action?.type === 'newFolder'}
        onClose={done}
        onSubmit={async (name) => {
          if (action?.type === 'newFolder') await createFolder(action.collectionId, action.folder, name)
          else if (action?.type === 'newRequest') await createRequest(action.collectionId, action.folder, name)
        }}
      />
      <NameDialog
        title={action?.type === 'duplicate' ? t('collectionsPanel.duplicateRequest') : t(`collectionsPanel.renameKind.${renamedKind(action)}`)}
        label={t('collectionsPanel.name')}
        initial={action && 'node' in action ? (action.type === 'duplicate' ? t('collectionsPanel.copy', { name: action.node.name }) : action.node.name) : ''}
        submitLabel={action?.type === 'duplicate' ? t('collectionsPanel.duplicate') : t('collectionsPanel.rename2')}
        open={action?.type === 'rename' || action?.type === 'duplicate'}
        onClose={done}
        onSubmit={async (name) => {
          if (action?.type === 'rename') await renameItem(action.collectionId, action.node, name)
          else if (action?.type === 'duplicate') await duplicateItem(action.collectionId, action.node, name)
        }}
      />
      <MoveDialog action={action?.type === 'move' ? action : undefined} tree={tree} onClose={done} />
      <FormDialog
        title={t('collectionsPanel.delete', { name: action?.type === 'delete' ? action.node.name : '' })}
        open={action?.type === 'delete'}
        onClose={done}
        danger
        submitLabel="Delete"
        onSubmit={async () => {
          if (action?.type === 'delete') await deleteItem(action.collectionId, action.node)
        }}
      >
        {action?.type === 'delete' && (
          <p className="form-dialog-text">
            {action.node.type === 'folder' ? t('collectionsPanel.theFolderAndEverything') : t('collectionsPanel.theRequestFile')}{' '}
            <code>{action.node.path}</code> {t('collectionsPanel.movesToParleyS')}
          </p>
        )}
      </FormDialog>
    </div>
  )
}

function renamedKind(action: ItemAction | undefined): string {
  if (!action || !('node' in action)) return ''
  if (action.node.type === 'request') return 'request'
  return action.node.path === '' ? 'collection' : 'folder'
}

function MoveDialog({
  action,
  tree,
  onClose
}: {
  action: { collectionId: string; node: TreeNode } | undefined
  tree: ReturnType<typeof useCollections.getState>['collections'][number]['tree']
  onClose: () => void
}) {
  const { t } = useT('collections')
  const [target, setTarget] = useState('')
  const node = action?.node
  const folders = tree
    ? allFolders(tree.root).filter(({ folder }) => !node || node.type !== 'folder' || (folder.path !== node.path && !folder.path.startsWith(`${node.path}/`)))
    : []
  useEffect(() => setTarget(''), [action])
  return (
    <FormDialog
      title={t('collectionsPanel.move', { name: node?.name ?? '' })}
      open={action !== undefined}
      onClose={onClose}
      submitLabel="Move"
      onSubmit={async () => {
        if (action) await moveAndRefresh(action.collectionId, action.node, target)
      }}
    >
      <label className="field">
        <span>{t('collectionsPanel.moveToFolder')}</span>
        <select value={target} onChange={(event) => setTarget(event.target.value)}>
          {folders.map(({ folder, depth }) => (
            <option key={folder.path} value={folder.path}>
              {`${'\u00a0\u00a0'.repeat(depth)}${folder.path === '' ? t('collectionsPanel.topLevel', { name: tree?.name ?? '' }) : folder.name}`}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  )
}

/** New collection (a name and a folder) or Open collection (a folder): typed, or chosen with the folder picker. */
function CollectionFolderDialog({ mode, onClose }: { mode: 'new' | 'open' | undefined; onClose: () => void }) {
  const { t } = useT('collections')
  const [name, setName] = useState('')
  const [path, setPath] = useState('')
  const [dataDir, setDataDir] = useState<string>()
  useEffect(() => {
    if (!mode) return
    setName('')
    setPath('')
    api
      .call('app.info')
      .then((info) => setDataDir(info.dataDir))
      .catch(() => undefined)
  }, [mode])
  return (
    <FormDialog
      title={mode === 'new' ? t('collectionsPanel.newCollection') : t('collectionsPanel.openCollection')}
      open={mode !== undefined}
      onClose={onClose}
      submitLabel={mode === 'new' ? t('collectionsPanel.create') : t('collectionsPanel.open')}
      onSubmit={async () => {
        if (mode === 'new') await api.call('collection.create', { name: name.trim(), path: path.trim() })
        else await api.call('collection.open', { path: path.trim() })
        await useCollections.getState().refresh()
      }}
    >
      {mode === 'new' && (
        <label className="field">
          <span>{t('collectionsPanel.name')}</span>
          <input autoFocus value={name} placeholder={t('collectionsPanel.myApi')} onChange={(event) => setName(event.target.value)} />
        </label>
      )}
      <FolderField
        label={t('collectionsPanel.folderPath')}
        dialogTitle={mode === 'new' ? t('collectionsPanel.chooseAFolderFor') : t('collectionsPanel.chooseACollectionFolder')}
        autoFocus={mode === 'open'}
        value={path}
        placeholder={t('collectionsPanel.projectsMyApiParley')}
        onChange={setPath}
        describedBy="collection-path-hint"
      />
      <p id="collection-path-hint" className="field-hint">
        {mode === 'new' ? t('collectionsPanel.anEmptyOrNot') : t('collectionsPanel.aFolderThatHolds')}{' '}
        {dataDir && (
          <>
            {t('collectionsPanel.parleyKeepsItsOwn')} <code>{dataDir}</code> {t('collectionsPanel.shownInAbout')}
          </>
        )}
      </p>
    </FormDialog>
  )
}
