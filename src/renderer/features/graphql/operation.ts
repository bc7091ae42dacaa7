/**
 * Which kind of operation a GraphQL document will run, read without the graphql library (which
 * loads with the GraphQL editor, not with the window): the operation named `operationName`, else
 * the first one. Comments, strings and nested braces are skipped; a shorthand `{ … }` is a query.
 */
export type OperationKind = 'query' | 'mutation' | 'subscription'

export function operationKind(document: string, operationName?: string): OperationKind | undefined {
  const operations: { kind: OperationKind; name?: string }[] = []
  let depth = 0
  for (let i = 0; i < document.length; i++) {
    const c = document[i]!
    if (c === '#') {
      while (i < document.length && document[i] !== '\n') i++
    } else if (c === '"') {
      const block = document.startsWith('"""', i)
      const end = block ? document.indexOf('"""', i + 3) : findQuote(document, i + 1)
      i = end < 0 ? document.length : end + (block ? 2 : 0)
    } else if (c === '{') {
      if (depth === 0 && !pendingKeyword(document, i)) operations.push({ kind: 'query' })
      depth++
    } else if (c === '}') {
      depth = Math.max(0, depth - 1)
    } else if (depth === 0 && /[A-Za-z_]/.test(c) && (i === 0 || !/[\w]/.test(document[i - 1]!))) {
      const word = /^[_A-Za-z][_0-9A-Za-z]*/.exec(document.slice(i))![0]
      if (word === 'query' || word === 'mutation' || word === 'subscription') {
        const name = /^\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(document.slice(i + word.length))?.[1]
        operations.push({ kind: word, name })
      }
      i += word.length - 1
    }
  }
  const chosen = operationName ? operations.find((op) => op.name === operationName) : operations[0]
  return chosen?.kind
}

function findQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"' || text[i] === '\n') return i
  }
  return -1
}

/** Whether the `{` at `at` opens the body of a definition whose keyword came before it (query X(...) {, fragment F on T {). */
function pendingKeyword(text: string, at: number): boolean {
  const before = text.slice(0, at).replace(/#[^\n]*/g, '')
  const lastBrace = Math.max(before.lastIndexOf('}'), -1)
  return /\b(query|mutation|subscription|fragment|schema|type|input|interface|extend|enum|union)\b/.test(before.slice(lastBrace + 1))
}
