import { chromium } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromiumLaunch } from '../../playwright.config'
import { startHostProcess, stopHostProcess } from '../e2e/fixtures'
import { verdict } from './targets'

const RENDERER = 'out/renderer'
const FIRST_LOAD_TARGET_BYTES = 1_000_000
const COLD_START_TARGET_MS = 1500
const ROUNDS = 3

/**
 * The JavaScript a window must load before it can show anything: the entry script of the built
 * index.html, its modulepreloads, every chunk those import statically (not the ones loaded on demand),
 * and the English catalogs' chunk (`src/renderer/i18n/bundles/en.ts`), which the first render waits for.
 */
export async function firstLoadScripts(dir = RENDERER): Promise<{ file: string; bytes: number }[]> {
  const html = await readFile(join(dir, 'index.html'), 'utf8')
  const catalogs = (await readdir(join(dir, 'assets'))).filter((name) => /^en-[\w-]+\.js$/.test(name)).map((name) => join(dir, 'assets', name))
  const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)]
    .map((m) => resolve(dir, (m[1] ?? m[2])!))
    .concat(catalogs.map((f) => resolve(f)))
  const seen = new Map<string, number>()
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    const text = await readFile(file, 'utf8')
    seen.set(file, (await stat(file)).size)
    // Static imports only (`import{a}from"./x.js"`, `import"./y.js"`); `import("./z.js")` loads on demand.
    for (const m of text.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) queue.push(resolve(file, '..', m[1]!))
  }
  return [...seen].map(([file, bytes]) => ({ file, bytes }))
}

/**
 * Issue 15: how soon a window is usable, and how much JavaScript it loads first. Cold start is the
 * time from starting the browser host (`npm run web`'s program, as a new process) to the window
 * showing a control that works, in an already running Chromium; median of three.
 */
export async function run(): Promise<void> {
  if (!existsSync(join(RENDERER, 'index.html'))) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const scripts = await firstLoadScripts()
  const bytes = scripts.reduce((sum, s) => sum + s.bytes, 0)
  console.log(
    `bench first-load-js: ${(bytes / 1e6).toFixed(2)} MB in ${scripts.length} file${scripts.length === 1 ? '' : 's'} before the first screen (built ${RENDERER}, uncompressed; target < ${FIRST_LOAD_TARGET_BYTES / 1e6} MB), ${verdict('first-load-js', bytes < FIRST_LOAD_TARGET_BYTES)}`
  )

  const browser = await chromium.launch(chromiumLaunch)
  const times: number[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      const started = performance.now()
      const { child, url } = await startHostProcess(dataDir, {}, { validateEvents: false })
      try {
        await page.goto(url)
        // Interactive: a control of the shell is there, enabled, and answers a click.
        const newSession = page.getByRole('button', { name: 'New realtime session' })
        await newSession.click({ timeout: 30_000 })
        await page.getByRole('menuitem', { name: 'New Socket.IO session' }).waitFor({ timeout: 30_000 })
        times.push(performance.now() - started)
      } finally {
        await page.close()
        await stopHostProcess(child)
        await rm(dataDir, { recursive: true, force: true })
      }
    }
  } finally {
    await browser.close()
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!
  console.log(
    `bench cold-start: ${Math.round(median)} ms from starting the browser host to a window that answers a click (median of ${ROUNDS}: ${times.map((t) => Math.round(t)).join(', ')} ms; target < ${COLD_START_TARGET_MS}), ` +
      `${verdict('cold-start', median < COLD_START_TARGET_MS)} (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`
  )
}
