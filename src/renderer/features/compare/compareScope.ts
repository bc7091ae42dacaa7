import { useMemo } from 'react'
import { useExchanges } from '../request/exchangeStore'
import { showResponseBody } from '../response/ResponsePane'
import type { Tab } from '../tabs/tabsStore'
import type { CompareScope } from './ComparePanel'

/** A tab's place in response history: its request file when saved, else the tab itself. */
export function useCompareScope(tab: Tab): CompareScope {
  const reopen = useExchanges((s) => s.reopen)
  const collectionId = tab.source?.collectionId
  const path = tab.source?.path
  return useMemo(() => {
    const saved = collectionId && path ? { collectionId, path } : null
    return {
      target: saved ?? { tabId: tab.id },
      saved,
      reopen: (response) => {
        reopen(tab.id, response)
        showResponseBody(tab.id)
      }
    }
  }, [collectionId, path, tab.id, reopen])
}
