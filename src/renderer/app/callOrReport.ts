import type { CallInput, CallName, CallOutput } from '../../shared/contract'
import { ParleyError } from '../../shared/errors'
import { api } from './api'
import { errorText } from '../i18n/errors'

/** What went wrong and what to do, in the interface language where the errors catalog knows the code (i18n/errors.ts). */
export { errorText }

/** Whatever was thrown, as a ParleyError (its code kept; anything else becomes `internal_error`). */
export function asParleyError(error: unknown): ParleyError {
  return error instanceof ParleyError ? error : new ParleyError('internal_error', error instanceof Error ? error.message : String(error))
}

/**
 * One contract call whose failure is shown rather than thrown: resolves with the call's output, or hands
 * the error to `report` (where the feature shows it) and resolves with undefined. Typed by the contract:
 * the input and output are those of the call named.
 */
export async function callOrReport<K extends CallName>(
  report: (error: ParleyError) => void,
  name: K,
  ...input: undefined extends CallInput<K> ? [CallInput<K>?] : [CallInput<K>]
): Promise<CallOutput<K> | undefined> {
  try {
    return await api.call(name, ...input)
  } catch (error) {
    report(asParleyError(error))
    return undefined
  }
}
