import { events, type EventName, type EventPayload } from '../shared/contract'

type AnyListener = (name: EventName, payload: unknown) => void

/** Core's outbox: engines emit typed events here; each adapter subscribes once and carries them. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>()

  /** Validates the payload against the contract, so a bad event is a bug found in core, not in a window. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const parsed = events[name].payload.parse(payload)
    for (const listener of this.listeners) listener(name, parsed)
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
