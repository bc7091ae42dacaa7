import { create } from 'zustand'
import type { SavedRequest } from '../../../shared/collection'
import type { RealtimeKind, RequestKind } from '../../../shared/requestKinds'
import { emptyDraft, fromParsedRequest, type HttpDraft } from '../request/draft'
import { httpTitle, realtimeTitle } from './tabTitles'
import { tr } from '../../i18n'

/** A tab shows a saved kind of request (shared/requestKinds.ts): the HTTP composer or a realtime tab. */
export type TabKind = RequestKind
export type { RealtimeKind }

export interface Tab {
  id: string
  kind: TabKind
  title: string
  /** The HTTP composer's state; realtime tabs keep theirs in the realtime feature's store. */
  draft: HttpDraft
  /** Edited since it was last saved. */
  dirty: boolean
  /** Where the request is saved, and the hash of the file version the tab started from. */
  source?: { collectionId: string; path: string; hash: string }
  /** The saved request as read from its file (realtime tabs initialise from it). */
  saved?: SavedRequest
  /** Where `{{variables}}` resolve for a tab tied to no file: a copy of a saved realtime request, say. */
  context?: { collectionId: string; path: string }
}

interface TabsState {
  tabs: Tab[]
  activeId: string | undefined
  closed: Tab[]
  /** Two realtime tabs shown side by side (left, right) while either is in front. */
  split: [string, string] | undefined
  /** Shows two tabs side by side, the left one in front; undefined ends the split view. */
  setSplit(pair: [string, string] | undefined): void
  open(): string
  /** A realtime tab; `from` (a history entry, say) fills its form without tying the tab to a file. */
  openRealtime(kind: RealtimeKind, from?: SavedRequest): string
  close(id: string): void
  reopenClosed(): void
  activate(id: string): void
  move(id: string, toIndex: number): void
  updateDraft(id: string, update: (draft: HttpDraft) => HttpDraft): void
  /** An unsaved realtime tab follows its connection form (`SIO /private`); a saved one keeps its name. */
  retitle(id: string, title: string): void
  /** Opens a saved request, or brings its tab to the front if it is open already. */
  openSaved(source: { collectionId: string; path: string; hash: string }, request: SavedRequest): string
  /** After a save: the tab now shows the file at this path and hash. */
  markSaved(id: string, source: { collectionId: string; path: string; hash: string }, request: SavedRequest): void
}

let counter = 0
const newTab = (kind: TabKind = 'http'): Tab => ({
  id: `tab-${Date.now().toString(36)}-${(counter++).toString(36)}`,
  kind,
  title: kind === 'http' ? tr('tabs:tabsStore.untitledRequest') : realtimeTitle(kind, ''),
  draft: emptyDraft(),
  dirty: false
})

/** The open request tabs: which exist, which is in front, and the ones closed recently. */
export const useTabs = create<TabsState>((set, get) => {
  const first = newTab()
  return {
    tabs: [first],
    activeId: first.id,
    closed: [],
    split: undefined,
    setSplit(pair) {
      set(pair ? { split: pair, activeId: pair[0] } : { split: undefined })
    },
    open() {
      const tab = newTab()
      set((s) => ({ tabs: [...s.tabs, tab], activeId: tab.id }))
      return tab.id
    },
    openSaved(source, request) {
      const existing = get().tabs.find((t) => t.source?.collectionId === source.collectionId && t.source.path === source.path)
      if (existing) {
        set({ activeId: existing.id })
        return existing.id
      }
      const tab: Tab = {
        ...newTab(request.kind),
        title: request.name,
        source,
        saved: request,
        draft: request.kind === 'http' ? fromParsedRequest(request) : emptyDraft()
      }
      set((s) => ({ tabs: [...s.tabs, tab], activeId: tab.id }))
      return tab.id
    },
    markSaved(id, source, request) {
      set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, source, saved: request, title: request.name, dirty: false } : t)) }))
    },
    openRealtime(kind, from) {
      const tab: Tab = {
        ...newTab(kind),
        ...(from && from.kind === kind ? { saved: from, title: realtimeTitle(kind, from.url, 'namespace' in from ? from.namespace : '/') } : {})
      }
      set((s) => ({ tabs: [...s.tabs, tab], activeId: tab.id }))
      return tab.id
    },
    close(id) {
      const { tabs, activeId, closed } = get()
      const index = tabs.findIndex((t) => t.id === id)
      if (index < 0) return
      const rest = tabs.filter((t) => t.id !== id)
      const nextActive = activeId === id ? (rest[Math.min(index, rest.length - 1)]?.id ?? undefined) : activeId
      const split = get().split?.includes(id) ? undefined : get().split
      set({ tabs: rest, activeId: nextActive, closed: [tabs[index]!, ...closed].slice(0, 20), split })
    },
    reopenClosed() {
      const [last, ...rest] = get().closed
      if (!last) return
      set((s) => ({ tabs: [...s.tabs, last], activeId: last.id, closed: rest }))
    },
    activate(id) {
      set({ activeId: id })
    },
    move(id, toIndex) {
      const tabs = [...get().tabs]
      const from = tabs.findIndex((t) => t.id === id)
      if (from < 0) return
      const [tab] = tabs.splice(from, 1)
      tabs.splice(Math.max(0, Math.min(toIndex, tabs.length)), 0, tab!)
      set({ tabs })
    },
    updateDraft(id, update) {
      set((s) => ({
        tabs: s.tabs.map((t) => {
          if (t.id !== id) return t
          const draft = update(t.draft)
          // A saved request keeps its name as title; an untitled one is named after its URL.
          return { ...t, draft, dirty: true, title: t.source ? t.title : httpTitle(draft.method, draft.url) }
        })
      }))
    },
    retitle(id, title) {
      set((s) => ({ tabs: s.tabs.map((t) => (t.id === id && !t.source && !t.context && t.title !== title ? { ...t, title } : t)) }))
    }
  }
})
