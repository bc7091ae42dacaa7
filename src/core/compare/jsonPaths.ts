/** A path into a JSON value: object keys and array indexes, outermost first. */
export type JsonPath = Array<string | number>

/** `notes[2].title`; keys that are not identifiers are quoted (`["a b"]`); the root is `$`. */
export function formatPath(path: JsonPath): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`
    else text += `[${JSON.stringify(segment)}]`
  }
  return text === '' ? '$' : text
}

type PatternSegment = string | { any: true } | { deep: true }

/**
 * A compiled ignore pattern. `notes[*].createdAt`: `*` (or `[*]`) is any one key or index, `**` any
 * number of them, so `**.id` ignores every `id` at any depth. A leading `$` or `$.` is allowed.
 */
export function parsePattern(pattern: string): PatternSegment[] {
  const text = pattern.trim().replace(/^\$\.?/, '')
  const segments: PatternSegment[] = []
  const tokens = text.match(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]|[^.[\]]+/g) ?? []
  for (const raw of tokens) {
    let token = raw
    if (token.startsWith('[')) {
      token = token.slice(1, -1)
      if (token.startsWith('"')) token = JSON.parse(token) as string
    }
    if (token === '**') segments.push({ deep: true })
    else if (token === '*') segments.push({ any: true })
    else segments.push(token)
  }
  return segments
}

/** Whether a concrete path matches a compiled pattern (indexes match their decimal text). */
export function pathMatches(pattern: PatternSegment[], path: JsonPath, pi = 0, si = 0): boolean {
  if (pi === pattern.length) return si === path.length
  const segment = pattern[pi]!
  if (typeof segment === 'object' && 'deep' in segment) {
    for (let skip = si; skip <= path.length; skip++) if (pathMatches(pattern, path, pi + 1, skip)) return true
    return false
  }
  if (si === path.length) return false
  if (typeof segment === 'object' || segment === String(path[si])) return pathMatches(pattern, path, pi + 1, si + 1)
  return false
}

/**
 * Removes every value whose path matches one of the patterns, in place (object keys are deleted,
 * array items become null so the other indexes keep their place). Returns how many were removed.
 */
export function removeIgnored(value: unknown, patterns: string[]): number {
  const compiled = patterns.map(parsePattern).filter((p) => p.length > 0)
  if (compiled.length === 0) return 0
  let removed = 0
  const path: JsonPath = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i)
        if (compiled.some((p) => pathMatches(p, path))) {
          node[i] = null
          removed++
        } else visit(node[i])
        path.pop()
      }
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>
      for (const key of Object.keys(record)) {
        path.push(key)
        if (compiled.some((p) => pathMatches(p, path))) {
          delete record[key]
          removed++
        } else visit(record[key])
        path.pop()
      }
    }
  }
  visit(value)
  return removed
}
