import { isAlias, isCollection, isPair, type Document, type LineCounter, type Node } from 'yaml'

/**
 * Limits on how deep a collection file's values nest. Every reader of those values (the schema
 * check, pruning, the contract's serialisation) recurses, so a file nested thousands deep, or an
 * alias that contains itself, would overflow the stack; such files are refused with a reason.
 */

/** How many arrays and maps deep a value in a collection file may nest. */
export const maxValueDepth = 200

/** The reason a parsed document nests too deep or loops, with the line to point at; undefined when fine. */
export function nestingProblem(doc: Document, lines: LineCounter): { line: number; message: string } | undefined {
  const parents = new Map<unknown, unknown>()
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 1 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (isAlias(node)) {
      const target = node.resolve(doc)
      for (let up: unknown = node; up !== undefined; up = parents.get(up)) {
        if (up === target) {
          return {
            line: lineOf(node, lines),
            message: `The alias *${node.source} refers to a value that contains it (a cycle with no end); replace the alias with the value it stands for.`
          }
        }
      }
      continue
    }
    if (isPair(node)) {
      for (const part of [node.key, node.value]) {
        parents.set(part, node)
        stack.push({ node: part, depth })
      }
      continue
    }
    if (!isCollection(node)) continue
    if (depth > maxValueDepth) return { line: lineOf(node, lines), message: tooDeep }
    for (const item of node.items) {
      parents.set(item, node)
      stack.push({ node: item, depth: depth + 1 })
    }
  }
  return undefined
}

export const tooDeep = `Values are nested more than ${maxValueDepth} levels deep; Parley reads up to ${maxValueDepth} levels, so the file is left unread.`

/** How deep arrays and objects nest in a value (a scalar is 0), or Infinity when it contains itself. */
export function valueDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0
  const memo = new WeakMap<object, number>()
  const onPath = new WeakSet<object>()
  type Frame = { value: object; children: unknown[]; at: number; deepest: number }
  const frame = (of: object): Frame => ({ value: of, children: Object.values(of), at: 0, deepest: 0 })
  const stack: Frame[] = [frame(value)]
  onPath.add(value)
  let result = 0
  while (stack.length > 0) {
    const top = stack.at(-1)!
    if (top.at < top.children.length) {
      const child = top.children[top.at++]
      if (typeof child !== 'object' || child === null) continue
      const known = memo.get(child)
      if (known !== undefined) top.deepest = Math.max(top.deepest, known)
      else if (onPath.has(child)) return Infinity
      else if (stack.length > maxValueDepth) return stack.length + 1
      else {
        onPath.add(child)
        stack.push(frame(child))
      }
      continue
    }
    stack.pop()
    onPath.delete(top.value)
    const depth = top.deepest + 1
    memo.set(top.value, depth)
    const parent = stack.at(-1)
    if (parent) parent.deepest = Math.max(parent.deepest, depth)
    else result = depth
  }
  return result
}

/** The line of the first alias in a document (where an alias bomb starts), or 1. */
export function firstAliasLine(doc: Document, lines: LineCounter): number {
  const stack: unknown[] = [doc.contents]
  let first: number | undefined
  while (stack.length > 0) {
    const node = stack.pop()
    if (isAlias(node)) {
      const line = lineOf(node, lines)
      first = first === undefined ? line : Math.min(first, line)
    } else if (isPair(node)) stack.push(node.key, node.value)
    else if (isCollection(node)) stack.push(...node.items)
  }
  return first ?? 1
}

function lineOf(node: Node, lines: LineCounter): number {
  return node.range ? lines.linePos(node.range[0]).line : 1
}
