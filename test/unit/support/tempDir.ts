import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/**
 * The one temp-folder helper of the unit tests. `useTempDir()` gives each test fresh folders removed after
 * it; `tempDir()` gives one folder for a whole file (made in beforeAll), removed by its `remove()`.
 */

/** A fresh temp folder, and the function that removes it. */
export async function tempDir(prefix = 'parley-test-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, remove: () => rm(dir, { recursive: true, force: true, maxRetries: 5 }) }
}

/** A fresh temp folder per test, removed after it. */
export function useTempDir(prefix = 'parley-test-'): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    // Retries: a server a test started may still be writing its last file as the folder goes.
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })))
  })
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }
}
