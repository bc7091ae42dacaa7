import type { ParleyError } from '../../shared/errors'
import type { HttpProgress } from '../../shared/http'
import type { Exchange, ExchangeProgress } from './exchange'

/**
 * The handle of one send in flight: what cancel and the total timeout reach for. It knows the
 * exchange running now, and makes every await of the send give way as soon as it is aborted.
 */
export class RequestControl {
  error: ParleyError | null = null
  private exchange: Exchange | null = null
  private onAbort: ((wasConnected: boolean) => void) | null = null
  // Made on first use: most sends never await anything that needs to give way to an abort.
  private aborted: Promise<never> | null = null
  private rejectAborted: ((error: ParleyError) => void) | null = null

  /** Stops the send with this error, wherever it is. */
  abort(error: ParleyError): void {
    if (this.error) return
    this.error = error
    this.rejectAborted?.(error)
    const exchange = this.exchange
    if (exchange) {
      const wasConnected = exchange.connected
      exchange.abort(error)
      this.onAbort?.(wasConnected)
    }
  }

  /** Runs this exchange as the current one; `onAbort` releases what it holds, synchronously. */
  track(exchange: Exchange, onAbort: (wasConnected: boolean) => void): void {
    this.exchange = exchange
    this.onAbort = onAbort
    if (this.error) {
      exchange.abort(this.error)
      onAbort(false)
    }
  }

  /** Awaits `promise`, or throws the abort error as soon as the send is aborted. */
  async guard<T>(promise: Promise<T>): Promise<T> {
    if (this.error) throw this.error
    if (!this.aborted) {
      this.aborted = new Promise<never>((_, reject) => {
        this.rejectAborted = reject
      })
      this.aborted.catch(() => undefined)
    }
    return Promise.race([promise, this.aborted])
  }
}

/** Limits progress reports to one per `intervalMs`, always delivering the latest state, also at the end. */
export function throttleProgress(requestId: string, emit: (p: HttpProgress) => void, intervalMs = 100): { update(p: ExchangeProgress): void; stop(): void } {
  let last = 0
  let latest: ExchangeProgress | null = null
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  const flush = (): void => {
    timer = null
    if (stopped || !latest) return
    last = Date.now()
    const payload = { requestId, ...latest }
    latest = null
    try {
      emit(payload)
    } catch {
      // A listener's failure must not take the request (or, from a timer, the process) down with it.
    }
  }
  return {
    update(p) {
      if (stopped) return
      latest = p
      const wait = intervalMs - (Date.now() - last)
      if (wait <= 0) flush()
      else if (!timer) timer = setTimeout(flush, wait)
    },
    stop() {
      // The last state still waiting for its slot goes out, so the final byte counts are seen.
      if (timer) {
        clearTimeout(timer)
        flush()
      }
      stopped = true
    }
  }
}
