import { randomBytes } from 'node:crypto'
import { appendFile, mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ParleyError } from '../shared/errors'
import { writeFailure } from './store/writeFailure'

/**
 * Files chosen in the window, copied in chunks to `<dataDir>/uploads/<id>/<name>`: the bodies
 * and multipart parts that name them stream from there like any file on disk. Kept, since a
 * saved request may refer to one.
 */
export class FileUploads {
  private readonly open = new Map<string, string>()
  /** Copies stopped by a write error: later chunks get the same error, not "unknown upload". */
  private readonly failed = new Map<string, ParleyError>()

  constructor(private readonly dataDir: string) {}

  /** Creates the empty copy and returns where it will be. */
  async begin(name: string): Promise<{ uploadId: string; path: string }> {
    const uploadId = randomBytes(12).toString('hex')
    const dir = join(this.dataDir, 'uploads', uploadId)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const path = join(dir, name)
    await writeFile(path, new Uint8Array(), { mode: 0o600 })
    this.open.set(uploadId, path)
    return { uploadId, path }
  }

  /** Adds the next chunk; returns the size so far. */
  async append(uploadId: string, base64: string): Promise<{ size: number }> {
    const stopped = this.failed.get(uploadId)
    if (stopped) throw stopped
    const path = this.open.get(uploadId)
    if (!path) {
      throw new ParleyError('unknown_upload', `There is no file being copied with id ${uploadId}.`, 'Choose the file again.')
    }
    try {
      await appendFile(path, Buffer.from(base64, 'base64'))
      return { size: (await stat(path)).size }
    } catch (error) {
      // Stop at the first error and free the space the partial copy took: it can never be complete.
      const failure = writeFailure(error, `The copy of ${JSON.stringify(basenameOf(path))}`, path)
      this.open.delete(uploadId)
      this.failed.set(uploadId, failure)
      await rm(dirname(path), { recursive: true, force: true })
      throw failure
    }
  }
}

function basenameOf(path: string): string {
  return path.slice(dirname(path).length + 1)
}
