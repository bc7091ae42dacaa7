import { subscribe } from 'node:diagnostics_channel'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { TLSSocket } from 'node:tls'
import type { Dispatcher } from 'undici'
import type { ParleyError } from '../../shared/errors'
import type { HeaderList, HttpProgressPhase, HttpTimings, HttpTlsInfo } from '../../shared/http'
import type { BodyStore } from './bodyStore'
import { flattenHeaders } from './headerList'
import { socketErrors, socketTimings } from './connector'
import { httpError, toHttpError } from './errors'
import type { BodyPayload } from './requestBody'
import { ResponseBodyCollector, type BodyLimits, type CollectedBody } from './responseBody'
import { describeTls } from './tls'

/** A progress snapshot of one exchange. */
export interface ExchangeProgress {
  phase: HttpProgressPhase
  bytesSent: number
  bytesReceived: number
  totalBytes: number | null
}

export interface ExchangeRequest {
  dispatcher: Dispatcher
  url: URL
  method: string
  headers: HeaderList
  body: BodyPayload | null
  store: BodyStore
  /** Asked once the status is known: false discards the body (a redirect hop, a 401 being answered). */
  keepBody(status: number, headers: HeaderList): boolean
  onProgress: ((progress: ExchangeProgress) => void) | null
  /** Size and decompression limits of the body (0: off). */
  limits: BodyLimits
  /** Longest silence between bytes once the request is sent, in ms (0: none). */
  idleTimeoutMs: number
}

export interface ExchangeResult {
  status: number
  statusText: string
  headers: HeaderList
  httpVersion: '1.1' | '2'
  timings: HttpTimings
  remoteAddress: { address: string; port: number; family: string } | null
  tls: HttpTlsInfo | null
  headerSize: number
  /** Null when the body was discarded. */
  body: CollectedBody | null
  wireSize: number
  /** Why the body ended early, when what arrived was kept (a size limit, an idle server). */
  stopped: ParleyError | null
}

/** One request and its response, running; `abort` stops it at any moment and cleans up. */
export interface Exchange {
  result: Promise<ExchangeResult>
  abort(error: ParleyError): void
  /** Whether undici has a connection for it yet (a cancel before that must stop the connect too). */
  readonly connected: boolean
}

// Pairing an exchange with its socket through undici's public diagnostics channels only:
// `undici:request:create` fires inside the synchronous `dispatch` call below (undici builds its Request
// there; our Agent has no connection limit, so nothing is queued for later), which ties undici's Request
// to our handler; `undici:client:sendHeaders` then hands over that Request with the socket it is written
// on, fresh or reused, HTTP/1.1 or HTTP/2. test/unit/core/http/exchangeProbes.test.ts fails when an undici
// release breaks either step (every timing phase and TLS detail is checked there).
let dispatching: ExchangeHandler | null = null
const handlers = new WeakMap<object, ExchangeHandler>()
subscribe('undici:request:create', (message) => {
  if (dispatching) handlers.set((message as { request: object }).request, dispatching)
})
subscribe('undici:client:sendHeaders', (message) => {
  const { request, socket } = message as { request: object; socket: Socket }
  handlers.get(request)?.onSocket(socket)
})

function ms(from: number | undefined, to: number | undefined): number {
  return from === undefined || to === undefined ? 0 : Math.max(0, to - from)
}

/** Starts one HTTP exchange on an undici dispatcher. */
export function startExchange(request: ExchangeRequest): Exchange {
  const handler = new ExchangeHandler(request)
  handler.announce()
  dispatching = handler
  try {
    request.dispatcher.dispatch(
      {
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers: flattenHeaders(request.headers),
        // undici streams async iterables although its types only list Readable.
        body: handler.openBody() as Buffer | null,
        // Our own timeouts govern; undici's defaults would cut slow but legitimate responses.
        headersTimeout: 0,
        bodyTimeout: 0
      },
      handler
    )
  } catch (error) {
    handler.onError(error as Error)
  } finally {
    dispatching = null
  }
  return handler
}

class ExchangeHandler implements Exchange {
  readonly result: Promise<ExchangeResult>
  private resolve!: (r: ExchangeResult) => void
  private reject!: (e: unknown) => void
  private settled = false
  private abortUndici: ((error: Error) => void) | null = null
  private abortError: ParleyError | null = null
  private socket: Socket | null = null
  private collector: ResponseBodyCollector | null = null
  private bytesSent = 0
  private bytesReceived = 0
  private totalBytes: number | null = null
  private phase: HttpProgressPhase = 'connecting'
  private readonly t0 = performance.now()
  private tSendStart: number | undefined
  private tSent: number | undefined
  private tFirstByte: number | undefined
  private tHeaders: number | undefined
  private status = 0
  private statusText = ''
  private headers: HeaderList = []
  private headerSize = 0
  private wireSize = 0
  /** Set when the exchange ended itself (a limit, a full disk); `keep` finishes the body instead of failing. */
  private stopped: { error: ParleyError; keep: boolean } | null = null
  private idleTimer: NodeJS.Timeout | null = null

  constructor(private readonly request: ExchangeRequest) {
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }

  get connected(): boolean {
    return this.abortUndici !== null
  }

  openBody(): Buffer | AsyncIterable<Buffer> | null {
    const body = this.request.body
    if (!body) return null
    const data = body.open()
    if (Buffer.isBuffer(data)) return data
    return this.countSent(data)
  }

  private async *countSent(data: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of data) {
      this.bytesSent += chunk.length
      this.progress()
      yield chunk
    }
  }

  private progress(phase?: HttpProgressPhase): void {
    if (phase) this.phase = phase
    if (!this.request.onProgress) return
    this.request.onProgress({ phase: this.phase, bytesSent: this.bytesSent, bytesReceived: this.bytesReceived, totalBytes: this.totalBytes })
  }

  /** The first progress report, before any socket exists. */
  announce(): void {
    this.progress('connecting')
  }

  abort(error: ParleyError): void {
    if (this.settled || this.abortError) return
    this.abortError = error
    if (this.abortUndici) this.abortUndici(error)
    // Not connected yet: undici will call onConnect later, where we abort; answer the caller now.
    else void this.fail(error)
  }

  onSocket(socket: Socket): void {
    this.socket = socket
    this.tSendStart ??= performance.now()
    this.progress('sending')
  }

  // --- undici's handler interface ---

  onConnect(abort: (error?: Error) => void): void {
    this.abortUndici = abort
    if (this.abortError) abort(this.abortError)
  }

  /** (Re)starts the wait for the next byte; called when the request is out and on every byte after. */
  private watchIdle(): void {
    const ms = this.request.idleTimeoutMs
    if (ms <= 0 || this.settled) return
    if (this.idleTimer) this.idleTimer.refresh()
    else this.idleTimer = setTimeout(() => this.idle(ms), ms)
  }

  private idle(ms: number): void {
    const seconds = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
    const waited = this.status === 0 ? 'for its answer' : 'for the rest of the body'
    this.stop(
      httpError(
        'idle_timeout',
        `${this.request.url.origin} sent nothing for ${seconds} while Parley waited ${waited}, so the request was stopped.`,
        "Raise the idle timeout in the request's Settings tab, or for every request in Settings (0 waits forever)."
      ),
      this.collector !== null
    )
  }

  /** Ends the exchange from our side; undici answers the abort through onError. */
  private stop(error: ParleyError, keep: boolean): void {
    if (this.settled || this.stopped || this.abortError) return
    this.stopped = { error, keep }
    // Not from inside undici's callback that got us here: it is safer to abort on the next tick.
    queueMicrotask(() => {
      if (this.settled) return
      if (this.abortUndici) this.abortUndici(error)
      else void this.fail(error)
    })
  }

  onRequestSent(): void {
    this.watchIdle()
    this.tSent = performance.now()
    const body = this.request.body
    if (body && this.bytesSent === 0) this.bytesSent = body.length
    this.progress('waiting')
  }

  onResponseStarted(): void {
    this.watchIdle()
    this.tFirstByte ??= performance.now()
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[], resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true // 1xx are informational: the real response follows
    this.tHeaders = performance.now()
    this.tFirstByte ??= this.tHeaders
    this.tSent ??= this.tFirstByte
    this.status = statusCode
    // HTTP/2 has no reason phrase; show the standard one so every response reads the same.
    this.statusText = statusText || STATUS_CODES[statusCode] || ''
    const headers: HeaderList = []
    let size = 0
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toString()
      const value = rawHeaders[i + 1]!.toString('latin1')
      headers.push([name, value])
      size += name.length + value.length + 4
    }
    this.headers = headers
    this.headerSize = size + 17 + statusText.length
    let contentType: string | null = null
    let contentEncoding: string | null = null
    for (const [n, v] of headers) {
      const lower = n.toLowerCase()
      if (lower === 'content-length') this.totalBytes = /^\d+$/.test(v.trim()) ? Number(v) : null
      else if (lower === 'content-type') contentType ??= v
      else if (lower === 'content-encoding') contentEncoding = contentEncoding ? `${contentEncoding}, ${v}` : v
    }
    this.resume = resume
    if (this.request.method !== 'HEAD' && this.request.keepBody(statusCode, headers)) {
      this.collector = new ResponseBodyCollector(this.request.store, contentType, contentEncoding, this.request.limits, (error, keep) => this.stop(error, keep))
    }
    this.watchIdle()
    this.progress('receiving')
    return true
  }

  private resume: (() => void) | null = null

  onData(chunk: Buffer): boolean {
    if (this.stopped) return true
    this.watchIdle()
    this.bytesReceived += chunk.length
    this.wireSize += chunk.length
    this.progress()
    const collector = this.collector
    if (!collector || collector.write(chunk)) return true
    void collector.drained().then(() => this.resume?.())
    return false
  }

  onComplete(): void {
    const tEnd = performance.now()
    void this.complete(tEnd)
  }

  onError(error: Error): void {
    const stopped = this.stopped
    if (stopped?.keep && !this.abortError) void this.complete(performance.now())
    else void this.fail(this.abortError ?? stopped?.error ?? this.explain(error))
  }

  /** The most useful error for what undici reported. */
  private explain(error: Error): ParleyError {
    const socket = this.socket
    const socketError = socket ? socketErrors.get(socket) : undefined
    const connect = socket ? socketTimings.get(socket) : undefined
    const info = error as { code?: string; socket?: { bytesRead?: number } }
    // Under TLS 1.3 a server that wants a client certificate sends its alert after our handshake has
    // finished, and undici often sees only the close: a fresh TLS connection closed before any byte of
    // response, with no certificate offered, is that case in practice.
    if (
      info.code === 'UND_ERR_SOCKET' &&
      socket &&
      'encrypted' in socket &&
      connect &&
      !connect.claimed &&
      !connect.clientCert &&
      (info.socket?.bytesRead ?? 0) === 0 &&
      this.bytesReceived === 0
    ) {
      return httpError(
        'tls_failed',
        `${this.request.url.host} closed the TLS connection right after the handshake without answering: it most likely requires a client certificate (mutual TLS).`,
        "Add a client certificate (PEM certificate and key, or PFX) in the request's TLS settings."
      )
    }
    return toHttpError(socketError && socketError !== error && !('socket' in socketError) ? socketError : error, this.request.url.origin)
  }

  onUpgrade(): void {
    void this.fail(toHttpError(new Error('the server switched protocols, which an HTTP request cannot follow'), this.request.url.origin))
  }

  onBodySent(): void {}

  // --- results ---

  private async complete(tEnd: number): Promise<void> {
    if (this.settled) return
    this.clearIdle()
    let body: CollectedBody | null = null
    try {
      if (this.collector) body = await this.collector.end()
    } catch (error) {
      await this.fail(toHttpError(error, this.request.url.origin))
      return
    }
    if (this.stopped && !this.stopped.keep) {
      // The last bytes had all arrived when a limit or the disk refused them: the refusal stands.
      await this.discardCollected(body)
      await this.fail(this.stopped.error)
      return
    }
    // undici frees the connection in a setImmediate after the response ends; answering before that
    // would make the next send find it busy and open a new connection every time.
    await new Promise<void>((resolve) => setImmediate(resolve))
    if (this.abortError) {
      // Cancelled while the last bytes were being written out: honour the cancel.
      await this.discardCollected(body)
      await this.fail(this.abortError)
      return
    }
    this.settled = true
    this.resolve({
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      httpVersion: (this.socket as TLSSocket | null)?.alpnProtocol === 'h2' ? '2' : '1.1',
      timings: this.timings(tEnd),
      remoteAddress: this.socket?.remoteAddress
        ? { address: this.socket.remoteAddress, port: this.socket.remotePort ?? 0, family: this.socket.remoteFamily ?? '' }
        : null,
      tls: this.socket && 'encrypted' in this.socket ? describeTls(this.socket as TLSSocket) : null,
      headerSize: this.headerSize,
      body,
      wireSize: this.wireSize,
      stopped: this.stopped?.keep ? this.stopped.error : null
    })
  }

  private timings(tEnd: number): HttpTimings {
    const connect = this.socket ? socketTimings.get(this.socket) : undefined
    const fresh = connect !== undefined && !connect.claimed
    if (connect) connect.claimed = true
    return {
      dns: fresh ? connect.dns : 0,
      connect: fresh ? connect.connect : 0,
      tls: fresh ? connect.tls : 0,
      requestSent: ms(this.tSendStart, this.tSent),
      firstByte: ms(this.tSent, this.tFirstByte),
      download: ms(this.tFirstByte, tEnd),
      total: ms(this.t0, tEnd),
      reusedConnection: !fresh
    }
  }

  private async discardCollected(body: CollectedBody | null): Promise<void> {
    if (body?.body.kind === 'file') await this.request.store.discard(body.body.bodyId)
    if (body?.body.rawBodyId) await this.request.store.discard(body.body.rawBodyId)
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  private async fail(error: ParleyError): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.clearIdle()
    const collector = this.collector
    this.collector = null
    await collector?.abort().catch(() => undefined)
    this.reject(error)
  }
}
