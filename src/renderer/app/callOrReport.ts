import type { CallInput, CallName, CallOutput } from '../../shared/contract'
import { ParleyError } from '../../shared/errors'
import { api } from './api'

/**
 * A message a person can read, from whatever was thrown: a ParleyError's message, then its hint, as core
 * wrote them (i18n/errors.ts has the translated form, for features already translated).
 */
export function errorText(error: unknown): string {
  if (error instanceof ParleyError) return error.hint ? `${error.message} ${error.hint}` : error.message
  return error instanceof Error ? error.message : String(error)
}

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
