import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { io as connect, type Socket } from 'socket.io-client'
import { startPlayground, type Playground } from '../../../src/playground/server'
import { learnSteps, type LearnHttp } from '../../../src/renderer/features/learn/learnSteps'

/**
 * The learning path, step by step, against a real playground: every request a step sends gets the
 * status the step tells the learner to watch for, in the course's order, and every realtime step's
 * sample request exists and behaves as the step says.
 */
let pg: Playground
const sockets: Socket[] = []
beforeAll(async () => {
  pg = await startPlayground()
})
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect()
})
afterAll(() => pg.close())

const sample = join(__dirname, '../../../resources/sample-collection')
const send = (http: LearnHttp) =>
  fetch(pg.url + http.path, {
    method: http.method,
    headers: Object.fromEntries(http.headers.map((h) => [h.name, h.value])),
    ...(http.body ? { body: http.body } : {})
  })

function client(nsp: string): Promise<Socket> {
  const socket = connect(pg.url + nsp, { transports: ['websocket'], forceNew: true, reconnection: false })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

describe('the learning path against the playground', () => {
  it('answers every HTTP step with the statuses it promises, pressing the button again included', async () => {
    for (const step of learnSteps) {
      if (step.action.kind !== 'http') continue
      const seen: number[] = []
      for (let i = 0; i < step.action.http.expect.length; i++) seen.push((await send(step.action.http)).status)
      expect({ step: step.id, seen }).toEqual({ step: step.id, seen: step.action.http.expect })
    }
  })

  it('lists the notes as JSON with items and a total (what an API is)', async () => {
    const api = learnSteps.find((s) => s.id === 'api')!.action
    if (api.kind !== 'http') throw new Error('the api step sends a request')
    const res = await send(api.http)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as { items: { title: string }[]; total: number }
    expect(body.items.length).toBeGreaterThan(0)
    expect(body.total).toBe(body.items.length)
  })

  it('the stale step names an ETag older than the note the playground starts with', async () => {
    const fresh = await startPlayground()
    try {
      const stale = learnSteps.find((s) => s.id === 'stale')!.action
      if (stale.kind !== 'http') throw new Error('the stale step sends a request')
      const current = (await fetch(fresh.url + '/api/notes/2')).headers.get('etag')
      const sent = stale.http.headers.find((h) => h.name === 'If-Match')?.value
      expect(current).toMatch(/^"2-v\d+"$/)
      expect(sent).not.toBe(current)
      const res = await fetch(fresh.url + stale.http.path, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': sent! },
        body: stale.http.body!
      })
      expect(res.status).toBe(412)
      expect(((await res.json()) as { current?: string }).current).toBe(current)
    } finally {
      await fresh.close()
    }
  })

  it('every step that opens a saved request names a file of the sample collection, with the same method and URL', async () => {
    for (const step of learnSteps) {
      const file = 'file' in step.action ? step.action.file : undefined
      if (!file) continue
      const saved = parse(await readFile(join(sample, file), 'utf8')) as { kind: string; method?: string; url: string }
      if (step.action.kind === 'http') {
        expect(`${saved.method} ${saved.url}`).toBe(`${step.action.http.method} {{playground}}${step.action.http.path}`)
      } else {
        expect(['socketio', 'sse']).toContain(saved.kind)
      }
    }
  })

  it('pushes ticker ticks to a client that never emits (bidirectional)', async () => {
    const ticker = await client('/ticker')
    const tick = await new Promise<{ n: number; at: string }>((resolve) => ticker.once('tick', resolve))
    expect(tick.n).toBeGreaterThan(0)
  })

  it("broadcasts one client's chat:send to both clients as chat:message, and acks only the sender", async () => {
    const [left, right] = await Promise.all([client('/'), client('/')])
    const heard = (s: Socket) => new Promise<{ text: string; from: string }>((resolve) => s.once('chat:message', resolve))
    const both = Promise.all([heard(left), heard(right)])
    const rightAcks: unknown[] = []
    right.onAny((event) => rightAcks.push(event))
    const ack = await new Promise<{ ok: boolean; id: string }>((resolve) => left.emit('chat:send', '¡Hola a todos!', resolve))
    const [a, b] = await both
    expect(a).toEqual(b)
    expect(a.text).toBe('¡Hola a todos!')
    // What a learner reads in a log's one-line preview: the text comes first.
    expect(Object.keys(a)).toEqual(['text', 'from', 'id', 'at'])
    expect(a.from).toBe(left.id)
    expect(ack.ok).toBe(true)
    expect(rightAcks).toEqual(['chat:message'])
  })

  it('pushes SSE events down a GET the client never writes to again', async () => {
    const controller = new AbortController()
    const res = await fetch(pg.url + '/sse/clock', { signal: controller.signal })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!text.includes('event: tick')) {
      const { value, done } = await reader.read()
      if (done) break
      text += value
    }
    controller.abort()
    expect(text).toContain('event: tick')
  })
})
