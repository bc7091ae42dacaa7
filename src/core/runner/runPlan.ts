import type { FolderNode, TreeNode } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import type { RunItemRef } from '../../shared/runner'

/**
 * Which requests a run sends, in which order: the collection's (or one folder's) requests depth
 * first in the saved display order (the tree the store builds with each folder's `order:`), then
 * narrowed to `only` and to one shard.
 */

export interface PlanOptions {
  /** Relative folder path; '' or absent: the whole collection. */
  folder?: string | undefined
  only?: string[] | undefined
  shard?: Shard | undefined
}

/** `--shard i/n`: the i-th of n slices (1-based). */
export interface Shard {
  index: number
  count: number
}

export function planRun(root: FolderNode, options: PlanOptions = {}): RunItemRef[] {
  const folder = (options.folder ?? '').replace(/\/+$/, '')
  const start = folder === '' ? root : findFolder(root, folder)
  if (!start) {
    throw new ParleyError(
      'not_found',
      `The collection has no folder ${folder}.`,
      'Give the folder path as the tree shows it (e.g. rest or rest/notes), or its name.'
    )
  }
  let items = flatten(start)
  if (options.only) {
    const wanted = new Set(options.only)
    items = items.filter((item) => wanted.has(item.path))
  }
  return options.shard ? shardOf(items, options.shard) : items
}

/**
 * A deterministic split by request index: request k goes to shard (k mod n) + 1, so every shard
 * gets a spread of the collection and all n shards together run every request exactly once.
 */
export function shardOf<T>(items: T[], shard: Shard): T[] {
  return items.filter((_, k) => k % shard.count === shard.index - 1)
}

/** Parses `i/n` (1 ≤ i ≤ n ≤ 1000). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || count > 1000 || index < 1 || index > count) {
    throw new ParleyError(
      'invalid_shard',
      `--shard expects i/n with 1 ≤ i ≤ n ≤ 1000 (e.g. 2/4), got "${text}".`,
      "Give this machine's number and the number of machines, e.g. --shard 1/3."
    )
  }
  return { index, count }
}

function flatten(folder: FolderNode): RunItemRef[] {
  const out: RunItemRef[] = []
  const walk = (node: TreeNode): void => {
    if (node.type === 'folder') {
      for (const child of node.children) walk(child)
      return
    }
    out.push({ path: node.path, name: node.name, kind: node.kind, ...(node.method ? { method: node.method } : {}) })
  }
  walk(folder)
  return out
}

/** A folder by its path, or else by its display name (newman's --folder takes names). */
function findFolder(root: FolderNode, wanted: string): FolderNode | undefined {
  const folders: FolderNode[] = []
  const walk = (node: FolderNode): void => {
    folders.push(node)
    for (const child of node.children) if (child.type === 'folder') walk(child)
  }
  walk(root)
  return (
    folders.find((f) => f.path === wanted) ??
    folders.find((f) => f.path !== '' && f.name === wanted) ??
    folders.find((f) => f.path !== '' && f.name.toLowerCase() === wanted.toLowerCase())
  )
}
