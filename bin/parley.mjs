#!/usr/bin/env node
// `parley` (npx parley run …): runs the built CLI (out/cli/parley.js, made by `npm run build`), or, in a
// checkout whose sources are newer than the build (or that was never built), the sources through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = join(root, 'out', 'cli', 'parley.js')
const source = join(root, 'src', 'cli', 'parley.ts')

function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

function sourcesNewerThanBuild() {
  if (!existsSync(source)) return false
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  return ['cli', 'core', 'shared'].some((layer) => newestMtime(join(root, 'src', layer)) > builtAt)
}

if (sourcesNewerThanBuild()) {
  let register
  try {
    ;({ register } = await import('tsx/esm/api'))
  } catch {
    register = undefined
  }
  if (register) {
    register()
    await import(pathToFileURL(source).href)
  } else if (existsSync(built)) {
    process.stderr.write('parley: the build in out/ is older than the sources and tsx is not installed; running the old build (npm run build updates it).\n')
    await import(pathToFileURL(built).href)
  } else {
    process.stderr.write('parley: not built yet. Run npm run build (or npm install, which brings tsx) first.\n')
    process.exit(2)
  }
} else {
  await import(pathToFileURL(built).href)
}
