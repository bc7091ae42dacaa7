import { api } from '../../app/api'
import { useCollections } from '../collections/collectionsStore'
import { errorText } from '../../i18n/errors'

/** Shows, once, what core found wrong while starting (a damaged cookies.json set aside, …). */
export async function reportStartupProblems(): Promise<void> {
  try {
    const { problems } = await api.call('app.problems')
    for (const problem of problems) {
      useCollections.getState().toast({ text: errorText(problem), tone: 'error', durationMs: 30_000 })
    }
  } catch {
    // Core unreachable: the status bar already says so.
  }
}
