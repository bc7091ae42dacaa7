import { chromium, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunch } from '../../playwright.config'
import { startPlayground } from '../../src/playground/server'
import { startHostProcess, stopHostProcess } from '../e2e/fixtures'
import { verdict } from './targets'

const FIRST_SCREEN_TARGET_MS = 2000
/** What the page's own PerformanceObserver reports as its longest task; past 100 ms a user feels the freeze. */
const LONG_TASK_TARGET_MS = 100

/** Records every main-thread task over 50 ms, from before the app's first script runs. */
export const longTaskRecorder = (): void => {
  const tasks: { start: number; duration: number }[] = []
  ;(window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}

export interface LargeResponseFigures {
  /** From the last byte of the body reaching core to the first lines painted. */
  firstScreenMs: number
  /** The longest main-thread task (wall clock, PerformanceObserver) from the last byte through scrolling, searching and switching tabs. */
  longestTaskMs: number
  /** The same tasks' CPU time, from a trace: the page's own work, whatever else the machine is doing. */
  longestTaskCpuMs: number
}

/** Times of the response's arrival and first screen, in the page's clock (performance.now). */
export async function responseMarks(page: Page): Promise<{ lastByte: number; firstScreen: number } | null> {
  return page.evaluate(() => {
    const response = performance.getEntriesByName('parley:response').at(-1) as PerformanceMark | undefined
    // The first screen of this response: views opened later mark again.
    const first = performance.getEntriesByName('parley:first-screen').find((mark) => response && mark.startTime >= response.startTime) as
      PerformanceMark | undefined
    if (!response || !first) return null
    const { lastByteEpoch } = response.detail as { lastByteEpoch: number }
    return { lastByte: lastByteEpoch - performance.timeOrigin, firstScreen: first.startTime }
  })
}

export async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate((from) => {
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
    return Math.max(0, ...tasks.filter((t) => t.start + t.duration >= from).map((t) => t.duration))
  }, since)
}

/** Starts a Chromium trace of the page's renderer: it tells a task's CPU time from its wall-clock time. */
export async function startMainThreadTrace(page: Page): Promise<void> {
  await page
    .context()
    .browser()!
    .startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] })
}

/**
 * The longest main-thread task since the trace started, by CPU time and by wall-clock time. On a
 * loaded machine a task's wall time includes time the OS gave other processes; its CPU time is the
 * work the page itself did, which is what freezes it.
 */
export async function stopMainThreadTrace(page: Page): Promise<{ longestCpuMs: number; longestWallMs: number }> {
  const buffer = await page.context().browser()!.stopTracing()
  const parsed = JSON.parse(buffer.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
  let longestCpuMs = 0
  let longestWallMs = 0
  for (const e of events) {
    if (e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`) || !/RunTask$/.test(e.name)) continue
    longestCpuMs = Math.max(longestCpuMs, (e.tdur ?? e.dur ?? 0) / 1000)
    longestWallMs = Math.max(longestWallMs, (e.dur ?? 0) / 1000)
  }
  return { longestCpuMs, longestWallMs }
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/** Drives the body of a large JSON response the way a user would: scroll, jump, search, switch tabs, open the tree. */
export async function exerciseLargeBody(page: Page): Promise<void> {
  const viewer = page.getByRole('region', { name: 'Response body' })
  await viewer.hover()
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 1500)
  await viewer.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
  await page.waitForTimeout(150)
  await viewer.evaluate((element) => (element.scrollTop = element.scrollHeight))
  await page.waitForTimeout(150)
  await page.getByRole('searchbox', { name: 'Search body' }).fill('item 25000')
  await page.getByText(/\d+ of \d+\+? lines? · /).waitFor({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Next match' }).click()
  await page.waitForTimeout(150)
  const sections = page.getByRole('tablist', { name: 'Response sections' })
  await sections.getByRole('tab', { name: /^Headers/ }).click()
  await sections.getByRole('tab', { name: /^Timing/ }).click()
  await sections.getByRole('tab', { name: /^Body/ }).click()
  await page.getByRole('button', { name: 'Raw', exact: true }).click()
  await page.waitForTimeout(150)
  await page.getByRole('button', { name: 'JSON Tree', exact: true }).click()
  await page.getByRole('treeitem', { name: /^items:/ }).click({ timeout: 20_000 })
  await page.getByRole('treeitem', { name: /^\[0 … 9999\]/ }).waitFor()
  await page.getByRole('button', { name: 'Pretty', exact: true }).click()
  await page.waitForTimeout(300)
}

/** Sends GET /json/large?mb=N through the UI of a page already open on Parley, and measures. */
export async function measureLargeResponse(page: Page, playgroundUrl: string, mb: number): Promise<LargeResponseFigures> {
  await page.getByRole('textbox', { name: 'URL' }).fill(`${playgroundUrl}/json/large?mb=${mb}`)
  await startMainThreadTrace(page)
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForFunction(() => performance.getEntriesByName('parley:first-screen').length > 0, null, { timeout: 60_000 })
  const marks = await responseMarks(page)
  if (!marks) throw new Error('the response pane left no marks')
  await exerciseLargeBody(page)
  const { longestCpuMs } = await stopMainThreadTrace(page)
  return { firstScreenMs: marks.firstScreen - marks.lastByte, longestTaskMs: await longestTaskSince(page, marks.lastByte), longestTaskCpuMs: longestCpuMs }
}

export async function run(): Promise<void> {
  // The host serves the built renderer; build it once if this checkout never was.
  if (!existsSync('out/renderer/index.html')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  const { child, url } = await startHostProcess(dataDir, {}, { validateEvents: false })
  const playground = await startPlayground({ port: 0 })
  const browser = await chromium.launch(chromiumLaunch)
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.addInitScript(longTaskRecorder)
    await page.goto(url)
    const figures = await measureLargeResponse(page, playground.url, 50)
    const met = figures.firstScreenMs < FIRST_SCREEN_TARGET_MS && figures.longestTaskMs < LONG_TASK_TARGET_MS
    const load = loadavg()[0]!
    console.log(
      `bench large-response-50mb: first screen ${Math.round(figures.firstScreenMs)} ms after last byte (target < ${FIRST_SCREEN_TARGET_MS}), ` +
        `longest main-thread task ${Math.round(figures.longestTaskMs)} ms (target < ${LONG_TASK_TARGET_MS}), ${verdict('large-response-50mb', met)}` +
        ` (its CPU time ${Math.round(figures.longestTaskCpuMs)} ms; load average ${load.toFixed(1)} on ${cpus().length} cores)`
    )
  } finally {
    await browser.close()
    await playground.close()
    await stopHostProcess(child)
    await rm(dataDir, { recursive: true, force: true })
  }
}
