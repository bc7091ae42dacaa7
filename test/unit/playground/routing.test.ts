import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRouter } from '../../../src/playground/http/router'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

describe('routing', () => {
  it('answers an unknown route with 404 JSON that lists the main routes', async () => {
    const res = await fetch(`${pg.url}/no/such/thing`)
    expect(res.status).toBe(404)
    const body = await res.json()
    expect(body.error).toBe('No route for GET /no/such/thing')
    expect(body.routes.join('\n')).toMatch(/\/api\/notes/)
    expect(body.routes.join('\n')).toMatch(/\/echo/)
    expect(body.routes.join('\n')).toMatch(/\/sse\/clock/)
  })

  it('describes itself at /', async () => {
    const res = await fetch(`${pg.url}/`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ name: 'Parley playground', realtime: { sse: '/sse/clock' } })
  })

  it('answers a wrong method on a known path with 405 and Allow', async () => {
    const res = await fetch(`${pg.url}/api/notes`, { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, POST')
  })

  it('answers HEAD on GET routes without a body', async () => {
    const res = await fetch(`${pg.url}/api/notes`, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })

  it('allows any origin, including CORS preflight', async () => {
    const simple = await fetch(`${pg.url}/api/notes`, { headers: { Origin: 'http://localhost:5173' } })
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(simple.headers.get('access-control-allow-credentials')).toBe('true')
    const preflight = await fetch(`${pg.url}/api/notes/1`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://x.test', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'content-type, if-match' }
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, if-match')
  })

  it('answers a malformed HTTP request with 400 and keeps serving', async () => {
    const port = new URL(pg.url).port
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'))
      let text = ''
      socket.on('data', (c) => (text += c))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    expect(reply).toContain('Malformed HTTP request')
    expect((await fetch(`${pg.url}/api/notes`)).status).toBe(200)
  })

  it('answers oversized request headers with 431', async () => {
    const res = await fetch(`${pg.url}/echo`, { headers: { 'X-Huge': 'x'.repeat(20_000) } })
    expect(res.status).toBe(431)
    expect((await res.json()).error).toMatch(/too large/)
  })

  it('turns a throwing handler into 500 JSON and keeps serving', async () => {
    const handle = createRouter([
      {
        methods: ['GET'],
        path: '/boom',
        handler: () => {
          throw new Error('kaboom')
        }
      },
      {
        methods: ['GET'],
        path: '/async-boom',
        handler: async () => {
          await Promise.resolve()
          throw new Error('later')
        }
      },
      { methods: ['GET'], path: '/fine', handler: ({ res }) => void res.end('ok') }
    ])
    const server = createServer((req, res) => void handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const boom = await fetch(`${base}/boom`)
      expect(boom.status).toBe(500)
      expect(await boom.json()).toMatchObject({ error: 'Internal playground error', detail: 'kaboom' })
      expect((await fetch(`${base}/async-boom`)).status).toBe(500)
      expect(await (await fetch(`${base}/fine`)).text()).toBe('ok')
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('answers a bad percent-encoding in a path parameter with 400', async () => {
    const res = await fetch(`${pg.url}/api/notes/%E0%A4%A`)
    expect(res.status).toBe(400)
  })
})
