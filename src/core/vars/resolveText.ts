import type { VariablePreview } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { dynamicValue } from './dynamicValues'
import type { VariableScope } from './variableScope'

/** `{{ name }}`: a name is anything but braces; spaces around it are allowed and ignored. */
const reference = /\{\{\s*([^{}]+?)\s*\}\}/g

/** The distinct variable names a text refers to, in order of first appearance. */
export function referencedNames(text: string): string[] {
  return [...new Set([...text.matchAll(reference)].map((match) => match[1]!))]
}

/**
 * Replaces every `{{name}}` in a text with its value, resolving references inside values too.
 * Throws `variable_missing` for an undefined name and `variable_cycle` naming the loop.
 */
export function resolveString(text: string, scope: VariableScope): string {
  return expand(text, scope, [])
}

function expand(text: string, scope: VariableScope, chain: string[]): string {
  if (!text.includes('{{')) return text
  return text.replace(reference, (_match, name: string) => valueOf(name, scope, chain))
}

function valueOf(name: string, scope: VariableScope, chain: string[]): string {
  if (name.startsWith('$')) {
    const dynamic = dynamicValue(name)
    if (dynamic !== undefined) return dynamic
    if (name.startsWith('$secret:')) {
      throw new ParleyError(
        'credential_missing',
        'A credential of this auth is kept in the data directory of the machine that saved it, and it is not here.',
        "Enter it again in the Auth tab (or the folder's settings) and save; it is then stored, encrypted, on this machine."
      )
    }
  }
  if (chain.includes(name)) {
    const loop = [...chain.slice(chain.indexOf(name)), name]
    throw new ParleyError('variable_cycle', `cycle: ${loop.join(' → ')}`, 'These variables refer to each other; change one of them to a plain value.')
  }
  const found = scope.lookup(name)
  if (!found) {
    const via = chain.length > 0 ? ` (used by ${chain.at(-1)})` : ''
    const where = scope.searched ? ` Parley looked in ${scope.searched}.` : ''
    throw new ParleyError(
      'variable_missing',
      `The variable "${name}" is not defined${via}.${where}`,
      'Define it in an environment or the collection (Manage environments), or enable it if it is turned off.'
    )
  }
  if (found.unreadable) {
    throw new ParleyError('secret_unreadable', `The secret variable "${name}" cannot be used here: ${found.unreadable.message}`, found.unreadable.hint)
  }
  return expand(found.value, scope, [...chain, name])
}

/** Resolves a text for the URL bar's hover: each variable's value and where it comes from. */
export function previewText(
  text: string,
  scope: VariableScope
): { text: string | null; error?: { code: string; message: string; hint?: string }; variables: VariablePreview[] } {
  const variables = referencedNames(text).map((name): VariablePreview => {
    const found = scope.lookup(name)
    const isDynamic = name.startsWith('$') && dynamicValue(name) !== undefined
    const source = isDynamic ? 'dynamic' : (found?.source ?? null)
    try {
      const value = valueOf(name, scope, [])
      return { name, value, source, secret: found?.secret ?? false }
    } catch (error) {
      return { name, value: null, source, secret: found?.secret ?? false, error: (error as Error).message }
    }
  })
  try {
    return { text: resolveString(text, scope), variables }
  } catch (error) {
    const e = error as ParleyError
    return { text: null, error: e.hint ? { code: e.code, message: e.message, hint: e.hint } : { code: e.code, message: e.message }, variables }
  }
}
