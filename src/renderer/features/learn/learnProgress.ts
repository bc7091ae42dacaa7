import { learnStepIds } from './learnSteps'

/** The done list after marking `id` done or not: in the path's order, unknown ids from older versions dropped. */
export function withDone(done: readonly string[], id: string, isDone: boolean): string[] {
  const set = new Set(done)
  if (isDone) set.add(id)
  else set.delete(id)
  return learnStepIds.filter((step) => set.has(step))
}

/** The step to show open: the first one not done yet, or the last one when all are. */
export function currentStep(done: readonly string[]): string {
  return learnStepIds.find((id) => !done.includes(id)) ?? learnStepIds[learnStepIds.length - 1]!
}

/** How many of the path's steps are done (ids the path no longer has do not count). */
export const doneCount = (done: readonly string[]): number => learnStepIds.filter((id) => done.includes(id)).length
