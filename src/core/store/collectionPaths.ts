import { createHash } from 'node:crypto'
import { access, realpath } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ParleyError } from '../../shared/errors'

/** File names inside a collection folder that are not requests. */
export const collectionFileName = 'parley.yaml'
export const folderFileName = 'folder.yaml'
export const environmentsDirName = 'environments'

/**
 * Resolves a collection-relative path and refuses anything that would land outside the folder,
 * whatever the contract schema already checked: this is the last door before the disk.
 */
export function resolveInside(root: string, rel: string): string {
  const target = resolve(root, rel)
  const back = relative(root, target)
  if (back.startsWith('..') || isAbsolute(back) || rel.includes('\0')) {
    throw new ParleyError(
      'path_outside_collection',
      `The path "${rel}" points outside the collection folder.`,
      'Use a path relative to the collection folder, without "..".'
    )
  }
  return target
}

/**
 * Like `resolveInside`, and also refuses a path that a symbolic link inside the collection would
 * carry outside it: checked on the real path of the deepest part that exists.
 */
export async function resolveInsideReal(root: string, rel: string): Promise<string> {
  const target = resolveInside(root, rel)
  const realRoot = await realpath(root)
  let existing = target
  for (;;) {
    try {
      const real = await realpath(existing)
      const back = relative(realRoot, real)
      if (back.startsWith('..') || isAbsolute(back)) break
      return target
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(existing) === existing) throw error
      existing = dirname(existing)
    }
  }
  throw new ParleyError(
    'path_outside_collection',
    `The path "${rel}" leads outside the collection folder through a symbolic link.`,
    'Parley only reads and writes files inside the collection folder.'
  )
}

/** Joins collection-relative parts with `/`, whatever the platform. */
export function joinRel(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/')
}

/** The folder part of a relative path: `''` for the root. */
export function parentRel(rel: string): string {
  const at = rel.lastIndexOf('/')
  return at < 0 ? '' : rel.slice(0, at)
}

/** The last part of a relative path: a file or folder name. */
export function baseRel(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1)
}

/** An absolute path as a collection-relative one with `/` separators. */
export function toRel(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/')
}

/** A file-name-safe form of a display name: `List notes (v2)` → `list-notes-v2`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return slug === '' ? 'untitled' : slug
}

/** Names a request or folder may never take, because Parley's own files use them. */
function isReserved(entry: string, parent: string): boolean {
  if (entry === collectionFileName || entry === folderFileName) return true
  return parent === '' && entry === environmentsDirName
}

/** The first free `<slug><ext>`, `<slug>-2<ext>`, … in a folder, skipping reserved names. */
export async function freeEntryName(root: string, parent: string, base: string, ext: string): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const entry = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`
    if (isReserved(entry, parent)) continue
    if (!(await exists(join(resolveInside(root, parent), entry)))) return entry
  }
  throw new ParleyError('name_taken', `Too many items named "${base}" in this folder.`, 'Choose another name.')
}

/** Whether anything (file, folder, link) is at a path. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/** A collection's id: stable for a folder on this machine, never written into the folder. */
export function collectionIdFor(absolutePath: string): string {
  return createHash('sha256').update(resolve(absolutePath)).digest('hex').slice(0, 16)
}

/** sha256 hex of a file's content: the `hash`/`baseHash` of the save conflict check. */
export function hashText(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}
