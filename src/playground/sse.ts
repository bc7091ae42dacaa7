import type { ServerResponse } from 'node:http'
import type { Route } from './http/router'
import { HttpError, parseIntParam } from './http/reply'
import { say } from './i18n'

const RETRY_MS = 2000

/** Tracks open streams so the server can end them on close instead of waiting for clients to leave. */
export function createSseHub() {
  const streams = new Map<ServerResponse, () => void>()

  const clock: Route = {
    methods: ['GET'],
    path: '/sse/clock',
    summary: 'SSE: tick every second (?interval=ms, ?minuteEvery=60, ?keepAlive=ms, Last-Event-ID)',
    handler: ({ req, res, url }) => {
      const q = url.searchParams
      const interval = parseIntParam(q.get('interval'), 'interval', { min: 10, max: 60_000, fallback: 1000 })
      const minuteEvery = parseIntParam(q.get('minuteEvery'), 'minuteEvery', { min: 1, max: 1_000_000, fallback: 60 })
      const keepAlive = parseIntParam(q.get('keepAlive'), 'keepAlive', { min: 10, max: 600_000, fallback: 15_000 })
      const header = req.headers['last-event-id']
      const lastRaw = (Array.isArray(header) ? header[0] : header) ?? q.get('lastEventId') ?? ''
      // Our ids are tick numbers; anything else cannot be resumed from, and silently restarting at 1
      // would hide a client bug, so say so.
      if (lastRaw !== '' && !/^\d+$/.test(lastRaw.trim())) {
        throw new HttpError(400, say('lastEventId', { raw: lastRaw }))
      }
      let n = lastRaw === '' ? 0 : Number(lastRaw.trim())

      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
        // Stops reverse proxies (nginx) from buffering the stream into silence.
        'X-Accel-Buffering': 'no'
      })
      res.write(`retry: ${RETRY_MS}\n: parley clock, resuming after ${n}\n\n`)
      const tick = () => {
        n += 1
        const at = new Date().toISOString()
        let frame = `event: tick\nid: ${n}\ndata: ${JSON.stringify({ n, at })}\n\n`
        if (n % minuteEvery === 0) {
          frame += `event: minute\ndata: ${JSON.stringify({ n, minute: n / minuteEvery, at })}\n\n`
        }
        res.write(frame)
      }
      tick()
      const ticker = setInterval(tick, interval)
      const pinger = setInterval(() => res.write(': keep-alive\n\n'), keepAlive)
      // Timers stop before the stream ends: a write after end() would be an 'error' nobody handles.
      const stop = () => {
        clearInterval(ticker)
        clearInterval(pinger)
        streams.delete(res)
      }
      streams.set(res, stop)
      res.on('close', stop)
    }
  }

  return {
    routes: [clock],
    close() {
      for (const [res, stop] of streams) {
        stop()
        res.end()
      }
    }
  }
}
