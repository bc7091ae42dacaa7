import { describe, expect, it } from 'vitest'
import { EventBus } from '../../../src/core/events'
import type { Message } from '../../../src/shared/session'

const message = (seq: number): Message => ({ seq, sessionId: 's1', at: 1, direction: 'in', kind: 'event', event: 'tick', args: [seq], preview: String(seq), size: 1 })

describe('EventBus', () => {
  it('validates every event in tests, message batches included, so a malformed message is found in core', () => {
    const bus = new EventBus()
    const seen: unknown[] = []
    bus.subscribe((_name, payload) => seen.push(payload))
    bus.emit('session.messages', { sessionId: 's1', messages: [message(1)] })
    expect(seen).toHaveLength(1)
    const broken = { ...message(2), seq: 'two' } as unknown as Message
    expect(() => bus.emit('session.messages', { sessionId: 's1', messages: [broken] })).toThrow()
    expect(seen).toHaveLength(1)
  })

  it('passes the batches core built straight through when told not to validate them, and still checks other events', () => {
    const bus = new EventBus({ validateMessages: false })
    const seen: unknown[] = []
    bus.subscribe((_name, payload) => seen.push(payload))
    const batch = { sessionId: 's1', messages: [message(1), message(2)] }
    bus.emit('session.messages', batch)
    expect(seen[0]).toBe(batch)
    expect(() => bus.emit('session.status', { sessionId: 's1', state: 'nonsense' } as never)).toThrow()
  })
})
