import type { Example } from '../../shared/compare'
import type { HeaderList } from '../../shared/http'
import { compareResponses } from './compareResponses'

/** What an assertion needs of the response it checks. */
export interface ResponseUnderTest {
  status: number
  headers?: HeaderList
  /** The body as text (or bytes). */
  body: string | Buffer
}

export interface ExampleMatch {
  pass: boolean
  /** One line per difference, readable in a test report: `status 200 → 404`, `added notes[3]`. */
  differences: string[]
}

/**
 * The "matches example (ignoring paths …)" assertion: the status and the body (structurally, for JSON)
 * equal the example's, leaving out `ignorePaths` and the example's own. Headers are not compared:
 * servers add and reorder them without the endpoint changing.
 */
export function matchesExample(response: ResponseUnderTest, example: Example, ignorePaths: string[] = []): ExampleMatch {
  const exampleBody = example.bodyBase64 !== undefined ? Buffer.from(example.bodyBase64, 'base64') : Buffer.from(example.body ?? '', 'utf8')
  const result = compareResponses(
    { status: example.status, statusText: example.statusText, headers: [], body: exampleBody },
    { status: response.status, statusText: '', headers: [], body: typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body },
    [...example.ignorePaths, ...ignorePaths]
  )
  const differences: string[] = []
  if (result.status.left !== result.status.right) differences.push(`status ${result.status.left} → ${result.status.right}`)
  if (result.body.kind === 'json') {
    for (const change of result.body.changes) {
      if (change.kind === 'moved') differences.push(`moved ${change.path} (from [${change.from}])`)
      else if (change.kind === 'changed') differences.push(`changed ${change.path}: ${change.before} → ${change.after}`)
      else differences.push(`${change.kind} ${change.path}`)
    }
  } else if (result.body.kind === 'lines') {
    for (const change of result.body.changes) differences.push(`${change.kind} line ${change.line}: ${change.text}`)
  } else differences.push(result.body.reason)
  return { pass: differences.length === 0, differences }
}
