import { diffLines } from 'diff'
import type { CompareResult } from '../../shared/compare'
import type { HeaderList } from '../../shared/http'
import { diffJson, MAX_CHANGES } from './jsonDiff'

/** One response as the diff sees it: from history or an example. */
export interface ResponseSnapshot {
  status: number
  statusText: string
  headers: HeaderList
  /** null when the body was not kept. */
  body: Buffer | null
}

/** Side-by-side text past this is cut: the structural diff still covers the whole body. */
export const SIDE_BY_SIDE_LIMIT = 512 * 1024
/** Line diffs of texts past this are not attempted (Myers on megabytes of lines is slow). */
const LINE_DIFF_LIMIT = 2 * 1024 * 1024
// Headers that differ on every send and say nothing about what the endpoint returned (content-length
// follows the body, which is compared on its own).
const VOLATILE_HEADERS = new Set(['content-length', 'date', 'age', 'expires', 'last-modified', 'x-request-id', 'x-response-time', 'etag', 'keep-alive'])

/**
 * What changed from `left` to `right`: status, headers, and the body as a structural JSON diff (when
 * both parse as JSON) or a line diff; `ignorePaths` leaves chosen JSON paths out (see jsonPaths).
 */
export function compareResponses(left: ResponseSnapshot, right: ResponseSnapshot, ignorePaths: string[] = []): CompareResult {
  const headers = diffHeaders(left.headers, right.headers)
  const status = { left: left.status, right: right.status, leftText: left.statusText, rightText: right.statusText }
  if (!left.body || !right.body) {
    const reason = 'One of the bodies was not kept (larger than the response history may hold).'
    return { status, headers, body: { kind: 'missing', reason }, text: { left: '', right: '', cut: false }, equal: false }
  }
  const leftText = left.body.toString('utf8')
  const rightText = right.body.toString('utf8')
  const leftJson = parseJson(leftText)
  const rightJson = parseJson(rightText)
  if (leftJson.ok && rightJson.ok) {
    const { changes, truncated, ignored } = diffJson(leftJson.value, rightJson.value, ignorePaths)
    const text = sideBySide(pretty(leftJson.value), pretty(rightJson.value))
    const equal = changes.length === 0 && status.left === status.right && headers.length === 0
    return { status, headers, body: { kind: 'json', changes, truncated, ignored }, text, equal }
  }
  const body = lineDiff(leftText, rightText)
  const equal = leftText === rightText && status.left === status.right && headers.length === 0
  return { status, headers, body, text: sideBySide(leftText, rightText), equal }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { ok: false }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** Pretty JSON for the side-by-side view (a minified body cut short would be one endless line). */
function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2)
}

function sideBySide(left: string, right: string): CompareResult['text'] {
  const cut = left.length > SIDE_BY_SIDE_LIMIT || right.length > SIDE_BY_SIDE_LIMIT
  return { left: left.slice(0, SIDE_BY_SIDE_LIMIT), right: right.slice(0, SIDE_BY_SIDE_LIMIT), cut }
}

function lineDiff(left: string, right: string): CompareResult['body'] {
  if (left.length > LINE_DIFF_LIMIT || right.length > LINE_DIFF_LIMIT) {
    return { kind: 'missing', reason: `Bodies over ${LINE_DIFF_LIMIT / 1024 / 1024} MB that are not JSON are not compared line by line.` }
  }
  const changes: Array<{ kind: 'added' | 'removed'; line: number; text: string }> = []
  let leftLine = 1
  let rightLine = 1
  let truncated = false
  for (const part of diffLines(left, right)) {
    const lines = part.value.replace(/\n$/, '').split('\n')
    if (part.added || part.removed) {
      for (const [n, text] of lines.entries()) {
        if (changes.length >= MAX_CHANGES) truncated = true
        else changes.push({ kind: part.added ? 'added' : 'removed', line: (part.added ? rightLine : leftLine) + n, text })
      }
    }
    if (!part.added) leftLine += part.count ?? lines.length
    if (!part.removed) rightLine += part.count ?? lines.length
  }
  return { kind: 'lines', changes, truncated }
}

/** Header differences by name (case-insensitive, repeated headers joined), volatile ones left out. */
function diffHeaders(left: HeaderList, right: HeaderList): CompareResult['headers'] {
  const collect = (list: HeaderList): Map<string, string> => {
    const map = new Map<string, string>()
    for (const [name, value] of list) {
      const key = name.toLowerCase()
      if (VOLATILE_HEADERS.has(key)) continue
      map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value)
    }
    return map
  }
  const a = collect(left)
  const b = collect(right)
  const out: CompareResult['headers'] = []
  for (const [name, value] of a) {
    if (!b.has(name)) out.push({ name, kind: 'removed', left: value })
    else if (b.get(name) !== value) out.push({ name, kind: 'changed', left: value, right: b.get(name) })
  }
  for (const [name, value] of b) if (!a.has(name)) out.push({ name, kind: 'added', right: value })
  return out
}
