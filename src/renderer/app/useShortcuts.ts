import { useEffect } from 'react'
import { requestClose } from '../features/tabs/closeTab'
import { useTabs } from '../features/tabs/tabsStore'

/**
 * App-wide tab keys: Ctrl/Cmd+T new tab, Ctrl/Cmd+W close, Ctrl/Cmd+Shift+T reopen the last closed.
 * A browser keeps Ctrl+T/W for itself, so Alt+T, Alt+W and Alt+Shift+T do the same everywhere.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey
      const alt = event.altKey && !mod
      if (!(mod && !event.altKey) && !alt) return
      const tabs = useTabs.getState()
      // event.code: Alt+T types a character on some layouts (macOS †), the key stays the same.
      const key = event.code === 'KeyT' ? 't' : event.code === 'KeyW' ? 'w' : event.key.toLowerCase()
      if (key === 't' && event.shiftKey) tabs.reopenClosed()
      else if (key === 't') tabs.open()
      else if (key === 'w' && !event.shiftKey && tabs.activeId) requestClose(tabs.activeId)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
