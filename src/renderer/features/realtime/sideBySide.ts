import { useTabs, type RealtimeKind, type Tab } from '../tabs/tabsStore'
import { useRealtime } from './sessionStore'

/**
 * A copy of a realtime tab: the same connection form, listeners, composer and saved emits, its own
 * session and log. It belongs to no file, but its `{{variables}}` resolve where the original's do.
 */
export function copyRealtimeTab(tab: Tab): string {
  const tabs = useTabs.getState()
  const id = tabs.openRealtime(tab.kind as RealtimeKind, tab.saved)
  const context = tab.source ? { collectionId: tab.source.collectionId, path: tab.source.path } : tab.context
  useTabs.setState((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, title: `${tab.title} (2)`, ...(context ? { context } : {}) } : t)) }))
  const session = useRealtime.getState().sessions[tab.id]
  if (session) {
    const { form, listeners, catchAll, composer, savedEmits } = session
    useRealtime.getState().ensure(id, session.kind, (fresh) => ({ ...fresh, form, listeners, catchAll, composer, savedEmits }))
  }
  return id
}

/** Shows a realtime tab on the left and `otherId` (or a new copy of the tab) on the right; returns the right tab's id. */
export function openSideBySide(tabId: string, otherId?: string): string | undefined {
  const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
  if (!tab || tab.kind === 'http') return undefined
  const other = otherId ? useTabs.getState().tabs.find((t) => t.id === otherId && t.kind !== 'http' && t.id !== tabId) : undefined
  const right = other?.id ?? copyRealtimeTab(tab)
  useTabs.getState().setSplit([tabId, right])
  return right
}

/** The pair on screen now: both tabs open and realtime, one of them in front. */
export function visibleSplit(state: { tabs: Tab[]; activeId: string | undefined; split: [string, string] | undefined }): [Tab, Tab] | undefined {
  if (!state.split || !state.activeId || !state.split.includes(state.activeId)) return undefined
  const [left, right] = state.split.map((id) => state.tabs.find((t) => t.id === id))
  return left && right && left.kind !== 'http' && right.kind !== 'http' ? [left, right] : undefined
}
