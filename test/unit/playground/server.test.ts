import { Agent } from 'undici'
import { describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { WebSocket } from 'ws'
import { startPlayground } from '../../../src/playground/server'

describe('startPlayground', () => {
  it('binds 127.0.0.1 on a free port by default and reports its url', async () => {
    const pg = await startPlayground()
    try {
      expect(pg.port).toBeGreaterThan(0)
      expect(pg.url).toBe(`http://127.0.0.1:${pg.port}`)
      expect((await fetch(`${pg.url}/api/notes`)).status).toBe(200)
    } finally {
      await pg.close()
    }
  })

  it('rejects when the port is taken', async () => {
    const first = await startPlayground()
    try {
      await expect(startPlayground({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    } finally {
      await first.close()
    }
  })

  it('close() promptly ends SSE, WebSocket, Socket.IO, keep-alive and in-flight responses', async () => {
    const pg = await startPlayground()
    // A keep-alive pool that would otherwise hold an idle connection open.
    const dispatcher = new Agent({ keepAliveTimeout: 60_000 })
    await (await fetch(`${pg.url}/api/notes`, { dispatcher } as RequestInit)).text()

    const sse = await fetch(`${pg.url}/sse/clock?interval=1000`)
    const sseReader = sse.body!.getReader()
    await sseReader.read()
    const sseEnded = (async () => {
      try {
        while (!(await sseReader.read()).done);
      } catch {
        // an aborted stream is an ended stream
      }
    })()

    const ws = new WebSocket(pg.url.replace('http', 'ws') + '/ws/echo')
    await new Promise((resolve) => ws.once('open', resolve))
    const wsClosed = new Promise((resolve) => ws.once('close', resolve))

    const sio = connect(pg.url, { transports: ['websocket'], reconnection: false, forceNew: true })
    await new Promise<void>((resolve) => sio.once('connect', () => resolve()))
    const sioGone = new Promise((resolve) => sio.once('disconnect', resolve))

    // A response still in progress: its first line proves the request is being served.
    const slow = (await fetch(`${pg.url}/stream/100?interval=1000`)).body!.getReader()
    await slow.read()
    const slowEnded = (async () => {
      try {
        while (!(await slow.read()).done);
        return 'finished'
      } catch {
        return 'cut off'
      }
    })()

    // close() does not wait for the slow stream to finish on its own: it is cut off.
    await pg.close()
    await Promise.all([sseEnded, wsClosed, sioGone])
    expect(await slowEnded).toBe('cut off')
    await expect(fetch(`${pg.url}/api/notes`)).rejects.toThrow()
    await pg.close() // idempotent
    await dispatcher.close()
  })
})
