import type { OperationTypeNode } from 'graphql'
import { Kind, parse, print, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql'

const field = (name: string, selectionSet?: SelectionSetNode): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(selectionSet ? { selectionSet } : {})
})
const selections = (...nodes: FieldNode[]): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections: nodes })

/** `path` as a chain of fields ending in the one to add, with `leaf` (e.g. `id`) when the last is an object. */
function withPath(set: SelectionSetNode | undefined, path: string[], leaf: string | undefined): SelectionSetNode {
  const [name, ...rest] = path
  if (!name) return set ?? selections()
  const current = set ?? selections()
  const existing = current.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && !s.alias && s.name.value === name)
  const inner = rest.length > 0 ? withPath(existing?.selectionSet, rest, leaf) : existing ? existing.selectionSet : leaf ? selections(field(leaf)) : undefined
  if (existing)
    return { ...current, selections: current.selections.map((s) => (s === existing ? { ...existing, ...(inner ? { selectionSet: inner } : {}) } : s)) }
  return { ...current, selections: [...current.selections, field(name, inner)] }
}

/**
 * The document with a field added by its path from the root (`['notes', 'items', 'title']` under
 * `query`): into the operation of that kind (the named one, else the first), or a new operation
 * when there is none. Returns undefined when the document does not parse (it is left as typed).
 */
export function addFieldToDocument(
  text: string,
  operation: 'query' | 'mutation' | 'subscription',
  path: string[],
  leaf?: string,
  operationName?: string
): string | undefined {
  let document: DocumentNode
  try {
    document = text.trim() === '' ? { kind: Kind.DOCUMENT, definitions: [] } : parse(text)
  } catch {
    return undefined
  }
  const isTarget = (d: DocumentNode['definitions'][number]): d is OperationDefinitionNode =>
    d.kind === Kind.OPERATION_DEFINITION && d.operation === operation && (!operationName || d.name?.value === operationName)
  const target =
    document.definitions.find(isTarget) ??
    document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === operation)
  const next: OperationDefinitionNode = target
    ? { ...target, selectionSet: withPath(target.selectionSet, path, leaf) }
    : { kind: Kind.OPERATION_DEFINITION, operation: operation as OperationTypeNode, selectionSet: withPath(undefined, path, leaf) }
  const definitions = target ? document.definitions.map((d) => (d === target ? next : d)) : [...document.definitions, next]
  return `${print({ ...document, definitions })}\n`
}
