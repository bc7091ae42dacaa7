import { chromium, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunch } from '../../playwright.config'
import { startPlayground } from '../../src/playground/server'
import { startHostProcess, stopHostProcess } from '../e2e/fixtures'
import { longTaskRecorder } from './large-response.bench'
import { burstDoneWatcher, gotoApp, measureRealtimeLog } from './realtime-ui.bench'
import { verdict } from './targets'

const COUNT = 1_000_000
const PAGE_MEMORY_TARGET_MB = 300
const ARRIVAL_TIMEOUT_MS = 600_000
const MB = 1024 * 1024

/** The page's JavaScript heap after a full garbage collection: what holding the session costs it. */
async function pageHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize / MB
}

/** Resident memory of a process (Linux /proc), or undefined elsewhere. */
async function residentMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN)
  return Number.isFinite(kb) ? kb / 1024 : undefined
}

/** Milliseconds from `act` until the log's "X of Y messages shown" line starts with `shown`. */
async function timeUntilShown(page: Page, shown: number, act: () => Promise<void>): Promise<number> {
  const started = Date.now()
  await act()
  await page.waitForFunction(
    (want) => document.querySelector('.rt-log-meta .rt-muted')?.textContent?.replace(/,/g, '').startsWith(`${want} of`) ?? false,
    shown,
    { timeout: 120_000, polling: 'raf' }
  )
  return Date.now() - started
}

/**
 * Issue 15: a one-million-message Socket.IO session in the window. Reports Emit to the last row, the
 * memory of core (the host process) and of the page, and how long filtering by event, searching and
 * exporting take; the target is the page's memory.
 */
export async function run(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  const { child, url } = await startHostProcess(dataDir, {}, { validateEvents: false })
  const playground = await startPlayground({ port: 0 })
  const browser = await chromium.launch(chromiumLaunch)
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn' })
    await page.addInitScript(burstDoneWatcher)
    await page.addInitScript(longTaskRecorder)
    await gotoApp(page, url)
    const figures = await measureRealtimeLog(page, playground.url, COUNT, ARRIVAL_TIMEOUT_MS)
    const emitToLastRowMs = figures.burstMs !== undefined && figures.shownMs !== undefined ? figures.burstMs + figures.shownMs : undefined
    const pageMb = await pageHeapMb(page)
    const coreMb = await residentMb(child.pid)
    const filterMs = await timeUntilShown(page, COUNT, async () => {
      await page.getByRole('combobox', { name: 'Event filter' }).selectOption('burst:item')
    })
    await page.getByRole('combobox', { name: 'Event filter' }).selectOption('')
    const searchMs = await timeUntilShown(page, 1, () => page.getByRole('textbox', { name: 'Filter messages' }).fill(`"i":${COUNT - 1}`))
    await page.getByRole('textbox', { name: 'Filter messages' }).fill('')
    const exportStarted = Date.now()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByRole('button', { name: 'Export NDJSON' }).click()])
    const exported = await download.path()
    const exportMs = Date.now() - exportStarted
    const exportedMb = exported ? (await readFile(exported)).length / MB : 0

    const met = figures.received === COUNT && pageMb < PAGE_MEMORY_TARGET_MB
    const ms = (v: number | undefined) => (v === undefined ? 'n/a' : `${(v / 1000).toFixed(1)} s`)
    console.log(
      `bench realtime-log-1m: page memory ${Math.round(pageMb)} MB holding ${figures.received.toLocaleString('en')}/${COUNT.toLocaleString('en')} messages (JS heap after GC; target < ${PAGE_MEMORY_TARGET_MB} MB), ${verdict('realtime-log-1m', met)}`
    )
    console.log(
      `  (core: host process resident ${coreMb === undefined ? 'n/a' : `${Math.round(coreMb)} MB`}; Emit to last row ${ms(emitToLastRowMs)}; filter by event ${filterMs} ms; search ${searchMs} ms; ` +
        `export ${ms(exportMs)} for ${Math.round(exportedMb)} MB; longest main-thread task ${Math.round(figures.longestTaskMs)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`
    )
  } finally {
    await browser.close()
    await playground.close()
    await stopHostProcess(child)
    await rm(dataDir, { recursive: true, force: true })
  }
}
