import { useEffect } from 'react'
import { useTabs } from '../features/tabs/tabsStore'

/** App-wide keys: Ctrl/Cmd+T new tab, Ctrl/Cmd+W close, Ctrl/Cmd+Shift+T reopen the last closed. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const tabs = useTabs.getState()
      const key = event.key.toLowerCase()
      if (key === 't' && event.shiftKey) tabs.reopenClosed()
      else if (key === 't') tabs.open()
      else if (key === 'w' && tabs.activeId) tabs.close(tabs.activeId)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
