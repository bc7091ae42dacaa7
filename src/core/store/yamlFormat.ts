import { LineCounter, parseDocument, stringify } from 'yaml'
import type { z } from 'zod'
import type { Problem } from '../../shared/collection'
import { parseCanonicalYaml } from './fastYaml'
import { firstAliasLine, maxValueDepth, nestingProblem, tooDeep, valueDepth } from './yamlNesting'

/**
 * YAML in and out for every collection file. Output is canonical: keys in schema order, values
 * equal to their default left out, no line folding, no anchors, so load → save gives the same
 * bytes and a diff shows only what the user changed.
 */

const OMIT = Symbol('omit')

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } }
  safeParse(value: unknown): { success: boolean }
}

/** Drops values equal to their schema default and orders keys as the schema declares them. */
export function pruneDefaults(schema: z.ZodType, value: unknown): unknown {
  const result = prune(schema as unknown as ZodInternals, value)
  return result === OMIT ? undefined : result
}

function prune(schema: ZodInternals, value: unknown): unknown {
  const def = schema._zod.def
  switch (def.type) {
    case 'default':
    case 'prefault': {
      if (deepEqual(value, def.defaultValue)) return OMIT
      return prune(def.innerType as ZodInternals, value)
    }
    case 'optional':
      return value === undefined ? OMIT : prune(def.innerType as ZodInternals, value)
    case 'nullable':
      return value === null ? null : prune(def.innerType as ZodInternals, value)
    case 'object': {
      if (typeof value !== 'object' || value === null) return value
      const shape = def.shape as Record<string, ZodInternals>
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(shape)) {
        const pruned = prune(child, (value as Record<string, unknown>)[key])
        if (pruned !== OMIT && pruned !== undefined) out[key] = pruned
      }
      return out
    }
    case 'array': {
      if (!Array.isArray(value)) return value
      return value.map((item) => {
        const pruned = prune(def.element as ZodInternals, item)
        return pruned === OMIT ? item : pruned
      })
    }
    case 'union': {
      // The option that accepts the value decides which defaults apply (e.g. a body's type).
      const option = (def.options as ZodInternals[]).find((candidate) => candidate.safeParse(value).success)
      return option ? prune(option, value) : value
    }
    default:
      return value
  }
}

/** Structural equality of JSON-like values; keys whose value is undefined count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return ak.length === bk.length && ak.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** The canonical text of a value under a schema: what Parley writes to disk. */
export function toYaml(schema: z.ZodType, value: unknown): string {
  return stringify(pruneDefaults(schema, value) ?? {}, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
    indent: 2
  })
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: Problem }

/**
 * How many reads the fast reader answered and how many went to the full parser (a hand-edited file, an
 * error, something outside the subset). A file Parley wrote that falls back costs about ten times more:
 * the collection bench and test/unit/core/store/fastYaml.test.ts read these counts.
 */
export const yamlReads = { fast: 0, fallback: 0 }

/** Sets both counts back to zero. */
export function resetYamlReads(): void {
  yamlReads.fast = 0
  yamlReads.fallback = 0
}

/** Parses YAML text with a schema; a failure names the line of the offending key or value. */
export function fromYaml<S extends z.ZodType>(schema: S, text: string, path: string): ParseResult<z.output<S>> {
  // Files Parley wrote take the fast path; anything else, and every error, goes through the full parser.
  const fast = parseCanonicalYaml(text)
  if (fast !== undefined && valueDepth(fast) <= maxValueDepth) {
    const parsed = schema.safeParse(fast)
    if (parsed.success) {
      yamlReads.fast++
      return { ok: true, value: parsed.data }
    }
  }
  yamlReads.fallback++
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const syntax = doc.errors[0]
  if (syntax) {
    // Errors found at end of input (an unclosed quote) point past the text: name its last line.
    const lastLine = Math.max(1, text.replace(/\s+$/, '').split('\n').length)
    const line = Math.min(lineCounter.linePos(syntax.pos[0]).line, lastLine)
    // The parser itself recurses: thousands of levels end its stack, which it reports as a syntax error.
    const overflow = doc.errors.some((error) => error.message.includes('call stack'))
    return { ok: false, problem: { path, line, message: overflow ? tooDeep : `YAML syntax: ${firstLine(syntax.message)}` } }
  }
  const nesting = nestingProblem(doc, lineCounter)
  if (nesting) return { ok: false, problem: { path, line: nesting.line, message: nesting.message } }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // The yaml library refuses aliases that expand exponentially ("billion laughs").
    const message = `Its aliases expand to too much data (${(error as Error).message}); Parley does not expand it. Write the values out instead of aliasing them.`
    return { ok: false, problem: { path, line: firstAliasLine(doc, lineCounter), message } }
  }
  if (valueDepth(value) > maxValueDepth) {
    return { ok: false, problem: { path, line: firstAliasLine(doc, lineCounter), message: `With its aliases expanded: ${tooDeep}` } }
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]!
  const where = issue.path.map(String)
  let line = 1
  // The issue's path may name a key that is missing: point at the closest node that exists.
  for (let depth = where.length; depth >= 0; depth--) {
    const node = doc.getIn(
      where.slice(0, depth).map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      true
    ) as { range?: [number, number, number] } | undefined
    if (node && typeof node === 'object' && node.range) {
      line = lineCounter.linePos(node.range[0]).line
      break
    }
    if (depth === 0) {
      const contents = doc.contents as { range?: [number, number, number] } | null
      if (contents?.range) line = lineCounter.linePos(contents.range[0]).line
    }
  }
  const field = where.length > 0 ? `${where.join('.')}: ` : ''
  return { ok: false, problem: { path, line, message: `${field}${issue.message}` } }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}
