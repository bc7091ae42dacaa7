import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'

export interface ParleyHost {
  /** The exact address the CLI printed, token included. */
  url: string
  origin: string
  dataDir: string
}

/**
 * Starts the real `npm run web` program (already built) on a free port with its own data directory.
 * `env` adds variables (a test's HOME); benches pass `validateEvents: false` to measure the app as users run it.
 */
export async function startHostProcess(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  options: { validateEvents?: boolean } = {}
): Promise<{ child: ChildProcess; url: string }> {
  // scripts/web.mjs runs the host's build when it is fresh (npm run test:e2e builds first), else its sources.
  const child = spawn(process.execPath, ['scripts/web.mjs', '--port', '0', '--no-build', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Core validates even the message batches it builds itself, as the unit tests do.
    env: options.validateEvents === false ? { ...withoutValidation(process.env), ...env } : { ...process.env, PARLEY_VALIDATE_EVENTS: '1', ...env }
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = output.match(/Parley is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)))
  })
  return { child, url }
}

function withoutValidation(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { PARLEY_VALIDATE_EVENTS: _validate, VITEST: _vitest, ...rest } = env
  return rest
}

export async function stopHostProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGINT')
  return exited
}

/** Collects console errors and page errors so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(String(error)))
  return errors
}

export const test = base.extend<{ host: ParleyHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  host: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'))
    const { child, url } = await startHostProcess(dataDir)
    await use({ url, origin: new URL(url).origin, dataDir })
    await stopHostProcess(child)
    await rm(dataDir, { recursive: true, force: true })
  }
})

export { expect }
