import { useEffect, useState } from 'react'
import { useT } from '../../i18n'
import { api } from '../../app/api'
import { Icon, type IconName } from '../../ui/Icon'
import { CollectionsPanel } from '../collections/CollectionsPanel'
import { useCollections } from '../collections/collectionsStore'
import { onExternalChange } from '../collections/savingStore'
import { SavingUi } from '../collections/SavingUi'
import { useWorkspacePersistence } from '../collections/workspacePersistence'
import { HistoryPanel } from '../history/HistoryPanel'
import { recordHistory } from '../history/historyRecorder'
import { LearnPanel } from '../learn/LearnPanel'
import { listenForLearnProgress } from '../learn/learnStore'
import { useSidebar, type SidebarPanel } from './sidebarStore'

type Panel = Exclude<SidebarPanel, 'learn'>
const panels: { id: SidebarPanel; label: string; icon: IconName }[] = [
  { id: 'collections', label: 'sidebar.collections', icon: 'folder' },
  { id: 'history', label: 'sidebar.history', icon: 'history' },
  { id: 'learn', label: 'learn:tab', icon: 'learn' }
]

/** Collections and history; also home of saving (Ctrl/Cmd+S) and of following changes on disk. */
export function Sidebar() {
  const { t } = useT('sidebar')
  const panel = useSidebar((s) => s.panel)
  const setPanel = useSidebar((s) => s.show)
  const [filters, setFilters] = useState<Record<Panel, string>>({ collections: '', history: '' })
  const filter = panel === 'learn' ? '' : filters[panel]
  useEffect(
    () =>
      api.on('collection.changed', ({ collectionId, paths }) => {
        void useCollections.getState().refreshOne(collectionId)
        void onExternalChange(collectionId, paths)
      }),
    []
  )
  useEffect(() => recordHistory(), [])
  useEffect(() => listenForLearnProgress(), [])
  useWorkspacePersistence()
  return (
    <nav className="sidebar" aria-label={t('sidebar.sidebar')}>
      <div role="tablist" aria-label={t('sidebar.sidebarSections')} className="sidebar-tabs">
        {panels.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            aria-selected={panel === p.id}
            className={`sidebar-tab ${panel === p.id ? 'sidebar-tab-active' : ''}`}
            onClick={() => setPanel(p.id)}
          >
            <Icon name={p.icon} size={14} />
            {t(p.label)}
          </button>
        ))}
      </div>
      {panel === 'learn' ? (
        <div role="tabpanel" aria-label={t('learn:tab')} className="sidebar-panel learn-sidebar-panel">
          <LearnPanel />
        </div>
      ) : (
        <>
          <label className="search-field">
            <Icon name="search" size={14} />
            <input
              type="search"
              aria-label={panel === 'collections' ? t('sidebar.searchRequests') : t('sidebar.searchHistory')}
              placeholder={panel === 'collections' ? t('sidebar.searchRequests') : t('sidebar.searchHistory')}
              value={filter}
              onChange={(event) => setFilters((f) => ({ ...f, [panel]: event.target.value }))}
            />
          </label>
          <div role="tabpanel" aria-label={panel === 'collections' ? t('sidebar.collections') : t('sidebar.history')} className="sidebar-panel">
            {panel === 'collections' ? <CollectionsPanel query={filter} /> : <HistoryPanel query={filter} />}
          </div>
        </>
      )}
      <SavingUi />
    </nav>
  )
}
