import type { SendContext } from '../../../shared/sendContext'
import { useEnvironments } from './environmentsStore'

/**
 * Where core looks up a tab's `{{variables}}`: a saved request in its own collection (folders,
 * headers and auth included); an unsaved one in the collection whose environment the top bar
 * shows, its variables and that environment only. The globals apply either way.
 */
export function sendContextOf(tab: { source?: { collectionId: string; path: string } | undefined }): SendContext | undefined {
  if (tab.source) return { collectionId: tab.source.collectionId, path: tab.source.path }
  const { collectionId } = useEnvironments.getState()
  return collectionId ? { collectionId, variablesOnly: true } : undefined
}
