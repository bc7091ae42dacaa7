import { api } from '../../app/api'
import { useCollections } from '../collections/collectionsStore'

/** Shows, once, what core found wrong while starting (a damaged cookies.json set aside, …). */
export async function reportStartupProblems(): Promise<void> {
  try {
    const { problems } = await api.call('app.problems')
    for (const problem of problems) {
      useCollections.getState().toast({ text: problem.hint ? `${problem.message} ${problem.hint}` : problem.message, tone: 'error', durationMs: 30_000 })
    }
  } catch {
    // Core unreachable: the status bar already says so.
  }
}
