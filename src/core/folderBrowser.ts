import { mkdir, readdir, realpath, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, relative, isAbsolute, sep } from 'node:path'
import { ParleyError } from '../shared/errors'
import type { FolderListing } from '../shared/dialogs'
import { resolveUserPath } from './userPath'

/** Folders listed at most, so a folder with 100,000 children stays a quick answer. */
const maxFolders = 2000

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/**
 * The in-window folder browser's view of the disk: folder names under the home folder, nothing
 * else (no file names, no contents), for the shells without a native folder dialog.
 */
export class FolderBrowser {
  constructor(private readonly home: string = homedir()) {}

  private async within(typed: string | undefined): Promise<string> {
    const home = await realpath(this.home).catch(() => this.home)
    const wanted = typed === undefined ? home : resolveUserPath(typed, this.home)
    let real: string
    try {
      real = await realpath(wanted)
      if (!(await stat(real)).isDirectory()) throw new Error('not a folder')
    } catch {
      throw new ParleyError('not_found', `There is no folder at ${wanted}.`, 'Choose a folder that exists, or create one with New folder.')
    }
    if (!inside(home, real)) {
      throw new ParleyError(
        'outside_home',
        `${wanted} is outside your home folder (${home}), where the folder browser stays.`,
        'Type the full path in the path field instead.'
      )
    }
    return real
  }

  async list(typed: string | undefined, showHidden: boolean): Promise<FolderListing> {
    const home = await realpath(this.home).catch(() => this.home)
    const path = await this.within(typed)
    let entries
    try {
      entries = await readdir(path, { withFileTypes: true })
    } catch {
      throw new ParleyError('not_readable', `Parley may not read the folder ${path}.`, 'Choose another folder.')
    }
    const folders: FolderListing['folders'] = []
    for (const entry of entries) {
      const hidden = entry.name.startsWith('.')
      if (hidden && !showHidden) continue
      // A symlink counts when it leads to a folder (inside home or not: choosing it is the user's call).
      const isFolder =
        entry.isDirectory() ||
        (entry.isSymbolicLink() &&
          (await stat(join(path, entry.name))
            .then((s) => s.isDirectory())
            .catch(() => false)))
      if (isFolder) folders.push({ name: entry.name, hidden })
    }
    folders.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }))
    return { path, home, parent: path === home ? null : dirname(path), folders: folders.slice(0, maxFolders), truncated: folders.length > maxFolders }
  }

  /** "New folder" in the browser: one new folder inside a folder of the home tree. */
  async create(parent: string, name: string): Promise<{ path: string }> {
    const base = await this.within(parent)
    const path = join(base, name)
    try {
      await mkdir(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST')
        throw new ParleyError('exists', `There is already a folder or file named "${name}" in ${base}.`, 'Pick another name, or open the existing folder.')
      throw new ParleyError('create_failed', `Could not create ${path}: ${(error as Error).message}.`, 'Check that you may write in that folder.')
    }
    return { path }
  }
}
