import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCollection } from '../../../../src/core/store/collectionLoader'
import { fromYaml } from '../../../../src/core/store/yamlFormat'
import { SavedRequestSchema } from '../../../../src/shared/collection'
import { tempDir } from '../../support/tempDir'

const child = join(import.meta.dirname, 'atomicSaveChild.ts')

/** Starts one node process (not the tsx CLI, whose grandchild would survive the kill) saving in a loop;
 * kills it with SIGKILL at a random moment after its first save. */
async function saveUntilKilled(path: string): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, path], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    proc.stdout.once('data', () => resolve())
    proc.once('exit', (code) => reject(new Error(`child exited early (${code})`)))
  })
  await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 150))
  const exited = new Promise((resolve) => proc.once('exit', resolve))
  proc.kill('SIGKILL')
  await exited
}

describe('a save killed at any moment', () => {
  it('always leaves a file that parses, old or new, and no temp file shown as a request', async () => {
    const { dir, remove: cleanup } = await tempDir()
    try {
      await writeFile(join(dir, 'parley.yaml'), 'parley: 1\nname: Atomic\n')
      const path = join(dir, 'request.yaml')
      for (let round = 0; round < 6; round++) {
        await saveUntilKilled(path)
        const parsed = fromYaml(SavedRequestSchema, await readFile(path, 'utf8'), 'request.yaml')
        expect(parsed.ok).toBe(true)
        if (parsed.ok) expect(parsed.value.name).toMatch(/^Version \d+$/)
        const loaded = await loadCollection(dir)
        expect(loaded.problems).toEqual([])
        expect([...loaded.requests.keys()]).toEqual(['request.yaml'])
      }
    } finally {
      await cleanup()
    }
  }, 60_000)
})
