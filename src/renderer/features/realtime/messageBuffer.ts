import type { Message } from '../../../shared/session'
import type { LogFilter } from './sessionStore'
import { tr } from '../../i18n'

/**
 * A tab's messages in the renderer: appended in batches, amended in place by seq (an ack reaching
 * its emit), with a filtered view kept up to date incrementally so 100,000 rows stay cheap.
 */
export class MessageBuffer {
  private messages: Message[] = []
  private readonly indexOf = new Map<number, number>()
  private filtered: number[] = []
  private filterKey = ''
  private matcher: ((m: Message) => boolean) | undefined
  private scanned = 0
  /** Event names seen, for the filter's event list. */
  readonly events = new Set<string>()

  get size(): number {
    return this.messages.length
  }

  add(batch: readonly Message[]): void {
    for (const message of batch) {
      const at = this.indexOf.get(message.seq)
      if (at !== undefined) {
        this.messages[at] = message
        continue
      }
      this.indexOf.set(message.seq, this.messages.length)
      this.messages.push(message)
      if (message.event) this.events.add(message.event)
    }
  }

  clear(): void {
    this.messages = []
    this.indexOf.clear()
    this.filtered = []
    this.scanned = 0
    this.events.clear()
  }

  at(index: number): Message | undefined {
    return this.messages[index]
  }

  bySeq(seq: number): Message | undefined {
    const at = this.indexOf.get(seq)
    return at === undefined ? undefined : this.messages[at]
  }

  /** Indexes of the messages that pass `filter`, among the first `limit` (a paused view stops growing). */
  view(filter: LogFilter, limit = this.messages.length): { rows: number[]; error: string | undefined } {
    const key = JSON.stringify(filter)
    let error: string | undefined
    if (key !== this.filterKey) {
      this.filterKey = key
      this.filtered = []
      this.scanned = 0
      try {
        this.matcher = matcherOf(filter)
      } catch (e) {
        this.matcher = () => true
        error = tr('realtime:messageBuffer.invalidRegularExpression', { message: (e as Error).message })
      }
    }
    const match = this.matcher
    for (; this.scanned < this.messages.length; this.scanned++) {
      if (!match || match(this.messages[this.scanned]!)) this.filtered.push(this.scanned)
    }
    if (error === undefined && filter.regex && filter.text) {
      try {
        new RegExp(filter.text, 'i')
      } catch (e) {
        error = tr('realtime:messageBuffer.invalidRegularExpression', { message: (e as Error).message })
      }
    }
    if (limit >= this.messages.length) return { rows: this.filtered, error }
    let end = this.filtered.length
    while (end > 0 && this.filtered[end - 1]! >= limit) end--
    return { rows: this.filtered.slice(0, end), error }
  }
}

function matcherOf(filter: LogFilter): ((m: Message) => boolean) | undefined {
  const tests: ((m: Message) => boolean)[] = []
  if (filter.direction !== 'all') tests.push((m) => m.direction === filter.direction)
  if (filter.event) tests.push((m) => m.event === filter.event)
  if (filter.text) {
    if (filter.regex) {
      const re = new RegExp(filter.text, 'i')
      tests.push((m) => re.test(m.preview) || (m.event !== undefined && re.test(m.event)))
    } else {
      const needle = filter.text.toLowerCase()
      tests.push((m) => m.preview.toLowerCase().includes(needle) || (m.event?.toLowerCase().includes(needle) ?? false))
    }
  }
  if (tests.length === 0) return undefined
  return (m) => tests.every((t) => t(m))
}
