import type { SavedRequest } from '../../../shared/collection'
import type { KeyValue } from '../../../shared/http'
import type { RealtimeKind, RequestOf } from '../../../shared/requestKinds'
import type { ConnectionForm, TabSession } from './sessionStore'

/**
 * A realtime kind's connection form both ways: filled from a saved request, and read back as the
 * request `session.open` takes. One pair per kind, registered in `kindViews` (./kindViews.ts).
 */
export interface FormCodec<K extends RealtimeKind> {
  /** The tab's session with its form (listeners, saved emits, steps) taken from a saved request of the kind. */
  fromSaved(s: TabSession, saved: Extract<SavedRequest, { kind: K }>): TabSession
  /** The form as the kind's request; `url` is always set (Partial only reflects what session.open accepts). */
  toRequest(s: TabSession): Partial<RequestOf<K>>
  /** Fields only the saved file keeps, beside the request (Socket.IO's saved emits). */
  fileOnly(s: TabSession): Partial<RequestOf<K>>
}

/** Every field of every kind's form, as a new tab starts: the defaults of the request schemas. */
export const baseForm: ConnectionForm = {
  url: '',
  namespace: '/',
  path: '/socket.io',
  auth: '',
  query: '',
  transports: 'websocket',
  clientVersion: 'auto',
  reconnection: true,
  reconnectionAttempts: 5,
  reconnectionDelayMs: 1000,
  connectTimeoutMs: 20000,
  verifyTls: true,
  headers: '',
  protocols: '',
  method: 'GET',
  body: '',
  withLastEventId: true
}

const lines = (kvs: KeyValue[], sep: string) =>
  kvs
    .filter((k) => k.enabled)
    .map((k) => `${k.name}${sep}${k.value}`)
    .join('\n')

export function parseLines(text: string, separator: ':' | '='): KeyValue[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf(separator)
      return at < 0 ? { name: line, value: '', enabled: true } : { name: line.slice(0, at).trim(), value: line.slice(at + 1).trim(), enabled: true }
    })
}

export const socketioForm: FormCodec<'socketio'> = {
  fromSaved: (s, saved) => ({
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
  }),
  toRequest: ({ form: f, catchAll, listeners }) => ({
    url: f.url.trim(),
    path: f.path.trim() || '/socket.io',
    namespace: f.namespace.trim() || '/',
    query: parseLines(f.query, '='),
    headers: parseLines(f.headers, ':'),
    auth: f.auth,
    transports: f.transports,
    clientVersion: f.clientVersion,
    reconnection: { enabled: f.reconnection, attempts: f.reconnectionAttempts, delayMs: f.reconnectionDelayMs },
    connectTimeoutMs: f.connectTimeoutMs,
    verifyTls: f.verifyTls,
    listeners: [...(catchAll ? [] : [{ event: '*', enabled: false }]), ...listeners]
  }),
  fileOnly: (s) => ({ emits: s.savedEmits })
}

export const websocketForm: FormCodec<'websocket'> = {
  fromSaved: (s, saved) => ({ ...s, form: { ...s.form, url: saved.url, headers: lines(saved.headers, ': '), protocols: saved.protocols.join(', ') } }),
  toRequest: ({ form: f }) => ({
    url: f.url.trim(),
    headers: parseLines(f.headers, ':'),
    protocols: f.protocols
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
  }),
  fileOnly: () => ({})
}

export const sseForm: FormCodec<'sse'> = {
  fromSaved: (s, saved) => ({
    ...s,
    form: { ...s.form, url: saved.url, method: saved.method, headers: lines(saved.headers, ': '), body: saved.body, withLastEventId: saved.withLastEventId }
  }),
  toRequest: ({ form: f }) => ({ url: f.url.trim(), method: f.method, headers: parseLines(f.headers, ':'), body: f.body, withLastEventId: f.withLastEventId }),
  fileOnly: () => ({})
}
