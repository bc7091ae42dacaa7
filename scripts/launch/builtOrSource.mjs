// Runs a program from its build in out/ when that build is newer than every source it was made from,
// and otherwise from the TypeScript sources through tsx (a checkout that changed since `npm run build`).
// A build loads in a fraction of the time: tsx compiles every module of core on each start.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Newest modification time of the files under a folder (0 for a missing folder). */
export function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** True when `built` exists and is newer than every file under `sourceDirs`. */
export function buildIsFresh(built, sourceDirs) {
  if (!existsSync(built)) return false
  const builtAt = statSync(built).mtimeMs
  return sourceDirs.every((dir) => newestMtime(dir) <= builtAt)
}

/**
 * Imports `built` when it is fresh, else `source` through tsx; a stale build without tsx still runs,
 * with a warning. `name` prefixes the messages.
 */
export async function runBuiltOrSource({ name, built, source, sourceDirs }) {
  if (!existsSync(source) || buildIsFresh(built, sourceDirs)) {
    if (existsSync(built)) return import(pathToFileURL(built).href)
  } else {
    let register
    try {
      ;({ register } = await import('tsx/esm/api'))
    } catch {
      register = undefined
    }
    if (register) {
      register()
      return import(pathToFileURL(source).href)
    }
    if (existsSync(built)) {
      process.stderr.write(`${name}: the build in out/ is older than the sources and tsx is not installed; running the old build (npm run build updates it).\n`)
      return import(pathToFileURL(built).href)
    }
  }
  process.stderr.write(`${name}: not built yet. Run npm run build (or npm install, which brings tsx) first.\n`)
  process.exit(2)
}
