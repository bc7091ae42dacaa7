#!/usr/bin/env node
// `parley` (npx parley run …): runs the built CLI (out/cli/parley.js, made by `npm run build`), or, in a
// checkout whose sources are newer than the build (or that was never built), the sources through tsx.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBuiltOrSource } from '../scripts/launch/builtOrSource.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
await runBuiltOrSource({
  name: 'parley',
  built: join(root, 'out', 'cli', 'parley.js'),
  source: join(root, 'src', 'cli', 'parley.ts'),
  sourceDirs: ['cli', 'core', 'shared'].map((layer) => join(root, 'src', layer))
})
