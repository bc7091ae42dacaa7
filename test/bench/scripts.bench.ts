import { ScriptSandbox } from '../../src/core/scripts/sandbox'
import { verdict } from './targets'

const warmup = 20
const runs = 300
const targetMedianMs = 2

/** A typical Postman test script: status, a header, a JSON field with chai, a variable set. */
const script = `
pm.test('status is 200', () => pm.response.to.have.status(200))
pm.test('is json', () => pm.response.to.have.header('content-type'))
const body = pm.response.json()
pm.test('has items', () => pm.expect(body.items).to.be.an('array').that.is.not.empty)
pm.environment.set('firstId', String(body.items[0].id))
`

const input = {
  info: { eventName: 'test', iteration: 0, iterationCount: 1, requestName: 'List notes', requestId: 'bench' },
  request: { method: 'GET', url: 'http://127.0.0.1/api/notes', headers: [{ key: 'Accept', value: 'application/json' }], body: { mode: 'none' } },
  response: {
    code: 200,
    status: 'OK',
    headers: [['content-type', 'application/json']],
    body: JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, title: `note ${i + 1}` })), total: 20 }),
    responseTime: 3,
    responseSize: 900
  },
  vars: { globals: {}, collection: {}, environment: { base: 'http://127.0.0.1' }, folders: {}, data: {}, local: {} },
  environmentName: 'bench'
}

const noHost = async (): Promise<unknown> => {
  throw new Error('the bench script calls no host service')
}

/**
 * The sandbox's cost per script run, as a collection run pays it: one sandbox (chai parsed once),
 * a post-response test script run again and again. Median ≤ 2 ms.
 */
export async function run(): Promise<{ name: string; medianMs: number; met: boolean }> {
  const createdAt = performance.now()
  const sandbox = await ScriptSandbox.create()
  try {
    const first = await sandbox.run(script, 'post.js', input, noHost)
    const firstMs = performance.now() - createdAt
    const tests = (first.output as { tests: { passed: boolean }[] } | null)?.tests ?? []
    if (first.error || tests.length !== 3 || tests.some((t) => !t.passed)) {
      throw new Error(`the bench script did not pass: ${JSON.stringify(first.error ?? tests)}`)
    }
    for (let i = 0; i < warmup; i++) await sandbox.run(script, 'post.js', input, noHost)
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      await sandbox.run(script, 'post.js', input, noHost)
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    const medianMs = times[Math.floor(times.length / 2)] ?? Number.NaN
    const p95 = times[Math.floor(times.length * 0.95)] ?? Number.NaN
    const met = medianMs <= targetMedianMs
    console.log(
      `bench script-run: median ${medianMs.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${runs} runs (target median ≤ ${targetMedianMs} ms, ${verdict('script-run', met)})`
    )
    // What the first script of a Send pays once: the WebAssembly module, a runtime, chai parsed.
    console.log(`bench script-run first (sandbox + chai + run): ${Math.round(firstMs)} ms`)
    return { name: 'script-run', medianMs, met }
  } finally {
    sandbox.dispose()
  }
}
