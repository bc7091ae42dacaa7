/**
 * Every bench judges its figures here, so `npm run bench` can fail when any target is missed:
 * a regression must not land with only a line of output to show for it.
 */
const missed: string[] = []

/** Records the verdict for one bench line and returns the words to print in it. */
export function verdict(bench: string, met: boolean): string {
  if (!met) missed.push(bench)
  return met ? 'target met' : 'target MISSED'
}

/** The benches that missed their target so far in this run. */
export function missedTargets(): readonly string[] {
  return missed
}
