import { ParleyError, type AppError } from '../../shared/errors'
import { i18n } from './setup'

/**
 * Core speaks English and gives every error a stable `code` (and, for the common ones, `params`: the host,
 * the path…). The renderer says it in the user's language from the `errors` catalog when it knows the code
 * and has every value the message needs, and falls back to core's English text otherwise: a new error in core
 * is never lost, only untranslated.
 */
/** `code`, or `code.variant` where one code has several messages (params.variant). */
function keyOf(error: AppError): string {
  const variant = error.params?.['variant']
  return typeof variant === 'string' ? `${error.code}.${variant}` : error.code
}

function translated(error: AppError, part: 'message' | 'hint'): string | undefined {
  const key = `errors:${keyOf(error)}.${part}`
  if (!i18n.exists(key)) return undefined
  try {
    const text = i18n.t(key, { ...(error.params ?? {}) }) as string
    // A message naming a value the error did not carry would show a hole: keep core's text then.
    return text && text !== key ? text : undefined
  } catch {
    return undefined
  }
}

function needsParams(error: AppError): boolean {
  // Outside a window (a unit test of a store) the catalogs may not be loaded: core's own text then.
  if (!i18n.isInitialized) return true
  const raw = i18n.getResource(i18n.language, 'errors', `${keyOf(error)}.message`) as unknown
  if (typeof raw !== 'string') return false
  const names = [...raw.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1] ?? '')
  return names.some((name) => error.params?.[name] === undefined)
}

/** The message and the hint of an error, in the interface language where the catalog has them. */
export function errorParts(error: AppError): { message: string; hint?: string } {
  if (needsParams(error)) return error.hint === undefined ? { message: error.message } : { message: error.message, hint: error.hint }
  const message = translated(error, 'message') ?? error.message
  const hint = translated(error, 'hint') ?? error.hint
  return hint === undefined ? { message } : { message, hint }
}

/** One line for anything thrown: a ParleyError (translated), an Error's message, or the value as text. */
export function errorText(error: unknown): string {
  if (error instanceof ParleyError || (typeof error === 'object' && error !== null && 'code' in error && 'message' in error)) {
    const { message, hint } = errorParts(error as AppError)
    return hint ? `${message} ${hint}` : message
  }
  return error instanceof Error ? error.message : String(error)
}
