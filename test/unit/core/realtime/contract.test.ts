import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { messagesOfLines, type Message, type SessionStatus } from '../../../../src/shared/session'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useTempDir } from '../../support/tempDir'
import { waitFor } from './harness'

const tempDir = useTempDir('parley-rt-contract-')
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})

async function open(): Promise<{ services: Services; dataDir: string; events: { name: string; payload: unknown }[] }> {
  const dataDir = await tempDir()
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  const events: { name: string; payload: unknown }[] = []
  services.events.subscribe((name, payload) => events.push({ name, payload }))
  return { services, dataDir, events }
}

describe('realtime sessions through the contract', () => {
  it('opens a Socket.IO session, emits with an ack, pushes batched messages and status, lists and exports it', async () => {
    const { services, dataDir, events } = await open()
    try {
      const opened = await services.invoke('session.open', { sessionId: 'tab-1', kind: 'socketio', request: { url: playground.url } })
      expect(opened).toEqual({ ok: true, value: { sessionId: 'tab-1' } })
      await waitFor(() => events.some((e) => e.name === 'session.status' && (e.payload as SessionStatus).state === 'connected'))
      const emitted = await services.invoke('session.emit', {
        sessionId: 'tab-1',
        event: 'echo',
        args: [{ type: 'text', value: 'hi' }],
        ack: true,
        ackTimeoutMs: 2000
      })
      expect(emitted).toMatchObject({ ok: true, value: { seq: expect.any(Number) } })
      const seq = emitted.ok ? (emitted.value as { seq: number }).seq : 0
      const acked = await waitFor(() =>
        events
          .flatMap((e) => (e.name === 'session.messages' ? messagesOfLines((e.payload as { lines: string }).lines) : []))
          .find((m) => m.seq === seq && m.status === 'acked')
      )
      expect(acked.ack?.args).toEqual(['hi'])
      const listed = await services.invoke('session.list', {})
      expect(listed).toMatchObject({ ok: true, value: { sessions: [{ sessionId: 'tab-1', kind: 'socketio', state: 'connected', out: 1 }] } })
      const read = await services.invoke('session.messages', { sessionId: 'tab-1', fromSeq: 1, limit: 100 })
      expect(read.ok && (read.value as { messages: Message[] }).messages.find((m) => m.seq === seq)?.ack?.args).toEqual(['hi'])
      expect(await services.invoke('session.close', { sessionId: 'tab-1' })).toEqual({ ok: true, value: { closed: true } })
      const path = join(dataDir, 'export.ndjson')
      expect(await services.invoke('session.export', { sessionId: 'tab-1', path })).toMatchObject({ ok: true, value: { path } })
      const lines = (await readFile(path, 'utf8')).trim().split('\n')
      expect(lines.length).toBeGreaterThanOrEqual(4)
      expect(lines.map((l) => (JSON.parse(l) as Message).sessionId)).toEqual(lines.map(() => 'tab-1'))
    } finally {
      await services.dispose()
    }
  })

  it('refuses invalid input and unknown sessions with readable errors', async () => {
    const { services } = await open()
    try {
      const bad = await services.invoke('session.open', { kind: 'carrier-pigeon', request: { url: 'x' } })
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      const badArgs = await services.invoke('session.emit', { sessionId: 'x', event: '', args: [] })
      expect(badArgs).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(await services.invoke('session.close', { sessionId: 'nope' })).toMatchObject({ ok: false, error: { code: 'unknown_session' } })
      const authErr = await services.invoke('session.open', { kind: 'socketio', request: { url: playground.url, auth: '{"token":' } })
      expect(authErr).toMatchObject({ ok: false, error: { code: 'invalid_auth_json' } })
      const wsOpened = await services.invoke('session.open', { sessionId: 'ws', kind: 'websocket', request: { url: `${playground.url}/ws/echo` } })
      expect(wsOpened.ok).toBe(true)
      expect(await services.invoke('session.emit', { sessionId: 'ws', event: 'x', args: [] })).toMatchObject({ ok: false, error: { code: 'unsupported' } })
    } finally {
      await services.dispose()
    }
  })
})
