import { useEffect } from 'react'
import { SavedRequestSchema, type SavedRequest, type Workspace } from '../../../shared/collection'
import { api } from '../../app/api'
import { fromParsedRequest } from '../request/draft'
import { useTabs, type Tab } from '../tabs/tabsStore'
import { claimSession, reattachSessions, type SessionClaim } from '../realtime/sessionReattach'
import { savedRequestOf, useRealtime } from '../realtime/sessionStore'
import { paneLayoutLoaded, usePaneLayout } from '../../app/paneLayout'
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
    // A realtime tab's form and session id are kept too; its log, status and counters change too often and live in core.
    const unsubscribeLayout = usePaneLayout.subscribe((state, previous) => {
      if (state.layout !== previous.layout) schedule()
    })
    const unsubscribeRealtime = useRealtime.subscribe((state, previous) => {
      for (const [tabId, session] of Object.entries(state.sessions)) {
        const before = previous.sessions[tabId]
        if (
          !before ||
          before.form !== session.form ||
          before.sessionId !== session.sessionId ||
          before.listeners !== session.listeners ||
          before.savedEmits !== session.savedEmits ||
          before.steps !== session.steps
        )
          return schedule()
      }
    })
    window.addEventListener('beforeunload', flush)
    // Reattaching also closes the sessions no restored tab claims, so it runs whatever restore found.
    restoring ??= restore()
      .catch(() => [])
      .then((claims) => reattachSessions(claims))
      .catch(() => undefined)
    void restoring.finally(() => {
      restored = true
      schedule()
    })
    return () => {
      persisting = false
      unsubscribe()
      unsubscribeRealtime()
      unsubscribeLayout()
      window.removeEventListener('beforeunload', flush)
      flush()
    }
  }, [])
}

let persisting = false
let restoring: Promise<void> | undefined

/** What is written: every tab (a realtime one with its session id and form), and the request of each edited HTTP tab. */
function snapshot(): Workspace {
  const { tabs, activeId } = useTabs.getState()
  const sessions = useRealtime.getState().sessions
  const realtimeDraft = (t: Tab) => {
    const parsed = SavedRequestSchema.safeParse(savedRequestOf(t.id, t.title, ''))
    return parsed.success ? [{ tabId: t.id, request: parsed.data, ...(t.source ? { baseHash: t.source.hash } : {}) }] : []
  }
  return {
    layout: usePaneLayout.getState().layout,
    tabs: tabs.map((t) => ({
      id: t.id,
      title: t.title.slice(0, 500),
      kind: t.kind,
      ...(t.source ? { collectionId: t.source.collectionId, path: t.source.path } : {}),
      ...(t.kind !== 'http' && sessions[t.id] ? { sessionId: sessions[t.id]!.sessionId } : {})
    })),
    activeTabId: activeId ?? null,
    drafts: tabs
      .flatMap((t) =>
        t.kind === 'http' ? (t.dirty ? [{ tabId: t.id, request: requestOfTab(t), ...(t.source ? { baseHash: t.source.hash } : {}) }] : []) : realtimeDraft(t)
      )
      // A draft core would refuse (a method typed half-way, say) must not cost the others.
      .filter((d) => SavedRequestSchema.safeParse(d.request).success)
  }
}

const isBlank = (tab: Tab): boolean => !tab.source && !tab.dirty && tab.kind === 'http' && tab.draft.url === ''

/** Reopens the last session's tabs; the blank tab the app starts with gives way to them. Returns the realtime tabs' claims on core's sessions. */
async function restore(): Promise<SessionClaim[]> {
  let workspace: Workspace
  try {
    workspace = await api.call('workspace.get')
  } catch {
    paneLayoutLoaded(undefined)
    return []
  }
  paneLayoutLoaded(workspace.layout)
  const claims: SessionClaim[] = []
  if (workspace.tabs.length === 0) return claims
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
    if (saved.kind !== 'http' && saved.sessionId) {
      const form = draft?.request.kind === saved.kind ? draft.request : undefined
      claims.push({ tabId: id, kind: saved.kind, sessionId: saved.sessionId, ...(form ? { form } : {}) })
      // Before the pane mounts and starts from an empty form.
      claimSession(claims.at(-1)!)
    }
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
  return claims
}
