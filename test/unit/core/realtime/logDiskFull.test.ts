import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MessageLog } from '../../../../src/core/realtime/messageLog'
import type { ParleyError } from '../../../../src/shared/errors'
import { WebSocketRequestSchema } from '../../../../src/shared/realtime'
import type { Message } from '../../../../src/shared/session'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useSmallDisk } from '../../support/smallDisk'
import { useSessions, waitFor } from './harness'

const sessions = useSessions()
const smallDisk = useSmallDisk('2m')
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})

const message = (seq: number): Message => ({
  seq,
  sessionId: 's',
  at: 1_700_000_000_000 + seq,
  direction: 'in',
  kind: 'event',
  event: 'e',
  args: ['x'.repeat(200)],
  preview: 'x',
  size: 200
})

describe('a message log that cannot write', () => {
  it('reports the first write error of its timed flush once, stops writing, and close() rejects with it', async () => {
    // /dev/full takes the open and fails every write with ENOSPC: a real full device.
    const errors: ParleyError[] = []
    let told: (() => void) | undefined
    const reported = new Promise<void>((resolve) => (told = resolve))
    const log = new MessageLog('/dev/full', {
      flushMs: 10,
      onWriteError: (error) => {
        errors.push(error)
        told?.()
      }
    })
    for (let seq = 1; seq <= 20; seq++) log.append(message(seq))
    await reported
    // More messages after the failure are kept in memory only, and told about no more.
    for (let seq = 21; seq <= 2_000; seq++) log.append(message(seq))
    expect(log.get(2_000)).toEqual(message(2_000))
    await expect(log.close()).rejects.toMatchObject({ code: 'disk_full' })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'disk_full' })
    expect(errors[0]!.message).toContain('/dev')
  })
})

describe('a realtime session flooding a full disk', () => {
  it('says in its log and status that logging stopped, and keeps the connection working', { timeout: 60_000 }, async (ctx) => {
    const disk = await smallDisk()
    if (disk.skip !== undefined) return ctx.skip(disk.skip)
    const s = await sessions({ dataDir: disk.dir })
    const url = `${playground.url.replace('http:', 'ws:')}/ws/echo`
    await s.manager.open({ sessionId: 'flood', kind: 'websocket', request: WebSocketRequestSchema.parse({ url }) })
    await s.waitForState('flood', 'connected')
    // 1,500 frames of 1 KB out and their echoes in: about 3.5 MB of log for a 2 MB disk.
    const frame = 'f'.repeat(1024)
    for (let i = 0; i < 1_500; i++) await s.manager.send('flood', { type: 'text', value: frame })
    const status = await waitFor(() => s.statuses('flood').find((st) => st.logError), 30_000, 'the log error in the status')
    expect(status.state).toBe('connected')
    expect(status.logError).toMatch(/disk .* is full/)
    expect(status.logError).toMatch(/no longer saved/)
    const note = await waitFor(() => s.messages('flood').find((m) => m.direction === 'system' && m.kind === 'error'), 5_000, 'the log error in the log')
    expect(note.preview).toMatch(/disk_full|is full/)
    // The session goes on: a new frame is echoed and seen.
    await s.manager.send('flood', { type: 'text', value: 'still here' })
    await waitFor(() => s.incoming('flood').find((m) => m.args[0] === 'still here'), 10_000, 'the echo after the error')
    await s.manager.close('flood')
    expect(s.manager.list().find((x) => x.sessionId === 'flood')?.state).toBe('closed')
  })
})
