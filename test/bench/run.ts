import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Runs every `test/bench/*.bench.ts` in turn (each exports `run()` and prints its own `bench ...`
 * lines). Arguments filter by file name: `npm run bench -- http` runs only http.bench.ts. Always
 * exits 0: benches report targets, they do not gate.
 */
const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const files = (await readdir(here))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort()

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
    console.log(`bench ${name}: FAILED to run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
  }
  console.log(`(${name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
process.exit(0)
