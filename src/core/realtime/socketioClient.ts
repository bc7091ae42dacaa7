import { createRequire } from 'node:module'
import { Agent, fetch } from 'undici'
import { Manager as ManagerV4 } from 'socket.io-client'
import * as ioParser from 'socket.io-parser'

/**
 * The two Socket.IO clients Parley carries (socket.io-client 4 for v3/v4 servers, 2 for v2 ones),
 * behind the few methods a session needs, plus the manager pool that lets several namespaces of one
 * server share one engine.io connection.
 */

export type ClientVersion = 'v4' | 'v2'

type Handler = (...args: any[]) => void // eslint-disable-line @typescript-eslint/no-explicit-any

/** The part of an engine.io connection a session watches: its transport and upgrades. */
export interface IoEngine {
  transport?: { name?: string }
  on(event: string, handler: Handler): unknown
  off?(event: string, handler: Handler): unknown
  removeListener?(event: string, handler: Handler): unknown
}

export interface IoSocket {
  id: string | undefined
  connected: boolean
  connect(): unknown
  disconnect(): unknown
  emit(event: string, ...args: unknown[]): unknown
  on(event: string, handler: Handler): unknown
  off(event: string, handler?: Handler): unknown
}

export interface IoManager {
  engine?: IoEngine
  on(event: string, handler: Handler): unknown
  off(event: string, handler?: Handler): unknown
  socket(namespace: string, options?: Record<string, unknown>): IoSocket
}

export interface ManagerOptions {
  origin: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  transports: string[]
  reconnection: boolean
  reconnectionAttempts: number
  reconnectionDelay: number
  timeout: number
  verifyTls: boolean
}

/** The packet text the v4 decoder is decoding right now; an event reaches onAny synchronously from it. */
let decoding: string | undefined

/**
 * socket.io-parser's decoder, noting the text of the packet it decodes, so the listener of an
 * incoming event can keep the args' JSON as it came over the wire (see wireArgsJson) instead of
 * encoding the values again: a burst of small messages spent a third of its CPU re-encoding them.
 */
export class WireNotingDecoder extends ioParser.Decoder {
  override add(packet: unknown): void {
    const outer = decoding
    decoding = typeof packet === 'string' ? packet : undefined
    try {
      super.add(packet)
    } finally {
      decoding = outer
    }
  }
}

const wireNotingParser = { ...ioParser, Decoder: WireNotingDecoder }

/**
 * The JSON text of the arguments of `event`, as the server sent it, while the v4 client is
 * delivering that event from a packet it is decoding (`2[/nsp,][ackId]["event",...args]`); else
 * undefined (a binary event, a buffered one, the v2 client), and the caller encodes the values.
 * Text with a line break is refused too, as a log line must not hold one.
 */
export function wireArgsJson(event: string): string | undefined {
  const text = decoding
  if (text === undefined || text.charCodeAt(0) !== 0x32 /* 2: EVENT */) return undefined
  let i = 1
  if (text.charCodeAt(i) === 0x2f /* / */) {
    i = text.indexOf(',', i)
    if (i < 0) return undefined
    i += 1
  }
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i += 1
  // The payload must open with the plain (unescaped) event name, then its args or the array's end.
  if (text.charCodeAt(i) !== 0x5b /* [ */ || text.charCodeAt(i + 1) !== 0x22 /* " */) return undefined
  const nameEnd = i + 2 + event.length
  if (text.charCodeAt(nameEnd) !== 0x22 || !text.startsWith(event, i + 2) || event.includes('\\') || event.includes('"')) return undefined
  const after = text.charCodeAt(nameEnd + 1)
  if (after === 0x5d /* ] */) return '[]'
  if (after !== 0x2c /* , */) return undefined
  const json = `[${text.slice(nameEnd + 2)}`
  return json.includes('\n') || json.includes('\r') ? undefined : json
}

const requireCjs = createRequire(import.meta.url)
let v2Module: { Manager: new (url: string, options: Record<string, unknown>) => IoManager } | undefined
function loadV2() {
  // Loaded on first use: most people never meet a v2 server.
  v2Module ??= requireCjs('socket.io-client-v2') as typeof v2Module
  return v2Module!
}

function createManager(version: ClientVersion, o: ManagerOptions): IoManager {
  const common = {
    path: o.path,
    query: o.query,
    extraHeaders: o.headers,
    transports: o.transports,
    reconnection: o.reconnection,
    reconnectionAttempts: o.reconnectionAttempts,
    reconnectionDelay: o.reconnectionDelay,
    timeout: o.timeout,
    rejectUnauthorized: o.verifyTls,
    autoConnect: false
  }
  if (version === 'v4') return new ManagerV4(o.origin, { ...common, parser: wireNotingParser }) as unknown as IoManager
  const { Manager } = loadV2()
  return new Manager(o.origin, common)
}

/** Calls `handler(event, args)` for every event the server sends on this socket. Returns the undo. */
export function listenToAll(version: ClientVersion, socket: IoSocket, handler: (event: string, args: unknown[]) => void): () => void {
  if (version === 'v4') {
    const s = socket as IoSocket & { onAny(h: Handler): void; offAny(h: Handler): void }
    const any = (event: string, ...args: unknown[]) => handler(event, args)
    s.onAny(any)
    return () => s.offAny(any)
  }
  // socket.io-client 2 has no onAny: every incoming event passes through onevent(packet).
  const s = socket as IoSocket & { onevent(packet: { data?: unknown[] }): void }
  const original = s.onevent
  s.onevent = function (packet) {
    const [event, ...args] = packet.data ?? []
    if (typeof event === 'string') handler(event, args)
    original.call(this, packet)
  }
  return () => {
    s.onevent = original
  }
}

interface PoolEntry {
  key: string
  manager: IoManager
  namespaces: Set<string>
}

/**
 * Managers shared by (client version, origin, path, options): a second namespace of the same server
 * rides the first one's engine.io connection, as socket.io-client does for `io(url/ns)`. A namespace
 * already open on an entry gets a manager of its own, since one manager holds one socket per namespace.
 */
export class ManagerPool {
  private readonly entries: PoolEntry[] = []

  acquire(
    version: ClientVersion,
    options: ManagerOptions,
    namespace: string
  ): { manager: IoManager; socket(auth: Record<string, unknown> | undefined): IoSocket; release(): void; shared: boolean } {
    const key = JSON.stringify([version, options])
    let entry = this.entries.find((e) => e.key === key && !e.namespaces.has(namespace))
    const shared = entry !== undefined
    if (!entry) {
      entry = { key, manager: createManager(version, options), namespaces: new Set() }
      this.entries.push(entry)
    }
    entry.namespaces.add(namespace)
    const held = entry
    let released = false
    return {
      manager: held.manager,
      shared,
      socket: (auth) => freshSocket(held.manager, version, namespace, auth),
      release: () => {
        if (released) return
        released = true
        held.namespaces.delete(namespace)
        if (held.namespaces.size === 0) {
          this.entries.splice(this.entries.indexOf(held), 1)
          // Both clients close the engine once no socket is left; this makes sure of it.
          ;(held.manager as IoManager & { _close?(): void; close?(): void })._close?.()
          ;(held.manager as IoManager & { close?(): void }).close?.()
        }
      }
    }
  }

  get size(): number {
    return this.entries.length
  }
}

/**
 * A new socket for the namespace, never the one the manager cached for it: both clients keep every
 * namespace socket they made (with the `auth` it was made with) and hand it back on the next
 * `manager.socket(ns)`, so a corrected auth payload would be ignored while another namespace keeps
 * the manager alive. The pool lets one session at a time hold a namespace of a manager, so a cached
 * socket here belongs to a session that is gone.
 */
function freshSocket(manager: IoManager, version: ClientVersion, namespace: string, auth: Record<string, unknown> | undefined): IoSocket {
  const cache = (manager as IoManager & { nsps?: Record<string, IoSocket> }).nsps
  if (cache && Object.hasOwn(cache, namespace)) delete cache[namespace]
  return manager.socket(namespace, version === 'v4' && auth ? { auth } : {})
}

/**
 * Asks the server which engine.io protocol it speaks: a v3/v4 server answers an EIO=4 polling
 * handshake with `0{...}`; a v2 server (engine.io 3) answers in its own length-prefixed framing
 * (`97:0{...}`). Returns undefined when the probe says nothing useful (network error, proxy page).
 */
export async function detectClientVersion(options: ManagerOptions, signal?: AbortSignal): Promise<ClientVersion | undefined> {
  const url = new URL(`${options.path.replace(/\/$/, '')}/`, options.origin)
  for (const [name, value] of Object.entries(options.query)) url.searchParams.set(name, value)
  url.searchParams.set('EIO', '4')
  url.searchParams.set('transport', 'polling')
  const dispatcher = options.verifyTls ? undefined : new Agent({ connect: { rejectUnauthorized: false } })
  try {
    const response = await fetch(url, { headers: options.headers, dispatcher, signal: signal ?? AbortSignal.timeout(Math.min(options.timeout, 10_000)) })
    const text = (await response.text()).slice(0, 512)
    const sid = /"sid":"([^"]+)"/.exec(text)?.[1]
    let version: ClientVersion | undefined
    if (/^0\{/.test(text)) version = 'v4'
    else if (/^\d+:0\{/.test(text)) version = 'v2'
    // Leave no half-open session behind on the server: send engine.io's close packet.
    if (sid && version) {
      url.searchParams.set('sid', sid)
      if (version === 'v2') url.searchParams.set('EIO', '3')
      void fetch(url, { method: 'POST', body: version === 'v4' ? '1' : '1:1', headers: options.headers, dispatcher })
        .then((r) => r.text())
        .catch(() => undefined)
    }
    return version
  } catch {
    return undefined
  } finally {
    void dispatcher?.close()
  }
}
