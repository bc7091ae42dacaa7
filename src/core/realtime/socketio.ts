import type { SocketIoRequest } from '../../shared/realtime'
import { ParleyError } from '../../shared/errors'
import type { SessionStatus } from '../../shared/session'
import { buildEmitArgs, describeArgs, parseAuthJson } from './payload'
import { ListenerSwitches, type EmitRequest, type Session, type SessionRecorder } from './session'
import {
  detectClientVersion,
  listenToAll,
  wireArgsJson,
  type ClientVersion,
  type IoManager,
  type IoSocket,
  type ManagerOptions,
  type ManagerPool
} from './socketioClient'

type Status = Omit<SessionStatus, 'sessionId'>

/** Splits the request URL into the origin the manager dials and the namespace to join. */
export function resolveTarget(request: SocketIoRequest): { origin: string; namespace: string; query: Record<string, string> } {
  let url: URL
  try {
    url = new URL(request.url.trim())
  } catch {
    throw new ParleyError(
      'invalid_url',
      `"${request.url}" is not a URL.`,
      'Use http://, https://, ws:// or wss:// followed by the server, e.g. http://localhost:3000.'
    )
  }
  const protocol = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol]
  if (!protocol) throw new ParleyError('invalid_url', `Socket.IO cannot dial ${url.protocol}// URLs.`, 'Use http://, https://, ws:// or wss://.')
  const query: Record<string, string> = {}
  for (const [name, value] of url.searchParams) query[name] = value
  for (const kv of request.query) if (kv.enabled && kv.name) query[kv.name] = kv.value
  // Like io("http://host/chat"): a path in the URL names the namespace unless one was given.
  const fromUrl = url.pathname !== '/' ? url.pathname.replace(/\/$/, '') : '/'
  const namespace = request.namespace && request.namespace !== '/' ? request.namespace : fromUrl
  return { origin: `${protocol}//${url.host}`, namespace: namespace.startsWith('/') ? namespace : `/${namespace}`, query }
}

/** A Socket.IO session on one namespace: v2, v3 and v4 servers, with typed emits, acks and listener switches. */
export class SocketIoSession implements Session {
  readonly kind = 'socketio'
  readonly url: string
  private current: Status = { state: 'connecting', detail: 'not started' }
  private readonly listeners: ListenerSwitches
  private socket: IoSocket | undefined
  private version: ClientVersion | undefined
  private release: (() => void) | undefined
  private readonly undo: (() => void)[] = []
  private readonly pendingAcks = new Map<number, NodeJS.Timeout>()
  private closed = false
  private target: { options: ManagerOptions; namespace: string; auth: Record<string, unknown> | undefined } | undefined
  private fallbackToV2 = false
  private everConnected = false

  constructor(
    private readonly request: SocketIoRequest,
    private readonly recorder: SessionRecorder,
    private readonly pool: ManagerPool
  ) {
    this.url = request.url
    this.listeners = new ListenerSwitches(request.listeners)
  }

  status(): Status {
    return this.current
  }

  async open(): Promise<void> {
    const auth = parseAuthJson(this.request.auth)
    const { origin, namespace, query } = resolveTarget(this.request)
    const headers: Record<string, string> = {}
    for (const kv of this.request.headers) if (kv.enabled && kv.name) headers[kv.name] = kv.value
    const options: ManagerOptions = {
      origin,
      path: this.request.path || '/socket.io',
      query,
      headers,
      transports: this.request.transports === 'websocket' ? ['websocket'] : ['polling', 'websocket'],
      reconnection: this.request.reconnection.enabled,
      reconnectionAttempts: this.request.reconnection.attempts,
      reconnectionDelay: this.request.reconnection.delayMs,
      timeout: this.request.connectTimeoutMs,
      verifyTls: this.request.verifyTls
    }
    const target = `${origin}${namespace === '/' ? '' : namespace}`
    this.setStatus({ state: 'connecting', detail: `connecting to ${target}`, said: { key: 'connectingTo', values: { target } } })
    let version: ClientVersion = this.request.clientVersion === 'v2' ? 'v2' : 'v4'
    if (this.request.clientVersion === 'auto') {
      const detected = await detectClientVersion(options)
      // No answer from the probe (polling refused, say): try the v4 client, and v2 if v4 cannot connect.
      version = detected ?? 'v4'
      this.fallbackToV2 = detected === undefined
      this.recorder.record({
        direction: 'system',
        kind: 'status',
        args: [],
        preview: detected
          ? `server speaks ${detected === 'v4' ? 'Socket.IO v3/v4 (EIO 4)' : 'Socket.IO v2 (EIO 3)'}; using the ${detected} client`
          : 'could not detect the server version; trying the v4 client',
        said: detected
          ? { key: 'serverSpeaks', values: { server: detected === 'v4' ? 'Socket.IO v3/v4 (EIO 4)' : 'Socket.IO v2 (EIO 3)', client: detected } }
          : { key: 'versionUnknown' },
        size: 0
      })
    }
    if (this.closed) return
    this.target = { options, namespace, auth }
    this.start(version)
  }

  /** Joins the namespace with one client version: a manager from the pool, a socket, its listeners. */
  private start(version: ClientVersion): void {
    const { options, namespace, auth } = this.target!
    this.version = version
    const { manager, release, shared, socket: openSocket } = this.pool.acquire(version, options, namespace)
    this.release = release
    if (version === 'v2' && auth) {
      this.recorder.record({
        direction: 'system',
        kind: 'status',
        args: [],
        preview: 'the v2 protocol has no auth payload: it was not sent (use query parameters)',
        said: { key: 'v2NoAuth' },
        size: 0
      })
    }
    const socket = openSocket(auth)
    this.socket = socket
    this.watch(manager, socket, version)
    if (shared)
      this.recorder.record({
        direction: 'system',
        kind: 'status',
        args: [],
        preview: `sharing the connection already open to ${options.origin}`,
        said: { key: 'sharing', values: { origin: options.origin } },
        size: 0
      })
    socket.connect()
  }

  /** Auto mode without a detected version: v4 could not connect, so try v2 once. */
  private retryWithV2(reason: string): void {
    this.fallbackToV2 = false
    this.recorder.record({
      direction: 'system',
      kind: 'status',
      args: [],
      preview: `the v4 client could not connect (${reason}); trying the v2 client`,
      said: { key: 'v4Failed', values: { reason } },
      size: 0
    })
    this.socket?.disconnect()
    for (const undo of this.undo.splice(0)) undo()
    this.release?.()
    if (!this.closed) this.start('v2')
  }

  private watch(manager: IoManager, socket: IoSocket, version: ClientVersion): void {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const on = (target: IoManager | IoSocket, event: string, handler: (...args: any[]) => void) => {
      target.on(event, handler)
      this.undo.push(() => target.off(event, handler))
    }
    const transport = () => manager.engine?.transport?.name
    const watchEngine = () => {
      const engine = manager.engine
      if (!engine) return
      const onUpgrade = (t: { name?: string } | undefined) => {
        const name = t?.name ?? transport() ?? 'websocket'
        this.recorder.record({
          direction: 'system',
          kind: 'status',
          args: [],
          status: 'upgrade',
          preview: `transport upgraded to ${name}`,
          said: { key: 'upgraded', values: { transport: name } },
          size: 0,
          details: { transport: name }
        })
        this.setStatus(
          {
            ...this.current,
            transport: name,
            detail: `connected as ${socket.id ?? '?'} (${name})`,
            said: { key: 'connectedAs', values: { id: socket.id ?? '?', transport: name } }
          },
          false
        )
      }
      engine.on('upgrade', onUpgrade)
      this.undo.push(() => (engine.off ?? engine.removeListener)?.call(engine, 'upgrade', onUpgrade))
    }
    if (manager.engine) watchEngine()
    on(manager, 'open', watchEngine)
    on(socket, 'connect', () => {
      this.everConnected = true
      const t = transport()
      this.setStatus({
        state: 'connected',
        detail: `connected as ${socket.id ?? '?'}${t ? ` (${t})` : ''}`,
        said: t ? { key: 'connectedAs', values: { id: socket.id ?? '?', transport: t } } : { key: 'connectedAsId', values: { id: socket.id ?? '?' } },
        socketId: socket.id,
        transport: t,
        clientVersion: version
      })
    })
    on(socket, 'disconnect', (reason: string) => {
      if (this.closed) return
      this.setStatus({
        state: 'disconnected',
        detail: `disconnected: ${reason}`,
        said: { key: 'disconnectedReason', values: { reason } },
        closeReason: reason,
        clientVersion: version
      })
    })
    on(socket, 'connect_error', (error: Error & { data?: unknown; description?: unknown }) => {
      const message = error?.message ?? String(error)
      if (this.fallbackToV2 && version === 'v4' && !this.everConnected) {
        setImmediate(() => this.retryWithV2(message))
        return
      }
      this.setStatus({ state: 'error', detail: `connect_error: ${message}`, said: { key: 'connectError', values: { message } }, clientVersion: version })
    })
    // v2 reports namespace middleware refusals as 'error' with the server's message.
    if (version === 'v2') {
      on(socket, 'error', (error: unknown) => {
        const message = typeof error === 'string' ? error : ((error as Error)?.message ?? JSON.stringify(error))
        this.setStatus({ state: 'error', detail: `connect_error: ${message}`, said: { key: 'connectError', values: { message } }, clientVersion: version })
      })
    }
    on(manager, 'reconnect_attempt', (attempt: number) => {
      if (this.closed) return
      this.setStatus({
        state: 'reconnecting',
        detail: `reconnect attempt ${attempt}`,
        said: { key: 'reconnectAttempt', values: { attempt } },
        attempt,
        clientVersion: version
      })
    })
    on(manager, 'reconnect_failed', () => {
      this.setStatus({
        state: 'error',
        detail: `gave up reconnecting after ${this.request.reconnection.attempts} attempts`,
        said: { key: 'gaveUp', values: { attempts: this.request.reconnection.attempts } },
        clientVersion: version
      })
    })
    const stop = listenToAll(version, socket, (event, rawArgs) => {
      if (!this.listeners.logs(event)) return
      // A trailing function is the server asking us for an ack; it is not data.
      const wantsAck = typeof rawArgs.at(-1) === 'function'
      const args = wantsAck ? rawArgs.slice(0, -1) : rawArgs
      this.recorder.record({
        direction: 'in',
        kind: 'event',
        event,
        args,
        argsJson: version === 'v4' ? wireArgsJson(event) : undefined,
        ...(wantsAck ? { details: { wantsAck: true } } : {})
      })
    })
    this.undo.push(stop)
  }

  private setStatus(next: Status, log = true): void {
    this.current = next
    if (log) this.recorder.status(next)
  }

  setListener(event: string, enabled: boolean): void {
    this.listeners.set(event, enabled)
  }

  async emit(request: EmitRequest): Promise<number> {
    const socket = this.socket
    if (!socket || this.closed) throw new ParleyError('session_closed', 'This Socket.IO session is not open.', 'Connect first.')
    const values = await buildEmitArgs(request.args)
    const message = this.recorder.record({
      direction: 'out',
      kind: 'event',
      event: request.event,
      args: values,
      status: request.ack ? 'awaiting-ack' : socket.connected ? 'sent' : 'queued'
    })
    const seq = message.seq
    if (!request.ack) {
      socket.emit(request.event, ...values)
      return seq
    }
    const started = performance.now()
    const timer = setTimeout(() => {
      this.pendingAcks.delete(seq)
      this.recorder.amend(seq, { status: 'ack-timeout', details: { ackTimeoutMs: request.ackTimeoutMs } })
    }, request.ackTimeoutMs)
    this.pendingAcks.set(seq, timer)
    socket.emit(request.event, ...values, (...ackArgs: unknown[]) => {
      const pending = this.pendingAcks.get(seq)
      if (!pending) return // timed out already: reported as such
      clearTimeout(pending)
      this.pendingAcks.delete(seq)
      const rttMs = Math.round((performance.now() - started) * 100) / 100
      this.recorder.amend(seq, { status: 'acked', ack: { args: describeArgs(ackArgs).args, rttMs } })
    })
    return seq
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const timer of this.pendingAcks.values()) clearTimeout(timer)
    this.pendingAcks.clear()
    this.socket?.disconnect()
    for (const undo of this.undo.splice(0)) undo()
    this.release?.()
    this.setStatus({ state: 'closed', detail: 'disconnected by you', said: { key: 'disconnectedByYou' }, clientVersion: this.version })
  }
}
