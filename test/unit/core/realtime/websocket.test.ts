import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketRequestSchema } from '../../../../src/shared/realtime'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useSessions, waitFor } from './harness'

const sessions = useSessions()
let playground: Playground
let wsBase: string
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
  wsBase = playground.url.replace('http:', 'ws:')
})
afterAll(async () => {
  await playground.close()
})

const request = (path: string, over: Record<string, unknown> = {}) => WebSocketRequestSchema.parse({ url: `${wsBase}${path}`, ...over })

describe('a WebSocket session against the playground', () => {
  it('echoes text, JSON and binary frames, and shows the pong to its ping', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'echo', kind: 'websocket', request: request('/ws/echo') })
    await s.waitForState('echo', 'connected')
    await s.manager.send('echo', { type: 'text', value: 'hello' })
    await s.manager.send('echo', { type: 'json', value: '{"n":1}' })
    await s.manager.send('echo', { type: 'binary-base64', value: 'AAEC/w==' })
    await s.manager.ping('echo')
    await waitFor(() => s.incoming('echo').length >= 4 && s.incoming('echo'))
    const incoming = s.incoming('echo')
    expect(incoming.map((m) => m.kind)).toEqual(expect.arrayContaining(['text', 'text', 'binary', 'pong']))
    expect(incoming.filter((m) => m.kind === 'text').map((m) => m.args[0])).toEqual(['hello', '{"n":1}'])
    expect(incoming.find((m) => m.kind === 'binary')?.args).toEqual([{ $binary: 'AAEC/w==', size: 4 }])
    expect(
      s
        .messages('echo')
        .filter((m) => m.direction === 'out')
        .map((m) => m.kind)
    ).toEqual(['text', 'text', 'binary', 'ping'])
  })

  it('refuses JSON that is not JSON, before sending anything', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'j', kind: 'websocket', request: request('/ws/echo') })
    await s.waitForState('j', 'connected')
    await expect(s.manager.send('j', { type: 'json', value: '{nope' })).rejects.toMatchObject({ code: 'invalid_message' })
    expect(s.messages('j').filter((m) => m.direction === 'out')).toHaveLength(0)
  })

  it('negotiates a subprotocol it offers', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'p', kind: 'websocket', request: request('/ws/proto', { protocols: ['parley.v1'] }) })
    const connected = await s.waitForState('p', 'connected')
    expect(connected.detail).toBe('connected (subprotocol parley.v1)')
    const hello = await waitFor(() => s.incoming('p')[0])
    expect(JSON.parse(hello.args[0] as string)).toEqual({ hello: 'parley.v1', protocol: 'parley.v1' })
  })

  it('shows the HTTP status of a refused handshake (no subprotocol)', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'np', kind: 'websocket', request: request('/ws/proto') })
    const error = await s.waitForState('np', 'error')
    expect(error.httpStatus).toBe(400)
    expect(error.detail).toContain('HTTP 400')
    expect(error.detail).toContain('parley.v1')
  })

  it('shows the code and reason the server closes with', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'bye', kind: 'websocket', request: request('/ws/close?code=4001&reason=bye') })
    const closed = await s.waitForState('bye', 'closed')
    expect(closed).toMatchObject({
      closeCode: 4001,
      closeReason: 'bye',
      detail: 'closed by the server: 4001 bye',
      said: { key: 'closedByServerCode', values: { code: 4001, reason: 'bye' } }
    })
  })

  it('closes with the code and reason the user chose', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'me', kind: 'websocket', request: request('/ws/echo') })
    await s.waitForState('me', 'connected')
    await expect(s.manager.close('me', { code: 1005 })).rejects.toMatchObject({ code: 'invalid_close_code' })
    await s.manager.close('me', { code: 4002, reason: 'done here' })
    const closed = await s.waitForState('me', 'closed')
    expect(closed).toMatchObject({ closeCode: 4002, closeReason: 'done here' })
  })
})
