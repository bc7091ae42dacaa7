import type { CompareResult, Example } from '../../shared/compare'
import type { HeaderList } from '../../shared/http'
import { compareResponses, type ResponseSnapshot } from './compareResponses'

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

/** compareResponses, or the same run elsewhere (core passes its DiffPool's, off the main thread). */
export type CompareFn = (left: ResponseSnapshot, right: ResponseSnapshot, ignorePaths: string[]) => CompareResult | Promise<CompareResult>

/**
 * The "matches example (ignoring paths …)" assertion: the status and the body (structurally, for JSON)
 * equal the example's, leaving out `ignorePaths` and the example's own. Headers are not compared:
 * servers add and reorder them without the endpoint changing.
 */
export function matchesExample(response: ResponseUnderTest, example: Example, ignorePaths: string[] = []): ExampleMatch {
  const [left, right, ignored] = sides(response, example, ignorePaths)
  return differencesOf(compareResponses(left, right, ignored))
}

/** matchesExample with the diff run by `compare` (a worker), for http.run and the runner. */
export async function checkExample(response: ResponseUnderTest, example: Example, ignorePaths: string[], compare: CompareFn): Promise<ExampleMatch> {
  const [left, right, ignored] = sides(response, example, ignorePaths)
  return differencesOf(await compare(left, right, ignored))
}

function sides(response: ResponseUnderTest, example: Example, ignorePaths: string[]): [ResponseSnapshot, ResponseSnapshot, string[]] {
  const exampleBody = example.bodyBase64 !== undefined ? Buffer.from(example.bodyBase64, 'base64') : Buffer.from(example.body ?? '', 'utf8')
  return [
    { status: example.status, statusText: example.statusText, headers: [], body: exampleBody },
    { status: response.status, statusText: '', headers: [], body: typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body },
    [...example.ignorePaths, ...ignorePaths]
  ]
}

function differencesOf(result: CompareResult): ExampleMatch {
  const differences: string[] = []
  if (result.status.left !== result.status.right) differences.push(`status ${result.status.left} → ${result.status.right}`)
  if (result.body.kind === 'json') {
    for (const change of result.body.changes) {
      if (change.kind === 'moved') differences.push(`moved ${change.path} (from [${change.from}])`)
      else if (change.kind === 'changed') differences.push(`changed ${change.path}: ${change.before} → ${change.after}`)
      else differences.push(`${change.kind} ${change.path}`)
    }
    if (result.body.truncated) differences.push('… and more (the list of changes was cut)')
  } else if (result.body.kind === 'lines') {
    for (const change of result.body.changes) differences.push(`${change.kind} line ${change.line}: ${change.text}`)
    if (result.body.truncated) differences.push('… and more (the list of changes was cut)')
  } else differences.push(result.body.reason)
  return { pass: differences.length === 0, differences }
}
