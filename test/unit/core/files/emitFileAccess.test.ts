import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
import { messagesOfLines, type SessionStatus } from '../../../../src/shared/session'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useTempDir } from '../../support/tempDir'
import { waitFor } from '../realtime/harness'

const tempDir = useTempDir('parley-emit-files-')
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})

describe('a Socket.IO file argument', () => {
  it('follows the same rule as a request body: refused outside, sent from inside the collection', async () => {
    const base = await tempDir()
    const services = await createServices({ dataDir: join(base, 'data'), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const events: { name: string; payload: unknown }[] = []
    services.events.subscribe((name, payload) => events.push({ name, payload }))
    try {
      await mkdir(join(base, 'outside'))
      await writeFile(join(base, 'outside', 'id_rsa'), 'KEY')
      const created = await services.invoke('collection.create', { path: join(base, 'col'), name: 'Col' })
      if (!created.ok) throw new Error(created.error.message)
      const collectionId = (created.value as { id: string }).id
      await writeFile(join(base, 'col', 'payload.bin'), Buffer.from([1, 2, 3]))
      await services.invoke('session.open', { sessionId: 's', kind: 'socketio', request: { url: playground.url }, context: { collectionId } })
      await waitFor(() => events.some((e) => e.name === 'session.status' && (e.payload as SessionStatus).state === 'connected'))

      const refused = await services.invoke('session.emit', {
        sessionId: 's',
        event: 'echo',
        args: [{ type: 'binary-file', value: join(base, 'outside', 'id_rsa') }]
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'file_not_allowed', message: expect.stringContaining(join(base, 'outside', 'id_rsa')) } })

      const sent = await services.invoke('session.emit', { sessionId: 's', event: 'echo', args: [{ type: 'binary-file', value: 'payload.bin' }], ack: true })
      expect(sent.ok).toBe(true)
      const seq = sent.ok ? (sent.value as { seq: number }).seq : 0
      await waitFor(() =>
        events
          .flatMap((e) => (e.name === 'session.messages' ? messagesOfLines((e.payload as { lines: string }).lines) : []))
          .find((m) => m.seq === seq && m.status === 'acked')
      )
      const out = events.flatMap((e) => (e.name === 'session.messages' ? messagesOfLines((e.payload as { lines: string }).lines) : []))
      // Only the allowed emit went out (a message is amended in place when its ack arrives: same seq).
      expect(new Set(out.filter((m) => m.direction === 'out' && m.event === 'echo').map((m) => m.seq))).toEqual(new Set([seq]))
    } finally {
      await services.dispose()
    }
  })
})
