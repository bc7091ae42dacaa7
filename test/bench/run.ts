import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { missedTargets } from './targets'

/**
 * Runs every `test/bench/*.bench.ts` in turn (each exports `run()` and prints its own `bench ...`
 * lines). Arguments filter by file name: `npm run bench -- http` runs only http.bench.ts. Exits 1
 * when a bench missed its target or failed to run, so a regression cannot pass quietly.
 */
const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const files = (await readdir(here))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort()

const failedToRun: string[] = []
if (files.length === 0) console.log(`bench: no bench file matches ${filters.join(', ') || '(none found)'}`)
for (const name of files) {
  const started = Date.now()
  try {
    const mod = (await import(pathToFileURL(join(here, name)).href)) as { run?: () => Promise<unknown> }
    if (typeof mod.run !== 'function') {
      console.log(`bench ${name}: skipped, it exports no run()`)
      continue
    }
    await mod.run()
  } catch (error) {
    failedToRun.push(name)
    console.log(`bench ${name}: FAILED to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
  console.log(`(${name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
const missed = missedTargets()
if (missed.length > 0 || failedToRun.length > 0) {
  if (missed.length > 0) console.log(`bench: target missed by ${missed.join(', ')}`)
  if (failedToRun.length > 0) console.log(`bench: failed to run ${failedToRun.join(', ')}`)
  process.exit(1)
}
console.log(files.length > 0 ? 'bench: every target met' : 'bench: nothing ran')
process.exit(files.length > 0 ? 0 : 1)
