import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startPlayground } from '../../../src/playground/server'

const root = fileURLToPath(new URL('../../../', import.meta.url))

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/playground/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  )
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => {
      const nl = stdout.indexOf('\n')
      if (nl >= 0) resolve(stdout.slice(0, nl + 1))
    }
    child.stdout.on('data', check)
    void exited.then(() => reject(new Error(`cli exited before printing a line; stderr: ${stderr}`)))
  })
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) }
}

describe('playground CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints one listening line, serves, and exits 0 on %s', async (signal) => {
    const cli = runCli(['--port', '0'])
    const line = await cli.firstLine
    const match = /^Playground listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(line)
    expect(match).not.toBeNull()
    const res = await fetch(`${match![1]}/api/notes`)
    expect(res.status).toBe(200)
    expect((await res.json()).total).toBeGreaterThan(0)
    cli.child.kill(signal)
    expect(await cli.exited).toEqual({ code: 0, signal: null })
    expect(cli.output().stdout).toBe(line)
  })

  it('exits 2 with a clear message for a bad --port', { timeout: 120_000 }, async () => {
    // Four real processes, side by side: on a busy machine each start of tsx takes seconds.
    await Promise.all(
      [['--port', 'abc'], ['--port', '70000'], ['--port'], ['--nope']].map(async (args) => {
        const cli = runCli(args)
        cli.firstLine.catch(() => {})
        expect((await cli.exited).code).toBe(2)
        expect(cli.output().stdout).toBe('')
        expect(cli.output().stderr).toMatch(/--port|usage/)
      })
    )
  })

  it('exits 1 with the reason when the port is taken', async () => {
    const taken = await startPlayground()
    try {
      const cli = runCli(['--port', String(taken.port)])
      cli.firstLine.catch(() => {})
      expect((await cli.exited).code).toBe(1)
      expect(cli.output().stderr).toMatch(/could not start: .*EADDRINUSE/)
    } finally {
      await taken.close()
    }
  })
})
