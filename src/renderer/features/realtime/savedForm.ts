import type { SavedRequest } from '../../../shared/collection'
import type { KeyValue } from '../../../shared/http'
import type { TabSession } from './sessionStore'

const lines = (kvs: KeyValue[], sep: string) => kvs.filter((k) => k.enabled).map((k) => `${k.name}${sep}${k.value}`).join('\n')

/** A tab's session state with its connection form, listeners and saved emits taken from a saved request. */
export function fromSaved(base: TabSession, saved: SavedRequest | undefined): TabSession {
  if (!saved || saved.kind === 'http') return base
  const s = { ...base, steps: saved.steps ?? [] }
  if (saved.kind === 'socketio') {
    return {
      ...s,
      form: {
        ...s.form,
        url: saved.url,
        namespace: saved.namespace,
        path: saved.path,
        auth: saved.auth,
        query: lines(saved.query, '='),
        headers: lines(saved.headers, ': '),
        transports: saved.transports,
        clientVersion: saved.clientVersion,
        reconnection: saved.reconnection.enabled,
        reconnectionAttempts: saved.reconnection.attempts,
        reconnectionDelayMs: saved.reconnection.delayMs,
        connectTimeoutMs: saved.connectTimeoutMs,
        verifyTls: saved.verifyTls
      },
      listeners: saved.listeners.filter((l) => l.event !== '*'),
      catchAll: saved.listeners.find((l) => l.event === '*')?.enabled ?? true,
      savedEmits: saved.emits
    }
  }
  if (saved.kind === 'websocket') return { ...s, form: { ...s.form, url: saved.url, headers: lines(saved.headers, ': '), protocols: saved.protocols.join(', ') } }
  return { ...s, form: { ...s.form, url: saved.url, method: saved.method, headers: lines(saved.headers, ': '), body: saved.body, withLastEventId: saved.withLastEventId } }
}

