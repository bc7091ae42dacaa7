import { create, type Delta } from 'jsondiffpatch'
import type { BodyChange } from '../../shared/compare'
import { formatPath, parsePattern, pathMatches, type JsonPath } from './jsonPaths'

/** Most changes listed; past it the diff says it was cut rather than sending megabytes of paths. */
export const MAX_CHANGES = 5000
/** Unkeyed arrays up to this many compared pairs go through jsondiffpatch's LCS (moves found). */
const LCS_BUDGET = 250_000
const ID_KEYS = ['id', '_id', 'uuid', 'key'] as const

// Without diffMatchPatch jsondiffpatch never text-diffs strings: a changed string is shown whole.
const patcher = create({ arrays: { detectMove: true, includeValueOnMove: false } })

export interface JsonDiff {
  changes: BodyChange[]
  truncated: boolean
  /** Differences left out because their path matched an ignore pattern. */
  ignored: number
}

type Push = (kind: BodyChange['kind'], fields: Omit<BodyChange, 'kind' | 'path'>, last?: string | number) => void

/**
 * The structural difference from `before` to `after`: added, removed and changed paths and array
 * items that moved. Arrays of objects with ids are matched by id in O(n log n) (jsondiffpatch's LCS is
 * quadratic in memory, too much for 5 MB bodies); other small arrays use jsondiffpatch, big ones by index.
 * A difference whose path matches an ignore pattern (see jsonPaths) is counted, not listed.
 */
export function diffJson(before: unknown, after: unknown, ignorePaths: string[] = []): JsonDiff {
  const patterns = ignorePaths.map(parsePattern).filter((p) => p.length > 0)
  const result: JsonDiff = { changes: [], truncated: false, ignored: 0 }
  // One path stack for the whole walk: a 5 MB body has a million nodes, and only changes need a copy.
  const path: JsonPath = []
  const push: Push = (kind, fields, last) => {
    if (last !== undefined) path.push(last)
    if (patterns.some((pattern) => pathMatches(pattern, path))) result.ignored++
    else if (result.changes.length < MAX_CHANGES) result.changes.push({ kind, path: formatPath(path), ...fields })
    else result.truncated = true
    if (last !== undefined) path.pop()
  }
  walk(before, after, path, push)
  return result
}

function walk(a: unknown, b: unknown, path: JsonPath, push: Push): void {
  if (a === b) return
  if (Array.isArray(a) && Array.isArray(b)) return diffArray(a, b, path, push)
  if (isRecord(a) && isRecord(b)) {
    for (const key in a) {
      if (!Object.hasOwn(b, key)) push('removed', { before: preview(a[key]) }, key)
      else if (a[key] !== b[key]) {
        path.push(key)
        walk(a[key], b[key], path, push)
        path.pop()
      }
    }
    for (const key in b) if (!Object.hasOwn(a, key)) push('added', { after: preview(b[key]) }, key)
    return
  }
  if (!deepEqual(a, b)) push('changed', { before: preview(a), after: preview(b) })
}

function walkAt(a: unknown, b: unknown, path: JsonPath, push: Push, at: string | number): void {
  path.push(at)
  walk(a, b, path, push)
  path.pop()
}

function diffArray(a: unknown[], b: unknown[], path: JsonPath, push: Push): void {
  // Common head and tail first: most arrays that changed changed in a few places.
  let head = 0
  while (head < a.length && head < b.length && deepEqual(a[head], b[head])) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && deepEqual(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++
  const aMid = a.slice(head, a.length - tail)
  const bMid = b.slice(head, b.length - tail)
  if (aMid.length === 0 && bMid.length === 0) return
  const idKey = sharedIdKey(aMid, bMid)
  if (idKey) return diffKeyed(aMid, bMid, head, idKey, path, push)
  if (aMid.length * bMid.length <= LCS_BUDGET) {
    const delta = patcher.diff(aMid, bMid)
    if (delta) translate(delta, path, push, head)
    return
  }
  const common = Math.min(aMid.length, bMid.length)
  for (let i = 0; i < common; i++) walkAt(aMid[i], bMid[i], path, push, head + i)
  for (let i = common; i < aMid.length; i++) push('removed', { before: preview(aMid[i]) }, head + i)
  for (let i = common; i < bMid.length; i++) push('added', { after: preview(bMid[i]) }, head + i)
}

/** The id field every item of both arrays has, unique within each; null when there is none. */
function sharedIdKey(a: unknown[], b: unknown[]): string | null {
  const first = a[0] ?? b[0]
  if (!isRecord(first)) return null
  for (const key of ID_KEYS) {
    if (!(key in first)) continue
    const unique = (items: unknown[]): boolean => {
      const seen = new Set<unknown>()
      for (const item of items) {
        if (!isRecord(item)) return false
        const id = item[key]
        if ((typeof id !== 'string' && typeof id !== 'number') || seen.has(id)) return false
        seen.add(id)
      }
      return true
    }
    if (unique(a) && unique(b)) return key
  }
  return null
}

function diffKeyed(a: unknown[], b: unknown[], offset: number, key: string, path: JsonPath, push: Push): void {
  const idOf = (item: unknown): unknown => (item as Record<string, unknown>)[key]
  const oldIndex = new Map<unknown, number>()
  a.forEach((item, i) => oldIndex.set(idOf(item), i))
  const newIds = new Set(b.map(idOf))
  a.forEach((item, i) => {
    if (!newIds.has(idOf(item))) push('removed', { before: preview(item) }, offset + i)
  })
  const pairs: Array<{ from: number; to: number }> = []
  b.forEach((item, j) => {
    const i = oldIndex.get(idOf(item))
    if (i === undefined) push('added', { after: preview(item) }, offset + j)
    else pairs.push({ from: i, to: j })
  })
  // Items in the longest run that kept its relative order stayed; the others moved.
  const staying = longestIncreasing(pairs.map((p) => p.from))
  pairs.forEach((pair, n) => {
    if (!staying.has(n)) push('moved', { from: offset + pair.from, to: offset + pair.to }, offset + pair.to)
    walkAt(a[pair.from], b[pair.to], path, push, offset + pair.to)
  })
}

/** Positions (in `values`) of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = []
  const previous = new Array<number>(values.length).fill(-1)
  for (let i = 0; i < values.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (values[tails[mid]!]! < values[i]!) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const kept = new Set<number>()
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]!) kept.add(i)
  return kept
}

/** jsondiffpatch's delta format as the flat change list (`offset` shifts indexes of a trimmed array). */
function translate(delta: Delta, path: JsonPath, push: Push, offset = 0): void {
  if (Array.isArray(delta)) {
    const d = delta as unknown[]
    if (d.length === 1) push('added', { after: preview(d[0]) })
    else if (d.length === 2) push('changed', { before: preview(d[0]), after: preview(d[1]) })
    else if (d[2] === 0) push('removed', { before: preview(d[0]) })
    return
  }
  if (!isRecord(delta)) return
  const isArray = (delta as Record<string, unknown>)._t === 'a'
  for (const [key, value] of Object.entries(delta)) {
    if (key === '_t') continue
    if (isArray && key.startsWith('_')) {
      const from = Number(key.slice(1)) + offset
      const d = value as unknown[]
      if (d[2] === 3) push('moved', { from, to: Number(d[1]) + offset }, Number(d[1]) + offset)
      else if (d[2] === 0) push('removed', { before: preview(d[0]) }, from)
      continue
    }
    path.push(isArray ? Number(key) + offset : key)
    translate(value as Delta, path, push)
    path.pop()
  }
}

/** A short JSON text of a value for the change list. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Structural equality of two parsed JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const key of ka) if (!Object.hasOwn(b, key) || !deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  return true
}
