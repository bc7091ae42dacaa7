import { useEffect } from 'react'
import { openDialog, useAppDialogs } from './appDialogs'
import { sessionActions } from '../features/realtime/sessionStore'
import { useExchanges } from '../features/request/exchangeStore'
import { sendTab } from '../features/request/sendTab'
import { requestClose } from '../features/tabs/closeTab'
import { useTabs } from '../features/tabs/tabsStore'

/** A modal dialog is open: its own keys (Enter, Esc) are not the tab's. */
const dialogOpen = (): boolean => document.querySelector('dialog[open]') !== null

/**
 * App-wide keys, wherever the focus is: Ctrl/Cmd+T new tab, Ctrl/Cmd+W close, Ctrl/Cmd+Shift+T
 * reopen the last closed (a browser keeps Ctrl+T/W for itself, so Alt+T, Alt+W and Alt+Shift+T do
 * the same); Ctrl/Cmd+Enter sends, connects or emits; Esc cancels what the tab is doing;
 * Ctrl/Cmd+K opens the command palette, Ctrl/Cmd+/ the shortcut sheet.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey
      const tabs = useTabs.getState()
      const active = tabs.tabs.find((t) => t.id === tabs.activeId)
      if (event.key === 'Escape' && !mod && !event.altKey && active && !dialogOpen()) {
        const exchange = useExchanges.getState().byTab[active.id]
        if (active.kind === 'http' && exchange?.state === 'sending') void useExchanges.getState().cancel(active.id)
        else if (active.kind === 'http' || !sessionActions.cancelConnect(active.id)) return
        event.preventDefault()
        return
      }
      if (event.key === 'Enter' && mod && !event.altKey && !event.shiftKey) {
        if (!active || dialogOpen()) return
        // Before an editor sees it: CodeMirror would insert a line.
        event.preventDefault()
        event.stopPropagation()
        if (active.kind === 'http') sendTab(active.id)
        else sessionActions.submit(active.id)
        return
      }
      if (mod && !event.altKey && (event.key.toLowerCase() === 'k' || event.key === '/')) {
        event.preventDefault()
        event.stopPropagation()
        const wanted = event.key === '/' ? 'shortcuts' : 'palette'
        const open = useAppDialogs.getState().open
        if (open === wanted) useAppDialogs.setState({ open: undefined })
        else if (!dialogOpen()) openDialog(wanted)
        return
      }
      const alt = event.altKey && !mod
      if (!(mod && !event.altKey) && !alt) return
      // event.code: Alt+T types a character on some layouts (macOS †), the key stays the same.
      const key = event.code === 'KeyT' ? 't' : event.code === 'KeyW' ? 'w' : event.key.toLowerCase()
      if (key === 't' && event.shiftKey) tabs.reopenClosed()
      else if (key === 't') tabs.open()
      else if (key === 'w' && !event.shiftKey && tabs.activeId) requestClose(tabs.activeId)
      else return
      event.preventDefault()
    }
    // Capture phase: the keys work wherever the focus is, editors included.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}
