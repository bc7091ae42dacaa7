import { useState } from 'react'
import { Icon, type IconName } from '../../ui/Icon'

const panels: { id: 'collections' | 'history'; label: string; icon: IconName }[] = [
  { id: 'collections', label: 'Collections', icon: 'folder' },
  { id: 'history', label: 'History', icon: 'history' }
]

/** Collections and history. Both stay empty until the collection store fills them. */
export function Sidebar() {
  const [panel, setPanel] = useState<'collections' | 'history'>('collections')
  const [filter, setFilter] = useState('')
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
          onChange={(event) => setFilter(event.target.value)}
        />
      </label>
      <div role="tabpanel" aria-label={panel === 'collections' ? 'Collections' : 'History'} className="sidebar-panel">
        {panel === 'collections' ? (
          <div className="sidebar-empty">
            <Icon name="folder" size={28} />
            <p className="empty-title">No collections yet</p>
            <p className="muted">A collection is a folder of plain YAML files, one per request, that you can keep in git.</p>
          </div>
        ) : (
          <div className="sidebar-empty">
            <Icon name="history" size={28} />
            <p className="empty-title">Nothing sent yet</p>
            <p className="muted">Every request you send and every session you open is listed here, by day.</p>
          </div>
        )}
      </div>
    </nav>
  )
}
