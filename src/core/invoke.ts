import { z } from 'zod'
import { calls, isCallName, type CallName, type Calls, type ParsedInput } from '../shared/contract'
import { ParleyError, type AppError, type CallResult } from '../shared/errors'

type MaybePromise<T> = T | Promise<T>

/** One function per call of the contract; the input is already parsed by its schema. */
export type Handlers = {
  [K in CallName]: (input: ParsedInput<K>) => MaybePromise<z.input<Calls[K]['output']>>
}

/**
 * The single door into core for every adapter: checks the name, parses the input with the
 * contract's schema, runs the handler and turns anything thrown into a readable error value.
 * A malformed call never reaches a handler, so it changes nothing.
 */
export async function invokeCall(handlers: Handlers, name: unknown, rawInput: unknown): Promise<CallResult> {
  if (!isCallName(name)) {
    return failure({
      code: 'unknown_call',
      message: `There is no call named ${JSON.stringify(name)}.`,
      hint: 'The window and the core are probably from different versions of Parley: reload the window.'
    })
  }
  const parsed = calls[name].input.safeParse(rawInput)
  if (!parsed.success) {
    return failure({
      code: 'invalid_input',
      message: `${name} was given invalid input: ${describeIssues(parsed.error)}`,
      hint: 'Nothing was changed. Correct the fields named above and try again.'
    })
  }
  try {
    const handler = handlers[name] as (input: unknown) => MaybePromise<unknown>
    const value = calls[name].output.parse(await handler(parsed.data))
    return { ok: true, value }
  } catch (error) {
    return failure(toAppError(error))
  }
}

/** Turns anything thrown in core into `{ code, message, hint }`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof ParleyError) return error.toJSON()
  if (error instanceof z.ZodError) {
    return {
      code: 'internal_error',
      message: `Parley produced a result that does not fit its own contract: ${describeIssues(error)}`,
      hint: 'This is a bug in Parley; please report it with the steps that led here.'
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal_error', message, hint: 'This is unexpected; please report it with the steps that led here.' }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ')
}

function failure(error: AppError): CallResult {
  return { ok: false, error }
}
