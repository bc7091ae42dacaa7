import { cp, rename } from 'node:fs/promises'
import { examplesDirOf } from '../compare/examples'
import { exists, resolveInside } from './collectionPaths'
import type { OpenCollection } from './openCollection'

/**
 * What lives beside a request file and belongs to it: its saved examples (`<request>.examples/`).
 * A request renamed, moved, duplicated or deleted takes them along, so none is left behind under a
 * name no request has (the collection would no longer show them).
 */

/** Moves the examples of `from` to where the request `to` keeps them; nothing to do without any. */
export async function moveCompanions(collection: OpenCollection, from: string, to: string): Promise<void> {
  const source = resolveInside(collection.root, examplesDirOf(from))
  const target = resolveInside(collection.root, examplesDirOf(to))
  if (!(await exists(source)) || (await exists(target))) return
  await collection.noteCreated(examplesDirOf(to), source)
  collection.noteRemoved(examplesDirOf(from))
  await rename(source, target)
}

/** Copies the examples of `from` beside the copy `to` (Postman duplicates a request with its examples). */
export async function copyCompanions(collection: OpenCollection, from: string, to: string): Promise<void> {
  const source = resolveInside(collection.root, examplesDirOf(from))
  const target = resolveInside(collection.root, examplesDirOf(to))
  if (!(await exists(source)) || (await exists(target))) return
  await cp(source, target, { recursive: true, errorOnExist: true, force: false })
  await collection.noteCreated(examplesDirOf(to))
}

/** The companions a request has on disk now (none for a folder: its examples are inside it). */
export async function companionsOf(collection: OpenCollection, rel: string): Promise<string[]> {
  if (!rel.endsWith('.yaml')) return []
  const dir = examplesDirOf(rel)
  return (await exists(resolveInside(collection.root, dir))) ? [dir] : []
}
