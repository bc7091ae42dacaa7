import { create } from 'zustand'
import { SavedRequestSchema, type SavedRequest } from '../../../shared/collection'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { savedRequestOf } from '../realtime/sessionStore'
import { fromParsedRequest, testsOf, toRequest } from '../request/draft'
import { useTabs, type Tab } from '../tabs/tabsStore'
import { errorText, requestNameFrom, useCollections } from './collectionsStore'

/** A tab whose file changed on disk while it held edits: the user chooses which version wins. */
export interface Conflict {
  tabId: string
  collectionId: string
  path: string
  /** `dialog` after a refused save, `banner` after an external change seen by the watcher. */
  via: 'dialog' | 'banner'
  /** The file was deleted on disk rather than changed: the choice is to recreate it or let it go. */
  deleted?: boolean
}

interface SavingState {
  conflicts: Conflict[]
  /** The untitled tab waiting for the "Save request" dialog. */
  saveAsTabId: string | undefined
  addConflict(conflict: Conflict): void
  dropConflict(tabId: string): void
  closeSaveAs(): void
}

export const useSaving = create<SavingState>((set) => ({
  conflicts: [],
  saveAsTabId: undefined,
  addConflict(conflict) {
    set((s) => {
      // A question already asked in a dialog is not taken back into a banner.
      if (conflict.via === 'banner' && s.conflicts.some((c) => c.tabId === conflict.tabId)) return s
      return { conflicts: [...s.conflicts.filter((c) => c.tabId !== conflict.tabId), conflict] }
    })
  },
  dropConflict(tabId) {
    set((s) => ({ conflicts: s.conflicts.filter((c) => c.tabId !== tabId) }))
  },
  closeSaveAs() {
    set({ saveAsTabId: undefined })
  }
}))

/** The file content of an HTTP tab: its name is the tab's title, its fields the draft's. */
export function requestOfTab(tab: Tab): SavedRequest {
  const name = requestNameFrom(tab.title)
  const description = tab.saved?.description ?? ''
  // The description's translations are kept as the file had them: the tab does not edit them.
  const descriptions = tab.saved?.descriptions ?? {}
  if (tab.kind !== 'http') {
    // A realtime tab's form lives in the realtime feature; before it has drawn, the file as read.
    const live = savedRequestOf(tab.id, name, description)
    return SavedRequestSchema.parse(live ? { ...live, descriptions } : (tab.saved ?? { kind: tab.kind, name, description, url: '' }))
  }
  return {
    kind: 'http',
    name,
    description,
    descriptions,
    ...toRequest(tab.draft),
    ...testsOf(tab.draft)
  } as SavedRequest
}

const findTab = (tabId: string): Tab | undefined => useTabs.getState().tabs.find((t) => t.id === tabId)

/** Ctrl/Cmd+S: saves the tab over its file, or asks where to save an untitled one. */
export async function saveTab(tabId: string, force = false): Promise<boolean> {
  const tab = findTab(tabId)
  if (!tab) return false
  if (!tab.source) {
    useSaving.setState({ saveAsTabId: tabId })
    return false
  }
  const request = requestOfTab(tab)
  const { collectionId, path, hash } = tab.source
  try {
    const saved = await api.call('request.save', { collectionId, path, request, baseHash: hash, force })
    useTabs.getState().markSaved(tabId, { collectionId, path: saved.path, hash: saved.hash }, request)
    useSaving.getState().dropConflict(tabId)
    void useCollections.getState().refreshOne(collectionId)
    return true
  } catch (error) {
    if (error instanceof ParleyError && error.code === 'conflict') {
      useSaving.getState().addConflict({ tabId, collectionId, path, via: 'dialog' })
    } else if (error instanceof ParleyError && error.code === 'deleted_on_disk') {
      useSaving.getState().addConflict({ tabId, collectionId, path, via: 'dialog', deleted: true })
    } else {
      useCollections.getState().toast({ text: `Could not save ${path}: ${errorText(error)}`, tone: 'error' })
    }
    return false
  }
}

/** "Discard" after a deletion on disk: the tab and its edits go (Ctrl/Cmd+Shift+T still brings it back). */
export function discardDeleted(tabId: string): void {
  useSaving.getState().dropConflict(tabId)
  useTabs.getState().close(tabId)
}

/** Replaces a saved tab's content with the file on disk, keeping the tab where it is. */
export async function reloadFromDisk(tabId: string): Promise<void> {
  const tab = findTab(tabId)
  if (!tab?.source) return
  const { collectionId, path } = tab.source
  try {
    const read = await api.call('request.read', { collectionId, path })
    const tabs = useTabs.getState()
    if (read.request.kind === 'http') {
      const request = read.request
      tabs.updateDraft(tabId, () => fromParsedRequest(request))
    }
    tabs.markSaved(tabId, { collectionId, path: read.path, hash: read.hash }, read.request)
    useSaving.getState().dropConflict(tabId)
  } catch (error) {
    useCollections.getState().toast({ text: `Could not read ${path}: ${errorText(error)}`, tone: 'error' })
  }
}

/** Creates the request file for an untitled tab; the tab then shows that file. */
export async function saveTabAs(tabId: string, collectionId: string, folder: string, name: string): Promise<void> {
  const tab = findTab(tabId)
  if (!tab) return
  const request = { ...requestOfTab(tab), name } as SavedRequest
  const created = await api.call('request.create', { collectionId, folder, request })
  useTabs.getState().markSaved(tabId, { collectionId, path: created.path, hash: created.hash }, request)
  await useCollections.getState().refreshOne(collectionId)
}

/**
 * Files changed on disk by someone else: clean tabs follow the file; tabs with edits ask which
 * version wins (never silently overwriting either).
 */
export async function onExternalChange(collectionId: string, paths: string[]): Promise<void> {
  const changed = new Set(paths)
  for (const tab of useTabs.getState().tabs) {
    if (tab.source?.collectionId !== collectionId || !changed.has(tab.source.path) || tab.kind !== 'http') continue
    let hash: string | undefined
    try {
      hash = (await api.call('request.read', { collectionId, path: tab.source.path })).hash
    } catch {
      hash = undefined // deleted or unreadable: keep the tab as it is
    }
    if (hash === undefined || hash === tab.source.hash) continue
    if (tab.dirty) useSaving.getState().addConflict({ tabId: tab.id, collectionId, path: tab.source.path, via: 'banner' })
    else await reloadFromDisk(tab.id)
  }
}
