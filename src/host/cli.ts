import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createServices } from '../core/services'
import { defaultDataDir } from './dataDir'
import { startHost } from './server'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const rendererDir = join(root, 'out', 'renderer')

function fail(message: string): never {
  console.error(`parley web: ${message}`)
  process.exit(2)
}

function parseCli(): { port: number; dataDir: string; build: boolean } {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-build': { type: 'boolean', default: false }
      }
    }))
  } catch (error) {
    fail(`${(error as Error).message}\nUsage: npm run web -- [--port N] [--data-dir DIR] [--no-build]`)
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port must be a whole number from 0 to 65535 (0 picks a free port); got "${values.port}".`)
  }
  return { port, dataDir: resolve(values['data-dir'] ?? defaultDataDir()), build: !values['no-build'] }
}

/** Newest modification time under a folder, to tell whether the built renderer is stale. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

function buildIfNeeded(): void {
  let builtAt = 0
  try {
    builtAt = statSync(join(rendererDir, 'index.html')).mtimeMs
  } catch {
    /* never built */
  }
  const sourcesAt = Math.max(newestMtime(join(root, 'src', 'renderer')), newestMtime(join(root, 'src', 'shared')))
  if (builtAt > sourcesAt) return
  console.error('parley web: building the renderer…')
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  if (result.status !== 0) fail('the build failed (see above). Fix it, or run `npm run build` to see the whole output.')
}

/** The playground's build (electron-vite's out/main/playground.js) when it is newer than its sources: it starts in a fraction of tsx's time. */
function playgroundCommand(): { command: string; args: string[] } {
  const built = join(root, 'out', 'main', 'playground.js')
  let builtAt = 0
  try {
    builtAt = statSync(built).mtimeMs
  } catch {
    /* never built */
  }
  if (builtAt > newestMtime(join(root, 'src', 'playground'))) return { command: process.execPath, args: [built] }
  return { command: process.execPath, args: ['--import', 'tsx', join(root, 'src', 'playground', 'cli.ts')] }
}

/** The browser host and its build need the project's Node floor (package.json engines, set by vite and electron-vite). */
function checkNode(engines: string): void {
  const minimum = /(\d+)\.(\d+)/.exec(engines)
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  if (!minimum || major > Number(minimum[1]) || (major === Number(minimum[1]) && minor >= Number(minimum[2]))) return
  fail(`Parley needs Node.js ${minimum[1]}.${minimum[2]} or newer (this is ${process.versions.node}). Install a current LTS from https://nodejs.org.`)
}

async function main(): Promise<void> {
  const { version, engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; engines: { node: string } }
  checkNode(engines.node)
  const { port, dataDir, build } = parseCli()
  if (build) buildIfNeeded()
  const services = await createServices({
    dataDir,
    shell: 'browser',
    appVersion: version,
    playground: playgroundCommand(),
    sampleCollectionDir: join(root, 'resources', 'sample-collection')
  })
  let host
  try {
    host = await startHost({ services, rendererDir, port })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    fail(code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port, or omit it for a free one.` : String(error))
  }
  console.log(`Parley is running at ${host.url}`)
  // Ctrl-C reaches a launcher and its child alike (npm start forwards it too): stop once, exit 0.
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void Promise.all([host.close(), services.dispose()]).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
