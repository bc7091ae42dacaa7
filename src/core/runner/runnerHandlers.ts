import { ParleyError } from '../../shared/errors'
import type { Handlers } from '../invoke'

type RunnerCall = 'runner.start' | 'runner.cancel' | 'runner.result' | 'runner.save'

/** The collection runner's calls (placeholder until the runner lands). */
export function createRunnerHandlers(): Pick<Handlers, RunnerCall> {
  const notYet = (): never => {
    throw new ParleyError('not_implemented', 'The collection runner is not ready yet.')
  }
  return { 'runner.start': notYet, 'runner.cancel': notYet, 'runner.result': notYet, 'runner.save': notYet }
}
