import { cp, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import type { RunnerProgress, RunResult } from '../../../../src/shared/runner'
import { useTempDir } from '../../support/tempDir'

const sample = join(import.meta.dirname, '../../../../resources/sample-collection')
const tempDir = useTempDir()
let playground: Playground
let services: Services
let events: RunnerProgress[]

beforeAll(async () => {
  playground = await startPlayground()
})
afterAll(async () => {
  await playground.close()
})
beforeEach(async () => {
  services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  events = []
  services.events.subscribe((name, payload) => {
    if (name === 'runner.progress') events.push(payload as RunnerProgress)
  })
})
afterEach(async () => {
  await services.dispose()
})

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

/** Starts a run and waits for its done event; returns runner.result. */
async function runToEnd(input: Record<string, unknown>): Promise<RunResult> {
  const { runId } = await call<{ runId: string }>('runner.start', input)
  await new Promise<void>((resolve) => {
    const check = (): void => (events.some((e) => e.type === 'done' && e.runId === runId) ? resolve() : void setImmediate(check))
    check()
  })
  return call<RunResult>('runner.result', { runId })
}

/** A small collection: a request whose script sets a variable, one that uses it, one that fails. */
async function smallCollection(): Promise<string> {
  const dir = join(await tempDir(), 'small')
  await mkdir(join(dir, 'a'), { recursive: true })
  await writeFile(join(dir, 'parley.yaml'), `parley: 1\nname: Small\nvariables:\n  - name: base\n    value: ${playground.url}\norder:\n  - a\n  - last.yaml\n`)
  await writeFile(join(dir, 'a/folder.yaml'), 'name: A\norder:\n  - set.yaml\n  - use.yaml\n')
  await writeFile(
    join(dir, 'a/set.yaml'),
    `kind: http\nname: Set\nmethod: GET\nurl: "{{base}}/echo?who={{who}}"\nscripts:\n  post: |-\n    pm.collectionVariables.set('seen', pm.response.json().query.who + '-' + pm.info.iteration)\n    pm.test('who comes from the data row', () => pm.expect(pm.response.json().query.who).to.equal(pm.iterationData.get('who')))\n`
  )
  await writeFile(
    join(dir, 'a/use.yaml'),
    `kind: http\nname: Use\nmethod: GET\nurl: "{{base}}/echo?seen={{seen}}"\nassertions:\n  - target: body $.query.seen\n    operator: contains\n    expected: "-"\n`
  )
  await writeFile(
    join(dir, 'last.yaml'),
    `kind: http\nname: Last\nmethod: GET\nurl: "{{base}}/status/404"\nassertions:\n  - target: status\n    expected: "200"\n`
  )
  return dir
}

describe('the collection runner', () => {
  it('runs the sample collection against the playground: every test passes, live requests run their steps', async () => {
    const dir = join(await tempDir(), 'sample')
    await cp(sample, dir, { recursive: true })
    const tree = await call<{ id: string }>('collection.open', { path: dir })
    const envVars = { playground: playground.url, playgroundWs: playground.url.replace(/^http/, 'ws') }
    const result = await runToEnd({ collectionId: tree.id, envVars, persistVariables: false })
    expect(result.summary.state).toBe('finished')
    const failed = result.items.flatMap((item) => [
      ...item.tests.filter((t) => !t.passed).map((t) => `${item.name}: ${t.name}: ${t.message}`),
      ...(item.error ? [`${item.name}: ${item.error.message}`] : [])
    ])
    expect(failed).toEqual([])
    expect(result.items.map((item) => item.name).slice(0, 3)).toEqual(['List notes', 'Get a note', 'Create a note'])
    expect(result.items.filter((item) => item.kind === 'http').map((item) => item.outcome)).toEqual(Array.from({ length: 14 }, () => 'passed'))
    // Live requests with steps run them (each expectation a test); those without steps are skipped, saying why.
    const live = Object.fromEntries(result.items.filter((item) => item.kind !== 'http').map((item) => [`${item.kind} ${item.name}`, item.outcome]))
    expect(live).toEqual({
      'socketio Chat': 'passed',
      'socketio Ticker': 'passed',
      'socketio Private': 'passed',
      'websocket Echo': 'passed',
      'websocket Broadcast': 'passed',
      'websocket Subprotocol': 'passed',
      'sse Clock': 'passed'
    })
    expect(result.items.find((item) => item.name === 'Chat')?.tests.length).toBeGreaterThan(0)
    expect(events.filter((e) => e.type === 'item-start')).toHaveLength(21)
  })

  it('iterates over data rows, carries script variables between requests, and saves them at the end', async () => {
    const tree = await call<{ id: string }>('collection.open', { path: await smallCollection() })
    const result = await runToEnd({ collectionId: tree.id, folder: 'a', data: { kind: 'rows', rows: [{ who: 'ann' }, { who: 'bob' }] } })
    expect(result.summary).toMatchObject({ state: 'finished', iterations: { total: 2, done: 2 }, requests: { total: 4, passed: 4 } })
    expect(result.items.map((i) => `${i.iteration}:${i.name}:${i.outcome}`)).toEqual(['0:Set:passed', '0:Use:passed', '1:Set:passed', '1:Use:passed'])
    const settings = await call<{ variables: { name: string; value: string }[] }>('folder.read', { collectionId: tree.id, path: '' })
    expect(settings.variables.find((v) => v.name === 'seen')?.value).toBe('bob-1')
  })

  it('stops at the first failure with bail, runs only the requests asked for, and cancels', async () => {
    const tree = await call<{ id: string }>('collection.open', { path: await smallCollection() })
    const bailed = await runToEnd({ collectionId: tree.id, iterations: 3, bail: true, data: { kind: 'rows', rows: [{ who: 'x' }] }, persistVariables: false })
    expect(bailed.summary.state).toBe('bailed')
    expect(bailed.items.map((i) => i.name)).toEqual(['Set', 'Use', 'Last'])
    expect(bailed.items[2]?.outcome).toBe('failed')
    const only = await runToEnd({ collectionId: tree.id, only: ['last.yaml'], persistVariables: false })
    expect(only.items.map((i) => i.path)).toEqual(['last.yaml'])
    const { runId } = await call<{ runId: string }>('runner.start', { collectionId: tree.id, iterations: 100, delayMs: 60_000, persistVariables: false })
    await new Promise<void>((resolve) => {
      const check = (): void => (events.some((e) => e.type === 'item-done' && e.runId === runId) ? resolve() : void setImmediate(check))
      check()
    })
    expect(await call('runner.cancel', { runId })).toEqual({ cancelled: true })
    await new Promise<void>((resolve) => {
      const check = (): void => (events.some((e) => e.type === 'done' && e.runId === runId) ? resolve() : void setImmediate(check))
      check()
    })
    const cancelled = await call<RunResult>('runner.result', { runId })
    expect(cancelled.summary.state).toBe('cancelled')
    expect(cancelled.items).toHaveLength(1)
  })

  it('saves reports: JSON, JUnit and escaped HTML', async () => {
    const tree = await call<{ id: string }>('collection.open', { path: await smallCollection() })
    const { runId } = await call<{ runId: string }>('runner.start', {
      collectionId: tree.id,
      data: { kind: 'rows', rows: [{ who: '<b>' }] },
      persistVariables: false
    })
    await new Promise<void>((resolve) => {
      const check = (): void => (events.some((e) => e.type === 'done' && e.runId === runId) ? resolve() : void setImmediate(check))
      check()
    })
    const json = await call<{ text: string; defaultName: string }>('runner.save', { runId, format: 'json' })
    expect(JSON.parse(json.text).summary.requests.total).toBe(3)
    expect(json.defaultName).toBe('small-run.json')
    const junit = await call<{ text: string }>('runner.save', { runId, format: 'junit' })
    expect(junit.text).toContain('<testsuites')
    expect((junit.text.match(/<testsuite /g) ?? []).length).toBe(3)
    const html = await call<{ text: string }>('runner.save', { runId, format: 'html' })
    expect(html.text).toContain('<!doctype html>')
    expect(html.text).not.toMatch(/<script/i)
  })

  it('skips a live request without steps, saying why, and runs the one with steps beside it', async () => {
    const dir = join(await tempDir(), 'live')
    await mkdir(join(dir, 'live'), { recursive: true })
    await writeFile(
      join(dir, 'parley.yaml'),
      `parley: 1\nname: Live\nvariables:\n  - name: ws\n    value: ${playground.url.replace(/^http/, 'ws')}\n  - name: base\n    value: ${playground.url}\n`
    )
    await writeFile(join(dir, 'live/folder.yaml'), 'name: Live\norder:\n  - bare.yaml\n  - stepped.yaml\n  - stream.yaml\n')
    await writeFile(join(dir, 'live/bare.yaml'), 'kind: websocket\nname: Bare\nurl: "{{ws}}/ws/echo"\n')
    await writeFile(
      join(dir, 'live/stepped.yaml'),
      'kind: websocket\nname: Stepped\nurl: "{{ws}}/ws/echo"\nsteps:\n  - type: send\n    value: hi\n  - type: expect\n    predicate: msg.data === "hi"\n'
    )
    await writeFile(join(dir, 'live/stream.yaml'), 'kind: sse\nname: Stream\nurl: "{{base}}/sse/clock"\nsteps: []\n')
    const tree = await call<{ id: string }>('collection.open', { path: dir })
    const result = await runToEnd({ collectionId: tree.id, persistVariables: false })
    expect(result.summary.state).toBe('finished')
    expect(result.items.map((item) => `${item.name}:${item.outcome}`)).toEqual(['Bare:skipped', 'Stepped:passed', 'Stream:skipped'])
    expect(result.items[0]?.skipReason).toBe(
      'This WebSocket request has no steps, so there is nothing to run: add steps (connect, expect, …) in its Steps tab.'
    )
    expect(result.items[0]?.tests).toEqual([])
    expect(result.items[2]?.skipReason).toContain('This SSE request has no steps')
    expect(result.summary.requests).toMatchObject({ total: 3, passed: 1, skipped: 2 })
  })

  it('refuses a data file outside the collection that the user did not choose, saying so', async () => {
    const tree = await call<{ id: string }>('collection.open', { path: await smallCollection() })
    const outside = join(await tempDir(), 'rows.csv')
    await writeFile(outside, 'who\nann\n')
    const result = await services.invoke('runner.start', { collectionId: tree.id, data: { kind: 'file', path: outside } })
    expect(result.ok).toBe(false)
  })
})
