#!/usr/bin/env node
// `npm run web` (and npm start's browser host, and the e2e suite): the browser host from its build
// (out/host/cli.js, made by `npm run build`), or from the sources when they changed since.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBuiltOrSource } from './launch/builtOrSource.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
await runBuiltOrSource({
  name: 'parley web',
  built: join(root, 'out', 'host', 'cli.js'),
  source: join(root, 'src', 'host', 'cli.ts'),
  sourceDirs: ['host', 'core', 'shared'].map((layer) => join(root, 'src', layer))
})
