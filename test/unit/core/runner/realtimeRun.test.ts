import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEngine } from '../../../../src/core/http/engine'
import { runRealtimeRequest, type RealtimeRequest, type RealtimeRunDeps } from '../../../../src/core/runner/realtimeRun'
import { createCollectionServices } from '../../../../src/core/store/collectionServices'
import { EventBus } from '../../../../src/core/events'
import { RealtimeStepsSchema, type RealtimeStepInput } from '../../../../src/shared/realtimeSteps'
import { SocketIoRequestSchema, SseRequestSchema, WebSocketRequestSchema } from '../../../../src/shared/realtime'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useTempDir } from '../../support/tempDir'
import { waitFor } from '../realtime/harness'

/**
 * The steps of live requests run against the real playground on loopback, through a TCP relay that
 * counts open connections, so every test also shows the run left no session open.
 */

const tempDir = useTempDir('parley-steps-')
let playground: Playground
let relay: Server
let open: Set<Socket>
let relayUrl: string

beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
  open = new Set()
  relay = createServer((client) => {
    open.add(client)
    const upstream = connect(playground.port, '127.0.0.1')
    client.pipe(upstream).pipe(client)
    const end = () => {
      open.delete(client)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const socket of open) socket.destroy()
  await new Promise((resolve) => relay.close(resolve))
  await playground.close()
})

const disposers: (() => void)[] = []
afterEach(async () => {
  // Every run closes what it opened: the relay sees no connection left once it has finished.
  await waitFor(() => open.size === 0, 5_000, `the run's connections to close (${open.size} open)`)
  for (const dispose of disposers.splice(0)) dispose()
})

async function deps(extra: Partial<RealtimeRunDeps> = {}): Promise<RealtimeRunDeps> {
  const store = createCollectionServices({ dataDir: await tempDir(), events: new EventBus() })
  disposers.push(() => store.dispose())
  return { ...store, ...extra }
}

// v4 without auto-detection: the detection probe is a plain HTTP request whose idle keep-alive
// connection (undici's pool) would otherwise stay in the relay's count for a few seconds.
const socketio = (fields: Record<string, unknown> = {}): RealtimeRequest => ({
  kind: 'socketio',
  name: 'Chat',
  ...SocketIoRequestSchema.parse({ url: relayUrl, clientVersion: 'v4', ...fields })
})
const websocket = (path: string): RealtimeRequest => ({
  kind: 'websocket',
  ...WebSocketRequestSchema.parse({ url: `${relayUrl.replace('http', 'ws')}${path}` })
})
const sse = (path: string): RealtimeRequest => ({ kind: 'sse', ...SseRequestSchema.parse({ url: `${relayUrl}${path}` }) })
const steps = (list: RealtimeStepInput[]) => RealtimeStepsSchema.parse(list)

describe('runRealtimeRequest: Socket.IO', () => {
  it('connects, emits with an ack, expects the broadcast, runs the step script, and closes', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'chat',
      request: socketio(),
      steps: steps([
        { type: 'connect' },
        { type: 'emit', event: 'chat:send', args: [{ value: 'hello {{who}}' }], ack: { predicate: 'msg.data.ok === true && typeof msg.data.id === "string"' } },
        {
          type: 'expect',
          event: 'chat:message',
          predicate: "msg.data.text === 'hello ' + 'runner'",
          timeoutMs: 5000,
          script:
            "pm.test('the broadcast carries the text', () => pm.expect(pm.message.data.text).to.equal('hello runner')); console.log('got', pm.messages.length)"
        },
        { type: 'close' }
      ]),
      iteration: { index: 0, count: 1, data: { who: 'runner' } }
    })
    expect(result.error).toBeNull()
    expect(result.tests).toEqual([
      { name: `connect to ${relayUrl}`, passed: true, source: 'step' },
      { name: 'ack of chat:send matching msg.data.ok === true && typeof msg.data.id === "string"', passed: true, source: 'step' },
      { name: "event chat:message matching msg.data.text === 'hello ' + 'runner' within 5000 ms", passed: true, source: 'step' },
      { name: 'the broadcast carries the text', passed: true, source: 'step' }
    ])
    expect(result.console).toEqual([{ level: 'log', text: 'got 1' }])
  })

  it('fails an expectation with what arrived instead, and an ack that does not match', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'chat',
      request: socketio(),
      steps: steps([
        { type: 'emit', name: 'bad send is refused', event: 'chat:send', args: [{ type: 'number', value: '42' }], ack: { predicate: 'msg.data.ok' } },
        { type: 'emit', event: 'chat:send', args: [{ value: 'hi' }] },
        { type: 'expect', event: 'chat:message', predicate: "msg.data.text === 'bye'", timeoutMs: 300 },
        { type: 'emit', event: 'echo', args: [{ value: 'still running' }], ack: { predicate: "msg.data === 'still running'" } }
      ])
    })
    expect(result.error).toBeNull()
    const [connected, ack, expectation, echo] = result.tests
    expect(connected?.passed).toBe(true)
    expect(ack).toMatchObject({ name: 'bad send is refused', passed: false })
    expect(ack?.message).toContain('the ack of chat:send did not match msg.data.ok: got [{"ok":false,"error":"chat:send expects a text string')
    expect(expectation?.passed).toBe(false)
    expect(expectation?.message).toMatch(
      /^expected event chat:message matching msg\.data\.text === 'bye' within 300 ms; received 1 other event: chat:message \{.*"text":"hi"/
    )
    // A failed expectation does not stop the run.
    expect(echo).toMatchObject({ passed: true })
  })

  it('stops at a refused connection and says which steps did not run', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'private',
      request: socketio({ namespace: '/private', auth: '{"token":"wrong"}', reconnection: { enabled: false } }),
      steps: steps([{ type: 'connect', timeoutMs: 5000 }, { type: 'emit', event: 'whoami', ack: {} }, { type: 'close' }])
    })
    expect(result.error).toMatchObject({ code: 'connect_failed' })
    expect(result.error?.message).toContain('invalid token')
    expect(result.tests).toEqual([
      expect.objectContaining({ name: `connect to ${relayUrl}`, passed: false }),
      { name: 'ack of whoami', passed: false, message: `not run: step "connect to ${relayUrl}" failed`, source: 'step' }
    ])
  })

  it('fails a step whose predicate does not parse, at once, with where it failed', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'chat',
      request: socketio(),
      steps: steps([
        { type: 'emit', event: 'chat:send', args: [{ value: 'x' }] },
        { type: 'expect', event: 'chat:message', predicate: 'msg.data.text ===', timeoutMs: 60_000 }
      ])
    })
    expect(result.tests[1]).toMatchObject({ passed: false })
    expect(result.tests[1]?.message).toMatch(/^the predicate failed: SyntaxError/)
  })
})

describe('runRealtimeRequest: WebSocket', () => {
  it('sends frames and expects messages, JSON parsed into msg.data', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'ws',
      request: websocket('/ws/echo'),
      steps: steps([
        { type: 'send', frame: 'json', value: '{"type":"ping","n":1}' },
        { type: 'send', value: 'plain' },
        { type: 'expect', predicate: "msg.data.type === 'ping'", timeoutMs: 5000 },
        { type: 'expect', predicate: "msg.text === 'plain' && msg.data === 'plain'", timeoutMs: 5000 },
        { type: 'expect', name: 'nothing else comes', timeoutMs: 200 },
        { type: 'expect', name: 'event names do not apply', event: 'x', timeoutMs: 200 },
        { type: 'close', code: 1000 }
      ])
    })
    expect(result.error).toBeNull()
    expect(result.tests.map((t) => [t.name, t.passed])).toEqual([
      [`connect to ${relayUrl.replace('http', 'ws')}/ws/echo`, true],
      ["message matching msg.data.type === 'ping' within 5000 ms", true],
      ["message matching msg.text === 'plain' && msg.data === 'plain' within 5000 ms", true],
      ['nothing else comes', false],
      ['event names do not apply', false]
    ])
    expect(result.tests[3]?.message).toBe('expected message within 200 ms; received no other messages')
    expect(result.tests[4]?.message).toContain('a WebSocket message has no event name')
  })

  it('refuses an emit on a WebSocket and closes the session', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'ws',
      request: websocket('/ws/echo'),
      steps: steps([
        { type: 'emit', event: 'nope' },
        { type: 'expect', timeoutMs: 100 }
      ])
    })
    expect(result.error).toMatchObject({ code: 'invalid_steps', message: 'Only Socket.IO emits events; this is a WebSocket.' })
    expect(result.tests.map((t) => t.passed)).toEqual([true, false, false])
  })
})

describe('runRealtimeRequest: SSE', () => {
  it('expects a number of events of a type, and fails one that never comes, listing what came', async () => {
    const result = await runRealtimeRequest(await deps(), {
      requestId: 'sse',
      request: sse('/sse/clock?interval=20&minuteEvery=100000'),
      steps: steps([
        {
          type: 'expect',
          event: 'tick',
          count: 3,
          predicate: 'msg.data.n >= 1 && msg.id === String(msg.data.n)',
          timeoutMs: 5000,
          script: "pm.test('three in order', () => pm.expect(pm.messages.map((m) => m.data.n)).to.eql([1, 2, 3]))"
        },
        { type: 'expect', event: 'minute', timeoutMs: 1000 }
      ])
    })
    expect(result.tests.map((t) => [t.name, t.passed])).toEqual([
      [`connect to ${relayUrl}/sse/clock?interval=20&minuteEvery=100000`, true],
      ['3 events tick matching msg.data.n >= 1 && msg.id === String(msg.data.n) within 5000 ms', true],
      ['three in order', true],
      ['event minute within 1000 ms', false]
    ])
    expect(result.tests[3]?.message).toMatch(/^expected event minute within 1000 ms; received \d+ other events?: tick \{"n":\d+/)
  })

  it('stops at once when cancelled, with the session closed', async () => {
    const abort = new AbortController()
    const running = runRealtimeRequest(await deps({ signal: abort.signal }), {
      requestId: 'sse',
      request: sse('/sse/clock?interval=60000'),
      steps: steps([{ type: 'expect', event: 'tick', count: 2, timeoutMs: 600_000 }])
    })
    await waitFor(() => open.size === 1, 5_000, 'the stream to open')
    abort.abort()
    const result = await running
    expect(result.error).toMatchObject({ code: 'cancelled' })
    // The abort lands during the connect step or the expect step, whichever is under way: that step says so, the rest did not run.
    const at = result.tests.findIndex((t) => t.message === 'The run was cancelled. Run it again when you are ready.')
    expect(at).toBeGreaterThanOrEqual(0)
    expect(result.tests.slice(at + 1).every((t) => !t.passed && t.message?.startsWith('not run: '))).toBe(true)
  })
})

describe('runRealtimeRequest: pm.sendRequest in step scripts', () => {
  it('sends through the HTTP engine, as HTTP scripts do, and says so when no engine serves it', async () => {
    const http = await createHttpEngine({ dataDir: await tempDir(), env: {} })
    disposers.push(() => void http.dispose())
    const script = [
      "const answer = await pm.sendRequest(pm.variables.replaceIn('{{direct}}/echo?from=') + pm.message.data)",
      "pm.test('the side request answered', () => pm.expect(answer.json().query.from).to.equal('step'))",
      "pm.sendRequest(pm.variables.get('direct') + '/echo?cb=1', (error, response) => pm.test('the callback form works', () => pm.expect(response.code).to.equal(200)))"
    ].join('\n')
    const request = websocket('/ws/echo')
    const run = (extra: RealtimeRunDeps) =>
      runRealtimeRequest(extra, {
        requestId: 'side',
        request,
        steps: steps([
          { type: 'send', value: 'step' },
          { type: 'expect', predicate: "msg.data === 'step'", script }
        ]),
        iteration: { index: 0, count: 1, data: { direct: playground.url } }
      })
    const base = await deps()
    const served = await run({ ...base, http })
    expect(served.error).toBeNull()
    expect(served.tests.map((t) => `${t.name}: ${t.passed}`)).toEqual([
      `connect to ${request.url}: true`,
      "message matching msg.data === 'step' within 5000 ms: true",
      'the side request answered: true',
      'the callback form works: true'
    ])
    const unserved = await run(base)
    expect(unserved.tests.at(-1)).toMatchObject({ passed: false, message: expect.stringContaining('pm.sendRequest is not available here') })
  })
})
