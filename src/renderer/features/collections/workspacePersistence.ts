import { useEffect } from 'react'
import { SavedRequestSchema, type SavedRequest, type Workspace } from '../../../shared/collection'
import { api } from '../../app/api'
import { fromParsedRequest } from '../request/draft'
import { useTabs, type Tab } from '../tabs/tabsStore'
import { requestOfTab } from './savingStore'

/**
 * Open tabs and the drafts of edited ones survive a restart or a crash: written (debounced) to
 * `workspace.save` on every change and on unload, read back once with `workspace.get` on start.
 */
export function useWorkspacePersistence(): void {
  useEffect(() => {
    // Called from more than one place is harmless: one instance writes, the restore runs once per page.
    if (persisting) return
    persisting = true
    let restored = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastWritten = ''
    const write = (): void => {
      timer = undefined
      if (!restored) return
      const workspace = snapshot()
      const text = JSON.stringify(workspace)
      if (text === lastWritten) return
      lastWritten = text
      api.call('workspace.save', workspace).catch(() => {
        lastWritten = '' // try again on the next change
      })
    }
    const schedule = (): void => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(write, 500)
    }
    const flush = (): void => {
      if (timer) clearTimeout(timer)
      write()
    }
    const unsubscribe = useTabs.subscribe((state, previous) => {
      if (state.tabs !== previous.tabs || state.activeId !== previous.activeId) schedule()
    })
    window.addEventListener('beforeunload', flush)
    restoring ??= restore().catch(() => undefined)
    void restoring.finally(() => {
      restored = true
      schedule()
    })
    return () => {
      persisting = false
      unsubscribe()
      window.removeEventListener('beforeunload', flush)
      flush()
    }
  }, [])
}

let persisting = false
let restoring: Promise<void> | undefined

/** What is written: every tab, and the request of each edited HTTP tab. */
function snapshot(): Workspace {
  const { tabs, activeId } = useTabs.getState()
  return {
    tabs: tabs.map((t) => ({
      id: t.id,
      title: t.title.slice(0, 500),
      kind: t.kind,
      ...(t.source ? { collectionId: t.source.collectionId, path: t.source.path } : {})
    })),
    activeTabId: activeId ?? null,
    drafts: tabs
      .filter((t) => t.dirty && t.kind === 'http')
      .map((t) => ({ tabId: t.id, request: requestOfTab(t), ...(t.source ? { baseHash: t.source.hash } : {}) }))
      // A draft core would refuse (a method typed half-way, say) must not cost the others.
      .filter((d) => SavedRequestSchema.safeParse(d.request).success)
  }
}

const isBlank = (tab: Tab): boolean => !tab.source && !tab.dirty && tab.kind === 'http' && tab.draft.url === ''

/** Reopens the last session's tabs; the blank tab the app starts with gives way to them. */
async function restore(): Promise<void> {
  let workspace: Workspace
  try {
    workspace = await api.call('workspace.get')
  } catch {
    return
  }
  if (workspace.tabs.length === 0) return
  const store = useTabs.getState()
  const blank = store.tabs.length === 1 && isBlank(store.tabs[0]!) ? store.tabs[0]!.id : undefined
  const drafts = new Map(workspace.drafts.map((d) => [d.tabId, d]))
  const ids = new Map<string, string>()
  for (const saved of workspace.tabs) {
    const draft = drafts.get(saved.id)
    let id: string | undefined
    if (saved.collectionId && saved.path) {
      const read = await api.call('request.read', { collectionId: saved.collectionId, path: saved.path }).catch(() => undefined)
      if (read) {
        // A draft keeps the hash it started from, so saving it over a file changed since is a conflict.
        id = useTabs.getState().openSaved({ collectionId: saved.collectionId, path: read.path, hash: draft?.baseHash ?? read.hash }, read.request)
      } else if (draft) {
        id = useTabs.getState().open() // the file is gone: keep the edits as an untitled tab
      }
    } else if (saved.kind === 'http') {
      id = useTabs.getState().open()
    } else {
      id = useTabs.getState().openRealtime(saved.kind)
    }
    if (!id) continue
    ids.set(saved.id, id)
    if (draft?.request.kind === 'http') {
      const request: SavedRequest & { kind: 'http' } = draft.request
      useTabs.getState().updateDraft(id, () => fromParsedRequest(request))
    }
  }
  if (blank && ids.size > 0) {
    useTabs.setState((s) => ({ tabs: s.tabs.filter((t) => t.id !== blank) }))
  }
  const active = workspace.activeTabId ? ids.get(workspace.activeTabId) : undefined
  if (active) useTabs.getState().activate(active)
  else if (!useTabs.getState().tabs.some((t) => t.id === useTabs.getState().activeId)) {
    const first = useTabs.getState().tabs[0]
    if (first) useTabs.getState().activate(first.id)
  }
}
