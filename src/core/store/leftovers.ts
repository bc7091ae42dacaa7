import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { syncDir, writeFileAtomic } from './atomicWrite'
import { maxFolderDepth } from './collectionFileRead'

/**
 * What a crash or a kill can leave behind, and its removal at the next start or open: the hidden
 * folder an import was being written into, and temp files of interrupted atomic saves. Each
 * carries the id of the process that made it; only those of processes no longer running are
 * removed, so another Parley window saving or importing at the same moment is never disturbed.
 */

/** Name prefix of the hidden folder beside the target that an import is written into. */
export const importTempPrefix = '.parley-import-'
/** Atomic-save temp files: `.<name>.<pid>-<hex>.tmp` (before pids were recorded: `.<name>.<hex>.tmp`). */
const atomicTempPattern = /^\..+\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/
const JournalEntrySchema = z.object({ temp: z.string(), pid: z.number().int() })

function journalDir(dataDir: string): string {
  return join(dataDir, 'imports-in-progress')
}

/** Whether a process id is still running on this machine. */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface ImportStaging {
  /** The hidden folder to write into, beside the target, on the same file system. */
  temp: string
  /** Renames the finished folder to `target` (which must not exist) and forgets the journal entry. */
  commit(target: string): Promise<void>
  /** Removes the folder and everything in it. */
  abandon(): Promise<void>
}

/**
 * Makes the hidden folder an import is written into, next to `targetDir/name`. It is recorded in
 * the data dir first, so that whatever happens next, the next start can find and remove it.
 */
export async function stageImport(dataDir: string, targetDir: string, name: string): Promise<ImportStaging> {
  const id = randomBytes(6).toString('hex')
  const temp = join(targetDir, `${importTempPrefix}${name}-${id}`)
  const journal = join(journalDir(dataDir), `${id}.json`)
  await mkdir(journalDir(dataDir), { recursive: true })
  await writeFileAtomic(journal, `${JSON.stringify({ temp, pid: process.pid })}\n`)
  try {
    await mkdir(temp)
  } catch (error) {
    await rm(journal, { force: true })
    throw error
  }
  return {
    temp,
    async commit(target) {
      await rename(temp, target)
      await syncDir(dirname(target))
      await rm(journal, { force: true })
    },
    async abandon() {
      await rm(temp, { recursive: true, force: true })
      await rm(journal, { force: true })
    }
  }
}

/** Removes imports and saves that a crashed or killed Parley left in its data dir. */
export async function cleanDataDirLeftovers(dataDir: string): Promise<void> {
  const entries = await readdir(journalDir(dataDir)).catch(() => [])
  for (const name of entries) {
    if (!name.endsWith('.json')) continue
    const path = join(journalDir(dataDir), name)
    let entry: z.infer<typeof JournalEntrySchema>
    try {
      entry = JournalEntrySchema.parse(JSON.parse(await readFile(path, 'utf8')))
    } catch {
      await rm(path, { force: true })
      continue
    }
    if (isRunning(entry.pid)) continue
    // Only ever a folder Parley named: a damaged or edited journal cannot make it delete anything else.
    if (basename(entry.temp).startsWith(importTempPrefix)) await rm(entry.temp, { recursive: true, force: true })
    await rm(path, { force: true })
  }
  // Names without a pid are left alone here: the secret key's creation uses one, and may be under way.
  await removeStaleTemps(dataDir, 2, false)
}

/** Removes temp files of interrupted saves in a collection folder (on open). */
export function cleanCollectionLeftovers(root: string): Promise<void> {
  // Names without a pid were written by a Parley before this one: stale by now.
  return removeStaleTemps(root, maxFolderDepth, true)
}

async function removeStaleTemps(dir: string, depth: number, withoutPid: boolean): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (entry.isDirectory()) {
      // .git and other tools' folders are theirs; a staged import is removed whole, through its journal.
      if (depth > 1 && !entry.name.startsWith('.')) await removeStaleTemps(join(dir, entry.name), depth - 1, withoutPid)
      continue
    }
    const match = entry.isFile() ? atomicTempPattern.exec(entry.name) : null
    if (!match) continue
    if (match[1] === undefined ? withoutPid : !isRunning(Number(match[1]))) await rm(join(dir, entry.name), { force: true })
  }
}
