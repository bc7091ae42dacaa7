import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { listFiles } from './storeTestKit'
import { tempDir } from '../../support/tempDir'

/**
 * A kill at any moment leaves no half collection, and what it does leave (the hidden folder of an
 * import, the temp file of a save) is removed at the next start or open. The work is done by a
 * real child process (node itself, so SIGKILL reaches it), killed once a state is reached.
 */

const child = join(import.meta.dirname, 'crashLeftoversChild.ts')
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function scratch(): Promise<string> {
  const { dir, remove: cleanup } = await tempDir('parley-crash-')
  cleanups.push(cleanup)
  return dir
}

async function start(dataDir: string): Promise<Services> {
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  cleanups.push(() => services.dispose())
  return services
}

function run(args: string[]): { proc: ChildProcess; exited: Promise<unknown>; output: () => string } {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const exited = new Promise((resolve) => proc.once('exit', resolve))
  cleanups.push(async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    await exited
  })
  return { proc, exited, output: () => out }
}

/** Entries of a folder, or [] when it does not exist. */
async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).sort()
}

/** Polls until `check` resolves true: a state, however long a busy machine takes to reach it. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 25))
}

describe('an import killed midway', () => {
  it('leaves no partial collection in the target, and the next start removes what it wrote', async () => {
    const base = await scratch()
    const dataDir = join(base, 'data')
    const target = join(base, 'projects')
    await mkdir(target)
    const { proc, exited } = run(['import', dataDir, target, '20000'])

    // Killed once the import has written a good part of its files, wherever it writes them.
    await until(async () => (await listFiles(target).catch(() => [])).length >= 300)
    proc.kill('SIGKILL')
    await exited

    // Nothing but one hidden folder: no collection that looks whole and is not.
    const left = await entries(target)
    expect(left.filter((name) => !name.startsWith('.'))).toEqual([])
    expect(left).toEqual([expect.stringMatching(/^\.parley-import-big-import-/)])
    expect(await entries(join(dataDir, 'imports-in-progress'))).toHaveLength(1)

    await start(dataDir)
    await until(async () => (await entries(target)).length === 0 && (await entries(join(dataDir, 'imports-in-progress'))).length === 0)
  }, 240_000)

  it('that runs to the end is renamed into place whole, with nothing left beside it', async () => {
    const base = await scratch()
    const dataDir = join(base, 'data')
    const target = join(base, 'projects')
    await mkdir(target)
    const { exited, output } = run(['import', dataDir, target, '250'])
    await exited
    const result = JSON.parse(output()) as { ok: boolean; value: { collectionPath: string; imported: number } }
    expect(result).toMatchObject({ ok: true, value: { collectionPath: join(target, 'big-import'), imported: 250 } })
    expect(await entries(target)).toEqual(['big-import'])
    expect(await entries(join(dataDir, 'imports-in-progress'))).toEqual([])
    const files = await listFiles(join(target, 'big-import'))
    expect(files.filter((file) => file.endsWith('.yaml') && !file.endsWith('folder.yaml') && file !== 'parley.yaml')).toHaveLength(250)
  }, 240_000)
})

describe('a save killed midway', () => {
  /** Kills a saving child once its temp file exists, until one is left behind (the kill may land just after a rename). */
  async function killMidSave(path: string, folder: string): Promise<string> {
    for (;;) {
      const { proc, exited } = run(['save', path])
      await until(async () => (await entries(folder)).some((name) => name.endsWith('.tmp')))
      proc.kill('SIGKILL')
      await exited
      const left = (await entries(folder)).find((name) => name.endsWith('.tmp'))
      if (left) return left
    }
  }

  it('leaves a temp file in a collection that the next open removes, the file itself intact', async () => {
    const base = await scratch()
    const services = await start(join(base, 'data'))
    const folder = join(base, 'col')
    await mkdir(join(folder, 'sub'), { recursive: true })
    await writeFile(join(folder, 'parley.yaml'), 'parley: 1\nname: Col\n')
    const left = await killMidSave(join(folder, 'sub', 'notes.yaml'), join(folder, 'sub'))

    const opened = await services.invoke('collection.open', { path: folder })
    expect(opened.ok).toBe(true)
    expect(await entries(join(folder, 'sub'))).not.toContain(left)
    if ((await entries(join(folder, 'sub'))).includes('notes.yaml')) {
      expect(await readFile(join(folder, 'sub', 'notes.yaml'), 'utf8')).toMatch(/^name: Version \d+\n/)
    }
  }, 240_000)

  it('leaves a temp file in the data dir that the next start removes', async () => {
    const base = await scratch()
    const dataDir = join(base, 'data')
    await mkdir(dataDir)
    const left = await killMidSave(join(dataDir, 'big.json'), dataDir)
    await start(dataDir)
    await until(async () => !(await entries(dataDir)).includes(left))
  }, 240_000)
})
