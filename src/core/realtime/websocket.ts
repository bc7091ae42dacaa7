import type { IncomingMessage } from 'node:http'
import WebSocket from 'ws'
import type { WebSocketRequest } from '../../shared/realtime'
import { ParleyError } from '../../shared/errors'
import type { SessionStatus } from '../../shared/session'
import { clip } from './payload'
import type { SendRequest, Session, SessionRecorder } from './session'

type Status = Omit<SessionStatus, 'sessionId'>

/** A WebSocket session: text, JSON and binary frames, ping/pong, close with code and reason. */
export class WebSocketSession implements Session {
  readonly kind = 'websocket'
  readonly url: string
  private socket: WebSocket | undefined
  private current: Status = { state: 'connecting', detail: 'not started' }
  private closing = false

  constructor(
    private readonly request: WebSocketRequest,
    private readonly recorder: SessionRecorder
  ) {
    this.url = request.url
  }

  status(): Status {
    return this.current
  }

  async open(): Promise<void> {
    let url: URL
    try {
      url = new URL(this.request.url.trim())
    } catch {
      throw new ParleyError('invalid_url', `"${this.request.url}" is not a URL.`, 'Use ws:// or wss://, e.g. ws://localhost:8080/socket.')
    }
    if (url.protocol === 'http:') url.protocol = 'ws:'
    if (url.protocol === 'https:') url.protocol = 'wss:'
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
      throw new ParleyError('invalid_url', `A WebSocket cannot dial ${url.protocol}// URLs.`, 'Use ws:// or wss://.')
    const headers: Record<string, string> = {}
    for (const kv of this.request.headers) if (kv.enabled && kv.name) headers[kv.name] = kv.value
    this.setStatus({ state: 'connecting', detail: `connecting to ${url.href}`, said: { key: 'connectingTo', values: { target: url.href } } })
    const protocols = this.request.protocols.filter((p) => p.trim() !== '')
    const socket = new WebSocket(url, protocols, { headers, handshakeTimeout: 20_000 })
    this.socket = socket

    socket.on('open', () => {
      const protocol = socket.protocol
      this.setStatus({
        state: 'connected',
        detail: `connected${protocol ? ` (subprotocol ${protocol})` : ''}`,
        said: protocol ? { key: 'connectedSubprotocol', values: { protocol } } : { key: 'connected' },
        transport: protocol || undefined
      })
    })
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
      if (isBinary) this.recorder.record({ direction: 'in', kind: 'binary', args: [bytes] })
      else {
        const text = bytes.toString('utf8')
        this.recorder.record({ direction: 'in', kind: 'text', args: [text], preview: clip(text), size: bytes.length })
      }
    })
    socket.on('pong', (data: Buffer) => {
      this.recorder.record({ direction: 'in', kind: 'pong', args: data.length ? [data.toString('utf8')] : [], preview: 'pong', size: data.length })
    })
    socket.on('ping', (data: Buffer) => {
      this.recorder.record({
        direction: 'in',
        kind: 'ping',
        args: data.length ? [data.toString('utf8')] : [],
        preview: 'ping from server (pong sent)',
        size: data.length
      })
    })
    socket.on('unexpected-response', (_req, res: IncomingMessage) => {
      // The server answered the upgrade with plain HTTP: show its status and what it said.
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => {
        if (chunks.length < 64) chunks.push(chunk)
      })
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8').slice(0, 500)
        const status = res.statusCode ?? 0
        this.setStatus({
          state: 'error',
          detail: `handshake refused: HTTP ${status} ${res.statusMessage ?? ''}${body ? ` ${body}` : ''}`.trim(),
          said: { key: 'handshakeRefused', values: { status, statusText: res.statusMessage ?? '', body } },
          httpStatus: status
        })
        socket.terminate()
      })
      res.on('error', () => undefined)
    })
    socket.on('error', (error: Error) => {
      if (this.current.state === 'error') return
      this.setStatus({ state: 'error', detail: error.message })
    })
    socket.on('close', (code: number, reasonBuffer: Buffer) => {
      const reason = reasonBuffer.toString('utf8')
      if (this.current.state === 'error' && this.current.httpStatus) return
      const by = this.closing ? 'closed by you' : 'closed by the server'
      const said = { key: this.closing ? 'closedByYouCode' : 'closedByServerCode', values: { code, reason } }
      this.setStatus({ state: 'closed', detail: `${by}: ${code}${reason ? ` ${reason}` : ''}`, said, closeCode: code, closeReason: reason })
    })
  }

  private setStatus(next: Status): void {
    this.current = next
    this.recorder.status(next)
  }

  private open_(): WebSocket {
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new ParleyError('session_closed', 'This WebSocket is not open.', 'Connect first.')
    return socket
  }

  async send(request: SendRequest): Promise<number> {
    const socket = this.open_()
    if (request.type === 'binary-base64') {
      const text = request.value.replace(/\s+/g, '')
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text))
        throw new ParleyError('invalid_message', 'The message is not valid base64.', 'Paste base64 text, or send it as text.')
      const bytes = Buffer.from(text, 'base64')
      socket.send(bytes, { binary: true })
      return this.recorder.record({ direction: 'out', kind: 'binary', args: [bytes], status: 'sent' }).seq
    }
    if (request.type === 'json') {
      try {
        JSON.parse(request.value)
      } catch (error) {
        throw new ParleyError('invalid_message', `The message is not valid JSON: ${(error as Error).message}`, 'Fix the JSON, or send it as text.')
      }
    }
    socket.send(request.value, { binary: false })
    return this.recorder.record({
      direction: 'out',
      kind: 'text',
      args: [request.value],
      preview: clip(request.value),
      size: Buffer.byteLength(request.value),
      status: 'sent'
    }).seq
  }

  async ping(): Promise<number> {
    const socket = this.open_()
    socket.ping()
    return this.recorder.record({ direction: 'out', kind: 'ping', args: [], preview: 'ping', size: 0, status: 'sent' }).seq
  }

  async close(options: { code?: number; reason?: string } = {}): Promise<void> {
    const socket = this.socket
    if (!socket || this.closing) return
    const code = options.code ?? 1000
    if (code !== 1000 && (code < 3000 || code > 4999)) {
      throw new ParleyError(
        'invalid_close_code',
        `${code} is not a close code a client may send.`,
        'Use 1000 (normal) or an application code from 3000 to 4999.'
      )
    }
    this.closing = true
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.CLOSED) {
      socket.terminate()
      if (this.current.state !== 'closed') this.setStatus({ state: 'closed', detail: 'closed by you', said: { key: 'closedByYou' } })
      return
    }
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    socket.close(code, options.reason ?? '')
    const timer = setTimeout(() => socket.terminate(), 3_000)
    await closed
    clearTimeout(timer)
  }
}
