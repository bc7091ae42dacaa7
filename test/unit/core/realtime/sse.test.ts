import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SseRequestSchema } from '../../../../src/shared/realtime'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useSessions, waitFor } from './harness'

const sessions = useSessions()
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})

describe('an SSE session', () => {
  it('logs the playground clock ticks with their type, id and retry', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'clock', kind: 'sse', request: SseRequestSchema.parse({ url: `${playground.url}/sse/clock?interval=20&minuteEvery=3` }) })
    await s.waitForState('clock', 'connected')
    await waitFor(() => s.incoming('clock', 'tick').length >= 4)
    const ticks = s.incoming('clock', 'tick')
    expect(ticks.slice(0, 3).map((m) => m.details?.['id'])).toEqual(['1', '2', '3'])
    expect(JSON.parse(ticks[0]!.args[0] as string)).toMatchObject({ n: 1 })
    expect(ticks[0]!.details?.['retryMs']).toBe(2000)
    expect(s.incoming('clock', 'minute').length).toBeGreaterThanOrEqual(1)
    await s.manager.close('clock')
    expect(s.manager.status('clock').state).toBe('closed')
  })

  it('reconnects after the server drops it, honouring retry and resuming after Last-Event-ID', async () => {
    const seen: (string | undefined)[] = []
    let connections = 0
    const server = createServer((req, res) => {
      connections += 1
      const last = req.headers['last-event-id'] as string | undefined
      seen.push(last)
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      let n = last ? Number(last) : 0
      res.write('retry: 80\n\n')
      const timer = setInterval(() => {
        n += 1
        res.write(`event: count\nid: ${n}\ndata: ${n}\n\n`)
        // The first connection is killed from the server side after three events.
        if (connections === 1 && n === 3) {
          clearInterval(timer)
          res.write('', () => req.socket.destroy())
        }
      }, 10)
      res.on('close', () => clearInterval(timer))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`
    try {
      const s = await sessions()
      await s.manager.open({
        sessionId: 'resume',
        kind: 'sse',
        request: SseRequestSchema.parse({ url, method: 'POST', body: '{"x":1}', headers: [{ name: 'X-Test', value: '1' }] })
      })
      await waitFor(() => s.incoming('resume', 'count').length >= 6, 5_000, 'six events')
      expect(seen.slice(0, 2)).toEqual([undefined, '3'])
      const values = s.incoming('resume', 'count').map((m) => m.args[0])
      expect(values.slice(0, 6)).toEqual(['1', '2', '3', '4', '5', '6'])
      const reconnecting = s.statuses('resume').find((st) => st.state === 'reconnecting')
      expect(reconnecting).toMatchObject({ detail: 'reconnecting in 80 ms', said: { key: 'reconnectingIn', values: { ms: 80 } } })
      const resuming = s.statuses('resume').find((st) => st.detail.startsWith('reconnecting with'))
      expect(resuming).toMatchObject({ detail: 'reconnecting with Last-Event-ID 3', said: { key: 'reconnectingWithId', values: { id: '3' } } })
      await s.manager.close('resume')
    } finally {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })

  it('stops on an HTTP error, showing the status, without retrying', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'e', kind: 'sse', request: SseRequestSchema.parse({ url: `${playground.url}/sse/clock?interval=5` }) })
    expect((await s.waitForState('e', 'error')).httpStatus).toBe(400)
    await s.manager.close('e')
    await s.manager.open({ sessionId: 'f', kind: 'sse', request: SseRequestSchema.parse({ url: `${playground.url}/nothing-here` }) })
    const error = await s.waitForState('f', 'error')
    expect(error.httpStatus).toBe(404)
    expect(error.said).toMatchObject({ key: 'httpError', values: { status: 404 } })
    await new Promise((r) => setTimeout(r, 100))
    expect(s.statuses('f').some((st) => st.state === 'reconnecting')).toBe(false)
  })
})
