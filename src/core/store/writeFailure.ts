import { dirname } from 'node:path'
import { ParleyError } from '../../shared/errors'

/** Codes of a file system that has no room left: a full disk, or a user's quota used up. */
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT'])

/** Whether an error is "no space left on the device" (or over quota). */
export function isNoSpace(error: unknown): boolean {
  return NO_SPACE.has((error as NodeJS.ErrnoException | null)?.code ?? '')
}

/**
 * The error a user reads when Parley could not write `what` to `path`: `disk_full` naming the folder
 * when the disk has no room, `write_failed` with the system's reason otherwise. ParleyErrors pass.
 */
export function writeFailure(error: unknown, what: string, path: string): ParleyError {
  if (error instanceof ParleyError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code
  const folder = dirname(path)
  if (isNoSpace(error)) {
    return new ParleyError(
      'disk_full',
      `The disk holding ${folder} is full (${code}): ${what} could not be written.`,
      `Free some space on that disk (or move Parley's data directory with --data-dir / PARLEY_DATA_DIR), then try again.`
    )
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new ParleyError('write_failed', `${what} could not be written to ${path}: ${reason}`, `Check that ${folder} exists and is writable, then try again.`)
}
