import { JSONPath } from 'jsonpath-plus'
import type { Assertion, TestResult } from '../../shared/scripts'
import type { ExampleMatch } from '../compare/matchesExample'

/**
 * Assertion rows without code, like Bruno's: `status == 200`, `body $.items.length > 0`,
 * `header content-type contains json`, `time < 500`, `example <name> matches [ignored paths]`.
 * Each enabled row becomes one test result.
 */

export interface AssertedResponse {
  status: number
  headers: [string, string][]
  /** The body as text (empty when binary or too large). */
  body: string
  timeMs: number
}

function rowName(row: Assertion): string {
  const head = `${row.target.trim()} ${row.operator}`
  if (exampleOf(row) !== null) return ignoredPathsOf(row).length > 0 ? `${head} ignoring ${ignoredPathsOf(row).join(', ')}` : head
  return needsExpected(row.operator) ? `${head} ${row.expected}` : head
}

/** An `example <name>` row's check, done beforehand (it reads a file and diffs in a worker), or why it could not be. */
export type ExampleChecks = Map<Assertion, ExampleMatch | Error>

export function evaluateAssertions(rows: Assertion[], response: AssertedResponse, examples: ExampleChecks = new Map()): TestResult[] {
  return rows
    .filter((row) => row.enabled && row.target.trim() !== '')
    .map((row) => {
      const name = rowName(row)
      try {
        if (exampleOf(row) !== null) {
          const failure = exampleFailure(row, examples.get(row))
          return failure === null
            ? { name, passed: true, source: 'assertion' as const }
            : { name, passed: false, message: failure, source: 'assertion' as const }
        }
        const actual = actualValue(row.target.trim(), response)
        const failure = compare(actual, row.operator, row.expected)
        return failure === null ? { name, passed: true, source: 'assertion' as const } : { name, passed: false, message: failure, source: 'assertion' as const }
      } catch (error) {
        return { name, passed: false, message: error instanceof Error ? error.message : String(error), source: 'assertion' as const }
      }
    })
}

/** The example an `example <name>` row names, or null for any other row. */
export function exampleOf(row: Assertion): string | null {
  const match = /^example(?:\s+(.*))?$/i.exec(row.target.trim())
  return match ? (match[1] ?? '').trim() : null
}

/** An example row's expected value: the JSON paths to leave out, comma-separated (`**.createdAt, id`). */
export function ignoredPathsOf(row: Assertion): string[] {
  return row.expected
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '')
}

const MAX_LISTED_DIFFERENCES = 8

/** null when the response matches the example as the row asks (`matches`/`==`: same, `!=`: not the same). */
function exampleFailure(row: Assertion, check: ExampleMatch | Error | undefined): string | null {
  const name = exampleOf(row)
  if (!name) throw new Error('Name the example, e.g. "example Fresh note" (save one in the Compare tab of the response).')
  if (row.operator !== 'matches' && row.operator !== '==' && row.operator !== '!=') {
    throw new Error(`"${row.operator}" does not apply to an example: use matches (or ==) to expect the same response, != to expect a different one.`)
  }
  if (check === undefined) throw new Error(`The example "${name}" was not checked.`)
  if (check instanceof Error) throw check
  if (row.operator === '!=') return check.pass ? `expected a response different from the example "${name}", got the same` : null
  if (check.pass) return null
  const listed = check.differences.slice(0, MAX_LISTED_DIFFERENCES)
  const more = check.differences.length - listed.length
  return `differs from the example "${name}": ${listed.join('; ')}${more > 0 ? `; … and ${more} more` : ''}`
}

const needsExpected = (operator: Assertion['operator']): boolean => operator !== 'exists' && operator !== 'not exists'

function actualValue(target: string, response: AssertedResponse): unknown {
  const space = target.indexOf(' ')
  const kind = (space < 0 ? target : target.slice(0, space)).toLowerCase()
  const rest = space < 0 ? '' : target.slice(space + 1).trim()
  switch (kind) {
    case 'status':
      return response.status
    case 'time':
    case 'responsetime':
      return Math.round(response.timeMs)
    case 'header': {
      if (!rest) throw new Error('Name the header, e.g. "header content-type".')
      const found = response.headers.filter(([name]) => name.toLowerCase() === rest.toLowerCase()).map(([, value]) => value)
      return found.length === 0 ? undefined : found.join(', ')
    }
    case 'body': {
      if (!rest) return response.body
      let json: unknown
      try {
        json = JSON.parse(response.body)
      } catch {
        throw new Error(`The body is not JSON, so the path ${rest} cannot be read.`)
      }
      const path = rest.startsWith('$') ? rest : `$.${rest}`
      return readPath(json, path)
    }
    default:
      throw new Error(`Unknown target "${kind}": use status, time, body, body <JSONPath>, header <name> or example <name>.`)
  }
}

/** JSONPath, plus a trailing `.length` (jsonpath-plus treats it as a property name). */
function readPath(json: unknown, path: string): unknown {
  const lengthOf = /\.length$/.exec(path)
  const base = lengthOf ? path.slice(0, -'.length'.length) || '$' : path
  const found = JSONPath({ path: base, json: json as object, wrap: true }) as unknown[]
  const value = found.length === 0 ? undefined : found.length === 1 ? found[0] : found
  if (!lengthOf) return value
  if (Array.isArray(value) || typeof value === 'string') return value.length
  if (value !== null && typeof value === 'object') return (value as { length?: unknown }).length
  return undefined
}

/** The expected text as a value: JSON when it parses (200, true, "x", [1]), else the text itself. */
function parseExpected(text: string): unknown {
  const trimmed = text.trim()
  try {
    return JSON.parse(trimmed)
  } catch {
    return trimmed
  }
}

const show = (value: unknown): string =>
  value === undefined ? 'nothing' : typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))

/** null when the row holds, else why not, in words. */
function compare(actual: unknown, operator: Assertion['operator'], expectedText: string): string | null {
  const expected = parseExpected(expectedText)
  const got = `got ${show(actual)}`
  switch (operator) {
    case 'exists':
      return actual !== undefined && actual !== null ? null : `expected a value, ${got}`
    case 'not exists':
      return actual === undefined || actual === null ? null : `expected no value, ${got}`
    case '==':
      return same(actual, expected) ? null : `expected ${show(expected)}, ${got}`
    case '!=':
      return same(actual, expected) ? `expected anything but ${show(expected)}, ${got}` : null
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const a = Number(actual)
      const b = Number(expected)
      if (actual === undefined || actual === null || actual === '' || Number.isNaN(a)) return `expected a number ${operator} ${show(expected)}, ${got}`
      if (Number.isNaN(b)) return `"${expectedText}" is not a number`
      const holds = operator === '>' ? a > b : operator === '>=' ? a >= b : operator === '<' ? a < b : a <= b
      return holds ? null : `expected ${operator} ${b}, ${got}`
    }
    case 'contains':
    case 'not contains': {
      const has = Array.isArray(actual) ? actual.some((item) => same(item, expected)) : String(actual ?? '').includes(expectedText.trim())
      if (operator === 'contains') return has ? null : `expected to contain ${show(expectedText.trim())}, ${got}`
      return has ? `expected not to contain ${show(expectedText.trim())}, ${got}` : null
    }
    case 'matches': {
      let pattern: RegExp
      try {
        pattern = new RegExp(expectedText.trim())
      } catch {
        return `"${expectedText}" is not a regular expression`
      }
      return pattern.test(String(actual ?? '')) ? null : `expected to match /${expectedText.trim()}/, ${got}`
    }
  }
}

/** Equal as values; a number and its text are the same (`header content-length == 12`). */
function same(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'object' || typeof expected === 'object') return JSON.stringify(actual) === JSON.stringify(expected)
  if (typeof actual === typeof expected) return actual === expected
  return String(actual) === String(expected)
}
