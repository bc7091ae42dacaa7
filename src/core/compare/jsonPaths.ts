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

/**
 * Whether a concrete path is at or under a path the pattern names (indexes match their decimal text):
 * ignoring `meta` ignores everything inside it.
 */
export function pathMatches(pattern: PatternSegment[], path: JsonPath, pi = 0, si = 0): boolean {
  if (pi === pattern.length) return true
  const segment = pattern[pi]!
  if (typeof segment === 'object' && 'deep' in segment) {
    for (let skip = si; skip <= path.length; skip++) if (pathMatches(pattern, path, pi + 1, skip)) return true
    return false
  }
  if (si === path.length) return false
  if (typeof segment === 'object' || segment === String(path[si])) return pathMatches(pattern, path, pi + 1, si + 1)
  return false
}
