import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs'
import { lstat, open, realpath } from 'node:fs/promises'
import { dirname, isAbsolute, relative } from 'node:path'
import { ParleyError } from '../../shared/errors'
import { resolveInside } from './collectionPaths'

/**
 * The one way collection files are read. A collection is a folder anyone can hand you (a git
 * clone, a zip), so every file in it is hostile until checked: only regular files under a size
 * cap are read, opened without blocking so a FIFO can never hang the process, and a symbolic link
 * is followed only to a file inside the collection folder. Anything else is a reason, not a throw.
 */

/** The biggest collection file (request, folder, environment, parley.yaml) Parley reads. */
export const maxCollectionFileBytes = 10 * 1024 * 1024
/** How many folders deep a collection's tree is read. */
export const maxFolderDepth = 64

export type FileRead =
  | { ok: true; text: string }
  /** Nothing there (or it vanished while being read). */
  | { ok: false; absent: true }
  /** Something is there that Parley will not read; `message` says what and why. */
  | { ok: false; absent: false; message: string; outside?: true }

const absent: FileRead = { ok: false, absent: true }
// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; Windows has neither.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
const noFollow = constants.O_NOFOLLOW ?? 0

/**
 * Reads a collection file synchronously (the loader batches thousands of these). `listedAsFile`:
 * the caller's listing, made through the collection's real folders, showed a regular file; then
 * only the open is checked (it follows no link, and anything but a regular file is refused).
 */
export function readCollectionFileSync(root: string, realRoot: string, rel: string, listedAsFile = false): FileRead {
  try {
    const path = resolveInside(root, rel)
    if (listedAsFile) {
      try {
        return readOpenedSync(openSync(path, openFlags | noFollow))
      } catch (error) {
        // Replaced by a link since it was listed: check it like any other path.
        if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error
      }
    }
    const folder = realpathSync.native(dirname(path))
    if (!isInsideReal(realRoot, folder)) return outside(folder)
    const link = lstatSync(path)
    let target = path
    if (link.isSymbolicLink()) {
      const real = realpathSync(path)
      const refused = refuseLink(realRoot, real, () => lstatSync(real))
      if (refused) return refused
      target = real
    } else if (!link.isFile()) {
      return refuse(link)
    }
    return readOpenedSync(openSync(target, openFlags))
  } catch (error) {
    return failed(error)
  }
}

function readOpenedSync(fd: number): FileRead {
  try {
    const info = fstatSync(fd)
    const refused = checkOpened(info)
    if (refused) return refused
    let buffer: Buffer = Buffer.allocUnsafe(info.size + 1)
    let total = 0
    for (;;) {
      if (total === buffer.length) buffer = grow(buffer)
      const read = readSync(fd, buffer, total, buffer.length - total, null)
      if (read === 0) break
      total += read
      if (total > maxCollectionFileBytes) return tooBig(total)
    }
    return { ok: true, text: buffer.toString('utf8', 0, total) }
  } finally {
    closeSync(fd)
  }
}

/** Reads a collection file without blocking the event loop. */
export async function readCollectionFile(root: string, rel: string): Promise<FileRead> {
  try {
    const path = resolveInside(root, rel)
    const realRoot = await realpath(root)
    const folder = await realpath(dirname(path))
    if (!isInsideReal(realRoot, folder)) return outside(folder)
    const link = await lstat(path)
    let target = path
    if (link.isSymbolicLink()) {
      const real = await realpath(path)
      const info = await lstat(real)
      const refused = refuseLink(realRoot, real, () => info)
      if (refused) return refused
      target = real
    } else if (!link.isFile()) {
      return refuse(link)
    }
    const handle = await open(target, openFlags)
    try {
      const info = await handle.stat()
      const refused = checkOpened(info)
      if (refused) return refused
      let buffer: Buffer = Buffer.allocUnsafe(info.size + 1)
      let total = 0
      for (;;) {
        if (total === buffer.length) buffer = grow(buffer)
        const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null)
        if (bytesRead === 0) break
        total += bytesRead
        if (total > maxCollectionFileBytes) return tooBig(total)
      }
      return { ok: true, text: buffer.toString('utf8', 0, total) }
    } finally {
      await handle.close()
    }
  } catch (error) {
    return failed(error)
  }
}

/**
 * A bigger buffer for a file that grew while being read (sized by fstat, plus one byte to see the
 * end): never past one byte over the cap, which is enough to tell that the cap was passed.
 */
function grow(buffer: Buffer): Buffer {
  const next = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxCollectionFileBytes + 1))
  buffer.copy(next)
  return next
}

/** Whether a real path lies inside the collection's real root folder. */
export function isInsideReal(realRoot: string, real: string): boolean {
  const back = relative(realRoot, real)
  return !back.startsWith('..') && !isAbsolute(back)
}

/** Why a symbolic link is not followed, or undefined when it leads to a regular file inside. */
function refuseLink(realRoot: string, real: string, targetInfo: () => Stats): FileRead | undefined {
  if (!isInsideReal(realRoot, real)) {
    return { ...bad(`is a symbolic link to ${real}, outside the collection folder; Parley does not follow it.`), outside: true }
  }
  const info = targetInfo()
  if (info.isDirectory()) return bad('is a symbolic link to a folder; Parley does not follow links to folders (they can loop).')
  if (!info.isFile()) return bad(`is a symbolic link to ${describe(info)}, not a regular file; Parley does not read it.`)
  return undefined
}

/** A path whose folder is reached through a link that leaves the collection. */
function outside(folder: string): FileRead {
  return { ...bad(`lies in ${folder}, outside the collection folder (reached through a symbolic link); Parley does not follow it.`), outside: true }
}

function checkOpened(info: Stats): FileRead | undefined {
  if (!info.isFile()) return refuse(info)
  if (info.size > maxCollectionFileBytes) return tooBig(info.size)
  return undefined
}

function refuse(info: Stats): FileRead {
  if (info.isDirectory()) return bad('is a folder, but Parley expects a YAML file here.')
  return bad(`is ${describe(info)}, not a regular file; Parley does not read it.`)
}

/** What a non-regular file is, in words. */
export function describe(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSymbolicLink()) return 'a symbolic link'
  return 'not a regular file'
}

function tooBig(bytes: number): FileRead {
  const mb = (n: number): string => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`
  return bad(
    `is ${bytes > maxCollectionFileBytes ? `over ${mb(maxCollectionFileBytes)}` : mb(bytes)}; Parley reads collection files up to ${mb(maxCollectionFileBytes)}.`
  )
}

function failed(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return absent
  if (code === 'ELOOP') return bad('is a symbolic link that loops; Parley does not follow it.')
  if (code === undefined) throw error
  return bad(`cannot be read (${code}: ${(error as Error).message.split(',')[0]?.replace(/^\w+: /, '') ?? ''}).`)
}

function bad(message: string): { ok: false; absent: false; message: string } {
  return { ok: false, absent: false, message }
}

/** The text of a collection file, undefined when absent; a file Parley will not read is an error naming it. */
export async function readCollectionText(root: string, rel: string): Promise<string | undefined> {
  const read = await readCollectionFile(root, rel)
  if (read.ok) return read.text
  if (read.absent) return undefined
  if (read.outside)
    throw new ParleyError('path_outside_collection', `${rel} ${read.message}`, 'Parley only reads and writes files inside the collection folder.')
  throw new ParleyError(
    'file_unreadable',
    `${rel} ${read.message}`,
    'Parley left it untouched. Replace it with a regular YAML file inside the collection (or remove it), then try again.'
  )
}
