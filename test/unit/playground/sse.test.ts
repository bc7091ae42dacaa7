import { createParser } from 'eventsource-parser'
import type { EventSourceMessage } from 'eventsource-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

interface Received {
  status: number
  headers: Headers
  events: EventSourceMessage[]
  retries: number[]
  comments: string[]
}

/**
 * Reads a real SSE stream chunk by chunk through eventsource-parser until `enough` says stop, then
 * aborts the request, as a client closing the stream would.
 */
async function readSse(path: string, enough: (r: Received) => boolean, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const res = await fetch(pg.url + path, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const received: Received = { status: res.status, headers: res.headers, events: [], retries: [], comments: [] }
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) return { ...received, body: await res.json() }
  const parser = createParser({
    onEvent: (e) => received.events.push(e),
    onRetry: (ms) => received.retries.push(ms),
    onComment: (c) => received.comments.push(c)
  })
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  try {
    while (!enough(received)) {
      const { done, value } = await reader.read()
      if (done) throw new Error('stream ended early')
      parser.feed(value)
    }
  } finally {
    controller.abort()
  }
  return { ...received, body: undefined }
}

const ticks = (r: Received) => r.events.filter((e) => e.event === 'tick')

describe('/sse/clock', () => {
  it('streams numbered tick events with a retry field first', async () => {
    const r = await readSse('/sse/clock?interval=20', (r) => ticks(r).length >= 5)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(r.headers.get('cache-control')).toBe('no-cache')
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
    expect(r.retries).toEqual([2000])
    const t = ticks(r).slice(0, 5)
    expect(t.map((e) => e.id)).toEqual(['1', '2', '3', '4', '5'])
    for (const e of t) {
      const data = JSON.parse(e.data)
      expect(String(data.n)).toBe(e.id)
      expect(new Date(data.at).toISOString()).toBe(data.at)
    }
  })

  it('sends a minute event every ?minuteEvery ticks', async () => {
    const r = await readSse('/sse/clock?interval=10&minuteEvery=3', (r) => ticks(r).length >= 7)
    const order = r.events.slice(0, 9).map((e) => (e.event === 'tick' ? `t${e.id}` : `m${JSON.parse(e.data).minute}`))
    expect(order).toEqual(['t1', 't2', 't3', 'm1', 't4', 't5', 't6', 'm2', 't7'])
  })

  it('resumes numbering after a Last-Event-ID header', async () => {
    const r = await readSse('/sse/clock?interval=10', (r) => ticks(r).length >= 2, { 'Last-Event-ID': '41' })
    expect(ticks(r).map((e) => e.id)).toEqual(['42', '43'])
    expect(JSON.parse(ticks(r)[0]!.data).n).toBe(42)
  })

  it('resumes numbering after ?lastEventId', async () => {
    const r = await readSse('/sse/clock?interval=10&lastEventId=7', (r) => ticks(r).length >= 1)
    expect(ticks(r)[0]!.id).toBe('8')
  })

  it('sends comment keep-alives', async () => {
    const r = await readSse('/sse/clock?interval=60000&keepAlive=20', (r) => r.comments.filter((c) => c.includes('keep-alive')).length >= 2)
    expect(r.comments[0]).toMatch(/parley clock/)
    // Only the first tick arrives in that time: the keep-alives are what kept the stream talking.
    expect(ticks(r)).toHaveLength(1)
  })

  it('refuses an interval under 10 ms and a Last-Event-ID it never sent', async () => {
    const fast = await readSse('/sse/clock?interval=5', () => true)
    expect(fast.status).toBe(400)
    expect(fast.body.fields.interval).toMatch(/between 10/)
    const bad = await readSse('/sse/clock', () => true, { 'Last-Event-ID': 'abc' })
    expect(bad.status).toBe(400)
  })
})
