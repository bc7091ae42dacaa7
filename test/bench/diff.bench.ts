import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { compareResponses } from '../../src/core/compare/compareResponses'
import { createServices } from '../../src/core/services'
import { HttpRequestSchema } from '../../src/shared/http'
import { verdict } from './targets'

const TARGET_MS = 1000
/**
 * The longest core's event loop may stall during a diff, as a share of the stall of the same diff on the
 * main thread (a ratio in one run: on a loaded machine every absolute pause grows with the neighbours).
 */
const BLOCK_TARGET_RATIO = 0.1
const SIZE = 5 * 1024 * 1024

/** About 5 MB of notes; the second version has notes changed, added, removed and moved. */
function notesBody(version: 1 | 2): string {
  const notes: Array<Record<string, unknown>> = []
  for (let i = 0; notes.length * 150 < SIZE; i++) {
    notes.push({
      id: `n${i}`,
      title: `Note number ${i}`,
      body: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit',
      tags: ['work', String(i % 7)],
      createdAt: new Date(1e12 + i * 1000).toISOString()
    })
  }
  if (version === 2) {
    for (let i = 0; i < notes.length; i += 997) notes[i] = { ...notes[i], title: `Changed ${i}` }
    notes.splice(1234, 3)
    const [moved] = notes.splice(500, 1)
    notes.splice(20_000, 0, moved!)
    for (let i = 0; i < 50; i++) notes.push({ id: `new${i}`, title: 'Added', body: '', tags: [], createdAt: new Date().toISOString() })
  }
  return JSON.stringify({ generatedAt: new Date().toISOString(), notes })
}

/**
 * Two 5 MB JSON responses of the same request, sent through core (so both land in response history),
 * then compared with compare.run as the Compare view does: parse, ignore a path, structural diff, texts.
 */
export async function run(): Promise<{ compareMs: number; compareCpuMs: number; maxBlockMs: number; inlineBlockMs: number }> {
  const bodies = [notesBody(1), notesBody(2)]
  let served = 0
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(bodies[Math.min(served++, 1)])
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-diff-bench-'))
  const services = await createServices({ dataDir, shell: 'browser', appVersion: 'bench', statusIntervalMs: 0 })
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const result = await services.invoke(name, input)
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
    return result.value
  }
  try {
    const request = HttpRequestSchema.parse({ method: 'GET', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notes` })
    const target = { tabId: 'bench' }
    for (const requestId of ['bench-request-0001', 'bench-request-0002']) await call('http.send', { requestId, request, tabId: 'bench' })
    const times: number[] = []
    const cpuTimes: number[] = []
    let changes = 0
    const blocks: number[] = []
    for (let round = 0; round < 3; round++) {
      const loop = monitorEventLoopDelay({ resolution: 5 })
      loop.enable()
      const started = performance.now()
      const cpuStarted = process.cpuUsage()
      const result = (await call('compare.run', {
        left: { history: { target, id: 'bench-request-0001' } },
        right: { history: { target, id: 'bench-request-0002' } },
        ignorePaths: ['generatedAt']
      })) as { body: { kind: string; changes?: unknown[] } }
      times.push(performance.now() - started)
      loop.disable()
      // The longest the event loop waited past its 5 ms tick, i.e. how long other calls would have stalled.
      blocks.push(Math.max(0, loop.max / 1e6 - 5))
      const cpu = process.cpuUsage(cpuStarted)
      cpuTimes.push((cpu.user + cpu.system) / 1000)
      changes = result.body.changes?.length ?? -1
    }
    const compareMs = times.sort((a, b) => a - b)[1]!
    const compareCpuMs = cpuTimes.sort((a, b) => a - b)[1]!
    const maxBlockMs = blocks.sort((a, b) => a - b)[1]!
    // Baseline in the same run: the same diff on the main thread, as before the worker.
    const inlineLoop = monitorEventLoopDelay({ resolution: 5 })
    inlineLoop.enable()
    await new Promise<void>((resolve) => setTimeout(resolve, 20))
    const snapshot = (body: string) => ({ status: 200, statusText: 'OK', headers: [] as [string, string][], body: Buffer.from(body) })
    compareResponses(snapshot(bodies[0]!), snapshot(bodies[1]!), ['generatedAt'])
    await new Promise<void>((resolve) => setTimeout(resolve, 20))
    inlineLoop.disable()
    const inlineBlockMs = Math.max(0, inlineLoop.max / 1e6 - 5)
    // Judged on CPU time: on a machine shared with other work, wall time says more about the neighbours.
    console.log(
      `bench diff: two ${(bodies[0]!.length / 1024 / 1024).toFixed(1)} MB JSON bodies compared in ${compareCpuMs.toFixed(0)} ms of CPU, ${compareMs.toFixed(0)} ms wall ` +
        `(median of 3; ${changes} changes; load ${loadavg()[0]!.toFixed(1)}) (target < ${TARGET_MS} ms CPU: ${verdict('diff', compareCpuMs < TARGET_MS)})`
    )
    console.log(
      `bench diff-blocking: core's event loop stalled at most ${maxBlockMs.toFixed(0)} ms during a compare (median of 3 rounds' worst; ` +
        `the same diff on the main thread stalls it ${inlineBlockMs.toFixed(0)} ms) ` +
        `(ratio ${(maxBlockMs / inlineBlockMs).toFixed(3)}, target < ${BLOCK_TARGET_RATIO}: ${verdict('diff-blocking', maxBlockMs < BLOCK_TARGET_RATIO * inlineBlockMs)})`
    )
    return { compareMs, compareCpuMs, maxBlockMs, inlineBlockMs }
  } finally {
    await services.dispose()
    server.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}
