import { create } from 'zustand'
import { useTabs, type Tab } from './tabsStore'

interface CloseState {
  /** The tab whose unsaved changes the "Save changes?" dialog asks about. */
  asking: string | undefined
  /** Tabs to close as soon as their "Save request" dialog has saved them. */
  closeWhenSaved: string[]
}

export const useClosing = create<CloseState>(() => ({ asking: undefined, closeWhenSaved: [] }))

/** Whether closing would lose something: edits not saved (an untitled tab left empty loses nothing). */
export function hasUnsavedChanges(tab: Tab): boolean {
  if (!tab.dirty) return false
  return tab.source !== undefined || tab.kind !== 'http' || tab.draft.url.trim() !== '' || tab.draft.body.type !== 'none'
}

/** Close a tab the way a user asks to (× button, Ctrl/Cmd+W, Alt+W, Delete): unsaved changes ask first. */
export function requestClose(tabId: string): void {
  const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
  if (!tab) return
  if (hasUnsavedChanges(tab)) useClosing.setState({ asking: tabId })
  else useTabs.getState().close(tabId)
}
