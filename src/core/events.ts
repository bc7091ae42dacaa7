import { events, type EventName, type EventPayload } from '../shared/contract'

type AnyListener = (name: EventName, payload: unknown) => void

export interface EventBusOptions {
  /**
   * Validate `session.messages` batches too. Core builds every one of them itself, and parsing
   * 2,000 messages a batch was a tenth of the CPU of a Socket.IO burst; tests turn it on (and
   * PARLEY_VALIDATE_EVENTS=1 does anywhere), so a malformed message is still a bug found in core.
   */
  validateMessages?: boolean
}

/** Core's outbox: engines emit typed events here; each adapter subscribes once and carries them. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>()
  private readonly validateMessages: boolean

  constructor(options: EventBusOptions = {}) {
    this.validateMessages = options.validateMessages ?? (process.env['VITEST'] !== undefined || process.env['PARLEY_VALIDATE_EVENTS'] === '1')
  }

  /** Validates the payload against the contract, so a bad event is a bug found in core, not in a window. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const parsed = name === 'session.messages' && !this.validateMessages ? payload : events[name].payload.parse(payload)
    for (const listener of this.listeners) listener(name, parsed)
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
