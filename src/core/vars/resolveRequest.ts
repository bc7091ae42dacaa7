import type { SavedRequest } from '../../shared/collection'
import { resolveString } from './resolveText'
import type { VariableScope } from './variableScope'

/** Arrays whose items carry a `name` that is a label for the user, not something sent. */
const labelledLists = new Set(['emits', 'savedMessages'])

/**
 * Resolves every `{{variable}}` in a request about to be sent: URL, headers, query, body texts,
 * form and multipart fields, auth fields, Socket.IO auth JSON, emit arguments, saved messages.
 * Descriptions and labels are left as written: they are documentation, not part of the request.
 */
export function resolveRequest<R extends SavedRequest>(request: R, scope: VariableScope): R {
  return resolveDeep(request, scope, { top: true, labelled: false }) as R
}

/** Resolves every string inside any JSON-like value (objects and arrays are copied, not changed). */
export function resolveValue<T>(value: T, scope: VariableScope): T {
  return resolveDeep(value, scope, { top: false, labelled: false }) as T
}

function resolveDeep(value: unknown, scope: VariableScope, at: { top: boolean; labelled: boolean }): unknown {
  if (typeof value === 'string') return resolveString(value, scope)
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, scope, { top: false, labelled: at.labelled }))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const isLabel = key === 'description' || (key === 'kind' && at.top) || (key === 'name' && (at.top || at.labelled))
    out[key] = isLabel ? child : resolveDeep(child, scope, { top: false, labelled: Array.isArray(child) && labelledLists.has(key) })
  }
  return out
}
