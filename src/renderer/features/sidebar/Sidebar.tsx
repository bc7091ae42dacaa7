import { useEffect, useState } from 'react'
import { api } from '../../app/api'
import { Icon, type IconName } from '../../ui/Icon'
import { CollectionsPanel } from '../collections/CollectionsPanel'
import { useCollections } from '../collections/collectionsStore'
import { onExternalChange } from '../collections/savingStore'
import { SavingUi } from '../collections/SavingUi'
import { useWorkspacePersistence } from '../collections/workspacePersistence'
import { HistoryPanel } from '../history/HistoryPanel'
import { recordHistory } from '../history/historyRecorder'

type Panel = 'collections' | 'history'
const panels: { id: Panel; label: string; icon: IconName }[] = [
  { id: 'collections', label: 'Collections', icon: 'folder' },
  { id: 'history', label: 'History', icon: 'history' }
]

/** Collections and history; also home of saving (Ctrl/Cmd+S) and of following changes on disk. */
export function Sidebar() {
  const [panel, setPanel] = useState<Panel>('collections')
  const [filters, setFilters] = useState<Record<Panel, string>>({ collections: '', history: '' })
  const filter = filters[panel]
  useEffect(
    () =>
      api.on('collection.changed', ({ collectionId, paths }) => {
        void useCollections.getState().refreshOne(collectionId)
        void onExternalChange(collectionId, paths)
      }),
    []
  )
  useEffect(() => recordHistory(), [])
  useWorkspacePersistence()
  return (
    <nav className="sidebar" aria-label="Sidebar">
      <div role="tablist" aria-label="Sidebar sections" className="sidebar-tabs">
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
            {p.label}
          </button>
        ))}
      </div>
      <label className="search-field">
        <Icon name="search" size={14} />
        <input
          type="search"
          aria-label={panel === 'collections' ? 'Search requests' : 'Search history'}
          placeholder={panel === 'collections' ? 'Search requests' : 'Search history'}
          value={filter}
          onChange={(event) => setFilters((f) => ({ ...f, [panel]: event.target.value }))}
        />
      </label>
      <div role="tabpanel" aria-label={panel === 'collections' ? 'Collections' : 'History'} className="sidebar-panel">
        {panel === 'collections' ? <CollectionsPanel query={filter} /> : <HistoryPanel query={filter} />}
      </div>
      <SavingUi />
    </nav>
  )
}
