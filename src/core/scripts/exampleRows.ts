import type { Example } from '../../shared/compare'
import { ParleyError } from '../../shared/errors'
import type { Assertion } from '../../shared/scripts'
import type { SendContext } from '../../shared/sendContext'
import { compareResponses } from '../compare/compareResponses'
import { ExampleFiles } from '../compare/examples'
import { checkExample, type CompareFn } from '../compare/matchesExample'
import type { CollectionStore } from '../store/collectionStore'
import { exampleOf, ignoredPathsOf, type ExampleChecks } from './assertions'

/** How `example <name>` rows find the example and diff against it (core passes its worker's diff). */
export interface ExampleRowDeps {
  collections: CollectionStore
  compare?: CompareFn
}

/**
 * Checks every enabled `example <name>` row against the saved example of the request being sent
 * (`<request>.examples/` beside its file). Done before the rows are evaluated, as it reads files
 * and diffs in a worker; a row whose example cannot be had gets the reason as its failure.
 */
export async function checkExampleRows(
  deps: ExampleRowDeps,
  rows: Assertion[],
  context: SendContext | undefined,
  response: { status: number; body: string }
): Promise<ExampleChecks> {
  const checks: ExampleChecks = new Map()
  const wanted = rows.filter((row) => row.enabled && exampleOf(row))
  if (wanted.length === 0) return checks
  let files: ExampleFiles | null = null
  let examples: Example[] = []
  if (context?.path?.endsWith('.yaml') && !context.variablesOnly) {
    files = new ExampleFiles((await deps.collections.get(context.collectionId)).root)
    examples = await files.list(context.path)
  }
  for (const row of wanted) {
    const name = exampleOf(row) as string
    if (!files || !context?.path) {
      checks.set(
        row,
        new ParleyError('example_not_found', `Only a request saved in a collection has examples, so "${name}" cannot be checked: save the request first.`)
      )
      continue
    }
    const example = examples.find((candidate) => candidate.name === name) ?? examples.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())
    if (!example) {
      const known = examples.map((candidate) => `"${candidate.name}"`).join(', ')
      checks.set(
        row,
        new ParleyError(
          'example_not_found',
          `The request has no example named "${name}"${known ? ` (it has ${known})` : ''}: save one in the Compare tab of the response.`
        )
      )
      continue
    }
    try {
      checks.set(row, await checkExample(response, example, ignoredPathsOf(row), deps.compare ?? compareResponses))
    } catch (error) {
      checks.set(row, error instanceof Error ? error : new Error(String(error)))
    }
  }
  return checks
}
