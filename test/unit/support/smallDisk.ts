import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/** A mounted small disk, or why none could be made here. */
export type SmallDisk = { dir: string; skip?: undefined } | { dir?: undefined; skip: string }

/**
 * A fresh tmpfs of `size` (e.g. "2m") per call, so a test can fill a real disk and see ENOSPC; needs
 * the right to mount (root in the CI container). Unmounted after each test. Callers register their
 * own cleanup (closing files on it) after calling this, so it runs first.
 */
export function useSmallDisk(size = '2m'): () => Promise<SmallDisk> {
  const mounted: string[] = []
  afterEach(async () => {
    for (const dir of mounted.splice(0)) {
      // Lazy: a file a failed test left open must not keep the mount (and the next test) hanging.
      spawnSync('umount', ['-l', dir])
      await rm(dir, { recursive: true, force: true })
    }
  })
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-full-'))
    const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' })
    if (result.status !== 0) {
      await rm(dir, { recursive: true, force: true })
      const why = (result.stderr || result.error?.message || `exit ${result.status}`).trim()
      return { skip: `a full disk is reproduced with a small tmpfs, and mounting one is not permitted here (${why})` }
    }
    mounted.push(dir)
    return { dir }
  }
}
