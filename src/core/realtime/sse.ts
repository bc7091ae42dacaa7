import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { fetch } from 'undici'
import type { SseRequest } from '../../shared/realtime'
import { ParleyError } from '../../shared/errors'
import type { SessionStatus } from '../../shared/session'
import { clip } from './payload'
import type { Session, SessionRecorder } from './session'

type Status = Omit<SessionStatus, 'sessionId'>

/** The reconnect delay before a server says otherwise with `retry:` (the EventSource default). */
const DEFAULT_RETRY_MS = 3_000

/**
 * A Server-Sent Events session over fetch: any method, headers and body; every event with its type,
 * id and retry; when the stream ends it reconnects after `retry` ms, sending Last-Event-ID.
 */
export class SseSession implements Session {
  readonly kind = 'sse'
  readonly url: string
  private current: Status = { state: 'connecting', detail: 'not started' }
  private abort: AbortController | undefined
  private closed = false
  private lastEventId = ''
  private retryMs = DEFAULT_RETRY_MS
  private attempt = 0
  private reconnectTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly request: SseRequest,
    private readonly recorder: SessionRecorder
  ) {
    this.url = request.url
  }

  status(): Status {
    return this.current
  }

  async open(): Promise<void> {
    try {
      const url = new URL(this.request.url.trim())
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
    } catch {
      throw new ParleyError('invalid_url', `"${this.request.url}" is not an http(s) URL.`, 'SSE streams are fetched over http:// or https://.')
    }
    void this.connect()
  }

  private async connect(): Promise<void> {
    if (this.closed) return
    const abort = new AbortController()
    this.abort = abort
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' }
    for (const kv of this.request.headers) if (kv.enabled && kv.name) headers[kv.name.toLowerCase()] = kv.value
    if (this.request.withLastEventId && this.lastEventId !== '') headers['last-event-id'] = this.lastEventId
    const method = this.request.method.toUpperCase()
    const resuming = this.attempt > 0
    this.setStatus(
      resuming
        ? {
            state: 'reconnecting',
            detail: `reconnecting${headers['last-event-id'] ? ` with Last-Event-ID ${headers['last-event-id']}` : ''}`,
            said: headers['last-event-id'] ? { key: 'reconnectingWithId', values: { id: headers['last-event-id'] } } : { key: 'reconnecting' },
            attempt: this.attempt
          }
        : { state: 'connecting', detail: `${method} ${this.request.url}` }
    )
    let response
    try {
      response = await fetch(this.request.url.trim(), {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' || this.request.body === '' ? undefined : this.request.body,
        signal: abort.signal
      })
    } catch (error) {
      if (this.closed) return
      const reason = describeFetchError(error)
      this.setStatus({ state: 'error', detail: `cannot connect: ${reason}`, said: { key: 'cannotConnect', values: { reason } } })
      this.scheduleReconnect()
      return
    }
    const type = response.headers.get('content-type') ?? ''
    if (!response.ok || !type.toLowerCase().startsWith('text/event-stream')) {
      // Like EventSource: a wrong status or content type is final, not something to retry.
      const body = (await response.text().catch(() => '')).slice(0, 500)
      this.setStatus({
        state: 'error',
        detail: response.ok
          ? `not an event stream (Content-Type: ${type || 'none'})`
          : `HTTP ${response.status} ${response.statusText}${body ? ` ${body}` : ''}`,
        said: response.ok
          ? type
            ? { key: 'notEventStream', values: { type } }
            : { key: 'notEventStreamNoType' }
          : { key: 'httpError', values: { status: response.status, statusText: response.statusText, body } },
        httpStatus: response.status
      })
      return
    }
    this.attempt = 0
    this.setStatus({
      state: 'connected',
      detail: `streaming (HTTP ${response.status})`,
      said: { key: 'streaming', values: { status: response.status } },
      httpStatus: response.status
    })
    const parser = createParser({
      onEvent: (event) => this.onEvent(event),
      onRetry: (ms) => {
        this.retryMs = ms
      }
    })
    try {
      const decoder = new TextDecoder()
      for await (const chunk of response.body ?? []) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))
      if (this.closed) return
      this.setStatus({ state: 'disconnected', detail: 'the server ended the stream', said: { key: 'streamEnded' } })
    } catch (error) {
      if (this.closed) return
      const reason = describeFetchError(error)
      this.setStatus({ state: 'disconnected', detail: `stream broken: ${reason}`, said: { key: 'streamBroken', values: { reason } } })
    }
    this.scheduleReconnect()
  }

  private onEvent(event: EventSourceMessage): void {
    if (event.id !== undefined) this.lastEventId = event.id
    const details: Record<string, unknown> = {}
    if (event.id !== undefined) details['id'] = event.id
    details['retryMs'] = this.retryMs
    this.recorder.record({
      direction: 'in',
      kind: 'sse',
      event: event.event ?? 'message',
      args: [event.data],
      preview: clip(event.data),
      size: Buffer.byteLength(event.data),
      details
    })
  }

  private scheduleReconnect(): void {
    if (this.closed) return
    this.attempt += 1
    this.setStatus({
      state: 'reconnecting',
      detail: `reconnecting in ${this.retryMs} ms`,
      said: { key: 'reconnectingIn', values: { ms: this.retryMs } },
      attempt: this.attempt
    })
    this.reconnectTimer = setTimeout(() => void this.connect(), this.retryMs)
  }

  private setStatus(next: Status): void {
    this.current = next
    this.recorder.status(next)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.reconnectTimer)
    this.abort?.abort()
    this.setStatus({ state: 'closed', detail: 'closed by you', said: { key: 'closedByYou' } })
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)
}
