import { describe, expect, it } from 'vitest'
import { decodeServerFrame, encodeServerFrame, ServerFrameSchema, type ServerFrame } from '../../../src/shared/wire'

describe('host frames', () => {
  it('send session.messages lines raw after a JSON header, and read them back exactly', () => {
    const lines = '{"seq":1,"event":"chat:message","preview":"a \\"quoted\\" \\n line"}\n{"seq":2,"preview":"é ✓ \\u0001"}\n'
    const frame: ServerFrame = { type: 'event', name: 'session.messages', payload: { sessionId: 's1', lines } }
    const text = encodeServerFrame(frame)
    // The lines are not escaped a second time: they appear as they are, after the header line.
    expect(text.endsWith(`\n${lines}`)).toBe(true)
    expect(text.length).toBeLessThan(JSON.stringify(frame).length)
    expect(decodeServerFrame(text)).toEqual(frame)
    expect(ServerFrameSchema.safeParse(decodeServerFrame(text)).success).toBe(true)
  })

  it('send every other frame as plain JSON', () => {
    const frames: ServerFrame[] = [
      { type: 'result', id: 3, result: { ok: true, value: { lines: ['not a string'] } } },
      { type: 'event', name: 'session.status', payload: { sessionId: 's1', state: 'connected' } },
      { type: 'event', name: 'app.status', payload: null },
      { type: 'error', error: { code: 'bad_frame', message: 'm' } }
    ]
    for (const frame of frames) {
      expect(encodeServerFrame(frame)).toBe(JSON.stringify(frame))
      expect(decodeServerFrame(encodeServerFrame(frame))).toEqual(frame)
    }
  })

  it('refuse a raw-lines frame that lost its header line', () => {
    expect(() => decodeServerFrame('\u0001{"type":"event"}')).toThrow(/header/)
  })
})
