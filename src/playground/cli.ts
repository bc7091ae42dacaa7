import { startPlayground } from './server'

// Parley's app spawns this file and waits for the "listening" line, so that line's format is an
// interface: exactly one line, printed only once the port accepts connections.

function parsePort(argv: string[]): number {
  const index = argv.findIndex((a) => a === '--port' || a.startsWith('--port='))
  if (index === -1) return 0
  const raw = argv[index].includes('=') ? argv[index].slice('--port='.length) : argv[index + 1]
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) > 65535) {
    process.stderr.write(`playground: --port expects an integer from 0 to 65535, got ${raw === undefined ? 'nothing' : `"${raw}"`}\n`)
    process.exit(2)
  }
  return Number(raw)
}

const unknown = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--port') && all[i - 1] !== '--port')
if (unknown.length > 0) {
  process.stderr.write(`playground: unknown argument ${unknown[0]}; usage: playground [--port N]\n`)
  process.exit(2)
}

const port = parsePort(process.argv.slice(2))

// No top-level await: the Electron build bundles this file as a main-process entry, whatever its format.
async function main(): Promise<void> {
  const playground = await startPlayground({ port })
  process.stdout.write(`Playground listening on ${playground.url}\n`)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    playground.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`playground: could not start: ${message}\n`)
  process.exit(1)
})
