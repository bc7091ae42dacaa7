import { Icon } from '../../ui/Icon'
import { NewSessionMenu } from '../realtime/NewSessionMenu'
import { useTabs } from './tabsStore'

const kindBadges = { socketio: 'SIO', websocket: 'WS', sse: 'SSE' } as const

/** The open requests, as an ARIA tablist: arrows move between tabs, Delete closes one. */
export function TabStrip() {
  const { tabs, activeId, activate, close, open, move } = useTabs()
  return (
    <div className="tab-strip">
      <div role="tablist" aria-label="Open requests" className="tab-list">
        {tabs.map((tab, index) => (
          <div
            key={tab.id}
            className={`tab ${tab.id === activeId ? 'tab-active' : ''}`}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData('application/x-parley-tab', tab.id)
              event.dataTransfer.effectAllowed = 'move'
            }}
            onDragOver={(event) => {
              if (event.dataTransfer.types.includes('application/x-parley-tab')) event.preventDefault()
            }}
            onDrop={(event) => {
              const dragged = event.dataTransfer.getData('application/x-parley-tab')
              if (!dragged) return
              event.preventDefault()
              move(dragged, index)
            }}
          >
            <button
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={tab.id === activeId}
              aria-controls="request-panel"
              tabIndex={tab.id === activeId ? 0 : -1}
              className="tab-button"
              onClick={() => activate(tab.id)}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
                if (step && event.altKey) {
                  event.preventDefault()
                  move(tab.id, index + step)
                } else if (step) {
                  event.preventDefault()
                  const next = tabs[(index + step + tabs.length) % tabs.length]
                  if (next) {
                    activate(next.id)
                    document.getElementById(`tab-${next.id}`)?.focus()
                  }
                } else if (event.key === 'Delete') {
                  close(tab.id)
                }
              }}
            >
              {tab.kind === 'http' ? (
                <span className={`method-badge method-${tab.draft.method.toLowerCase()}`}>{tab.draft.method}</span>
              ) : (
                <span className={`method-badge kind-${tab.kind}`}>{kindBadges[tab.kind]}</span>
              )}
              <span className="tab-title">{tab.title}</span>
              {tab.dirty && <span className="dirty-dot" aria-label="unsaved changes" />}
            </button>
            <button type="button" className="tab-close" aria-label={`Close ${tab.title}`} onClick={() => close(tab.id)}>
              <Icon name="close" size={12} />
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="icon-button" aria-label="New request" title="New request (Ctrl+T)" onClick={() => open()}>
        <Icon name="plus" />
      </button>
      <NewSessionMenu />
    </div>
  )
}
