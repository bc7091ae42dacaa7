import { Agent } from 'undici'
import type { HttpSettings } from '../../shared/http'
import { createConnector, originKey } from './connector'
import type { ProxyTarget } from './proxy'
import type { TlsMaterial } from './tls'

/** One undici Agent and the bookkeeping the engine needs to cancel its connection attempts. */
export interface DispatcherEntry {
  key: string
  agent: Agent
  pending: Map<string, Set<(error: Error) => void>>
  /** Requests in flight per origin on this agent. */
  active: Map<string, number>
}

/**
 * Agents reused across requests, keyed by everything that changes how a connection is made (TLS
 * material, proxy, HTTP version, connect timeout): a new Agent per request would cost a handshake
 * every time and ruin keep-alive.
 */
export class DispatcherPool {
  private readonly entries = new Map<string, DispatcherEntry>()

  /** The Agent for these connection options, created on first use. */
  get(settings: HttpSettings, tls: TlsMaterial, proxy: ProxyTarget | null): DispatcherEntry {
    const key = `${tls.key}|${proxy?.key ?? ''}|${settings.httpVersion}|${settings.connectTimeoutMs}`
    let entry = this.entries.get(key)
    if (entry) return entry
    const pending = new Map<string, Set<(error: Error) => void>>()
    const active = new Map<string, number>()
    const alpn = settings.httpVersion === '1.1' ? ['http/1.1'] : settings.httpVersion === '2' ? ['h2'] : ['h2', 'http/1.1']
    const agent = new Agent({
      connect: createConnector({ tls, proxy, alpn, connectTimeoutMs: settings.connectTimeoutMs, pending, wanted: (key) => (active.get(key) ?? 0) > 0 }),
      allowH2: settings.httpVersion !== '1.1',
      // Our own total timeout governs; undici's would cut a slow but legitimate download.
      headersTimeout: 0,
      bodyTimeout: 0
    })
    entry = { key, agent, pending, active }
    this.entries.set(key, entry)
    return entry
  }

  /** Stops connection attempts for an origin that no other request of ours is waiting on. */
  abandonConnects(entry: DispatcherEntry, url: URL, error: Error): void {
    const key = originKey(url.protocol, url.hostname, url.port)
    if ((entry.active.get(key) ?? 0) > 0) return
    const set = entry.pending.get(key)
    if (!set) return
    for (const abort of [...set]) abort(error)
  }

  /**
   * Replaces an agent after a cancel left nobody waiting on that origin. undici keeps a cancelled
   * request queued and may later dial again for it; closing the agent drains that and every idle socket.
   */
  retireIfIdle(entry: DispatcherEntry, url: URL): void {
    const key = originKey(url.protocol, url.hostname, url.port)
    if ((entry.active.get(key) ?? 0) > 0 || this.entries.get(entry.key) !== entry) return
    this.entries.delete(entry.key)
    void entry.agent.close().catch(() => undefined)
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    const agents = [...this.entries.values()].map((e) => e.agent)
    this.entries.clear()
    await Promise.all(agents.map((a) => a.destroy().catch(() => undefined)))
  }
}

/** Counts a request in flight on an origin; returns the function that uncounts it. */
export function trackActive(entry: DispatcherEntry, url: URL): () => void {
  const key = originKey(url.protocol, url.hostname, url.port)
  entry.active.set(key, (entry.active.get(key) ?? 0) + 1)
  let done = false
  return () => {
    if (done) return
    done = true
    const n = (entry.active.get(key) ?? 1) - 1
    if (n <= 0) entry.active.delete(key)
    else entry.active.set(key, n)
  }
}
