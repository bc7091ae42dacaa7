import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { ParleyError } from '../shared/errors'

/**
 * A path a person typed, made absolute: `~` and `~/x` are the home folder, as in a shell. A relative
 * path is refused: relative to what? (The server's working directory is nothing the user sees.)
 */
export function resolveUserPath(typed: string, home = homedir()): string {
  const path = typed.trim()
  if (path === '~') return home
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2))
  if (path.startsWith('~')) {
    throw new ParleyError(
      'invalid_path',
      `"${path}" names another user's home folder, which Parley does not expand.`,
      'Write the full path, e.g. /home/name/folder, or ~/folder for your own.'
    )
  }
  if (!isAbsolute(path)) {
    throw new ParleyError(
      'invalid_path',
      `"${path}" is a relative path; Parley needs to know exactly which folder you mean.`,
      `Write a full path such as ${join(home, path)} (or ~/${path}), or choose the folder with Browse….`
    )
  }
  return resolve(path)
}
