import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { GraphqlWsRequestSchema } from '../../../../src/shared/realtime'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useSessions, waitFor } from './harness'

const sessions = useSessions()
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(() => playground.close())

const request = (over: Record<string, unknown> = {}) =>
  GraphqlWsRequestSchema.parse({
    url: `${playground.url}/graphql`,
    query: 'subscription OnNote { noteChanged { kind note { title } } }',
    operationName: 'OnNote',
    ...over
  })
const createNote = (title: string) =>
  fetch(`${playground.url}/api/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) })
const hang = 30_000

describe('a GraphQL subscription session (graphql-transport-ws) against the playground', () => {
  it('subscribes, logs each note change as a next message, and closes when asked', async () => {
    const s = await sessions()
    await s.manager.open({ sessionId: 'sub', kind: 'graphql-ws', request: request() })
    const connected = await s.waitForState('sub', 'connected', hang)
    expect(connected.detail).toMatch(/graphql-transport-ws/)
    expect(connected.said).toEqual({ key: 'connectedSubscribed', values: { protocol: 'graphql-transport-ws' } })
    expect(s.messages('sub').find((m) => m.kind === 'subscribe')).toMatchObject({
      direction: 'out',
      event: 'OnNote',
      args: [{ query: expect.stringContaining('noteChanged'), operationName: 'OnNote' }]
    })
    // No message says "subscribed": create probe notes until the server announces one.
    let probes = 0
    while (s.incoming('sub').length === 0) {
      await createNote(`probe ${++probes}`)
      await waitFor(() => true)
    }
    await createNote('Hello from REST')
    const next = await waitFor(() => s.incoming('sub').find((m) => JSON.stringify(m.args).includes('Hello from REST')), hang, 'the note to be announced')
    expect(next).toMatchObject({ kind: 'next', event: 'OnNote', args: [{ data: { noteChanged: { kind: 'CREATED', note: { title: 'Hello from REST' } } } }] })
    await s.manager.close('sub')
    expect(s.manager.status('sub')).toMatchObject({
      state: 'closed',
      detail: expect.stringMatching(/closed by you/),
      said: { key: expect.stringMatching(/^closedByYou/) }
    })
  })

  it('logs a query answered over the socket, then complete, and the socket closes by itself', async () => {
    const s = await sessions()
    await s.manager.open({
      sessionId: 'q',
      kind: 'graphql-ws',
      request: request({ query: 'query($n: String) { hello(name: $n) }', variables: '{"n": "ws"}', operationName: undefined })
    })
    await waitFor(() => s.incoming('q').some((m) => m.kind === 'complete'), hang, 'complete')
    expect(s.incoming('q').map((m) => [m.kind, m.event])).toEqual([
      ['next', 'hello'],
      ['complete', undefined]
    ])
    expect(s.incoming('q')[0]?.args).toEqual([{ data: { hello: 'Hello, ws!' } }])
    await s.waitForState('q', 'closed', hang)
  })

  it("shows the server's validation errors as an error line", async () => {
    const s = await sessions()
    await s.manager.open({
      sessionId: 'bad',
      kind: 'graphql-ws',
      request: request({ query: 'subscription { noteChanged { nope } }', operationName: undefined })
    })
    const error = await waitFor(() => s.incoming('bad').find((m) => m.kind === 'error'), hang, 'an error line')
    expect(error.preview).toContain('Cannot query field \\"nope\\" on type \\"NoteChange\\"')
  })

  it('refuses bad input before dialling, saying what to fix', async () => {
    const s = await sessions()
    await expect(s.manager.open({ sessionId: 'v', kind: 'graphql-ws', request: request({ variables: '{nope' }) })).rejects.toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('GraphQL variables are not valid JSON')
    })
    await expect(s.manager.open({ sessionId: 'u', kind: 'graphql-ws', request: request({ url: 'ftp://x/graphql' }) })).rejects.toMatchObject({
      code: 'invalid_url'
    })
  })

  it('sends the handshake headers and auth, and shows a refused handshake with its HTTP status', async () => {
    let seen: IncomingMessage | undefined
    const http = createServer()
    const wss = new WebSocketServer({ noServer: true })
    http.on('upgrade', (req, socket) => {
      seen = req
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nbad token!!!')
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    try {
      const s = await sessions()
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`
      await s.manager.open({
        sessionId: 'h',
        kind: 'graphql-ws',
        request: request({ url, headers: [{ name: 'X-Team', value: 'blue' }], auth: { type: 'bearer', token: 't0k' } })
      })
      const refused = await s.waitForState('h', 'error', hang)
      expect(refused).toMatchObject({
        httpStatus: 401,
        detail: expect.stringContaining('handshake refused: HTTP 401 Unauthorized bad token!!!'),
        said: { key: 'handshakeRefused', values: { status: 401, statusText: 'Unauthorized', body: expect.stringContaining('bad token!!!') } }
      })
      expect(seen?.headers['x-team']).toBe('blue')
      expect(seen?.headers.authorization).toBe('Bearer t0k')
      expect(seen?.headers['sec-websocket-protocol']).toBe('graphql-transport-ws')
    } finally {
      wss.close()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    }
  })
})
