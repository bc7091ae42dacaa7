import { describe, expect, it } from 'vitest'
import { EventBus } from '../../../src/core/events'
import { messagesOfLines, type Message } from '../../../src/shared/session'

const message = (seq: number): Message => ({
  seq,
  sessionId: 's1',
  at: 1,
  direction: 'in',
  kind: 'event',
  event: 'tick',
  args: [seq],
  preview: String(seq),
  size: 1
})
const ndjson = (...messages: unknown[]): string => messages.map((m) => `${JSON.stringify(m)}\n`).join('')

describe('EventBus', () => {
  it('validates every event in tests, each line of a message batch included, so a malformed message is found in core', () => {
    const bus = new EventBus()
    const seen: unknown[] = []
    bus.subscribe((_name, payload) => seen.push(payload))
    bus.emit('session.messages', { sessionId: 's1', lines: ndjson(message(1)) })
    expect(seen).toHaveLength(1)
    const broken = { ...message(2), seq: 'two' }
    expect(() => bus.emit('session.messages', { sessionId: 's1', lines: ndjson(message(1), broken) })).toThrow(/line 2 is not a message/)
    expect(() => bus.emit('session.messages', { sessionId: 's1', lines: '{"seq":1,\n' })).toThrow(/not NDJSON/)
    expect(seen).toHaveLength(1)
  })

  it('passes the batches core built straight through when told not to validate them, and still checks other events', () => {
    const bus = new EventBus({ validateMessages: false })
    const seen: unknown[] = []
    bus.subscribe((_name, payload) => seen.push(payload))
    const batch = { sessionId: 's1', lines: ndjson(message(1), message(2)) }
    bus.emit('session.messages', batch)
    expect(seen[0]).toBe(batch)
    expect(() => bus.emit('session.status', { sessionId: 's1', state: 'nonsense' } as never)).toThrow()
  })
})

describe('messagesOfLines', () => {
  it('reads a batch of NDJSON lines back into the messages, in order, strings with escaped newlines intact', () => {
    const multiline = { ...message(2), args: ['a\nb'], preview: 'a\nb' }
    expect(messagesOfLines(ndjson(message(1), multiline))).toEqual([message(1), multiline])
    expect(messagesOfLines('')).toEqual([])
  })
})
