import { create } from 'zustand'
import type { SavedRequestInput } from '../../../shared/collection'
import type { CallInput } from '../../../shared/contract'
import type { ParleyError } from '../../../shared/errors'
import type { EmitArg, SocketIoEmit, SocketIoRequest } from '../../../shared/realtime'
import { isRealtimeKind, type RealtimeKind } from '../../../shared/requestKinds'
import type { RealtimeRunOutput, RealtimeStep } from '../../../shared/realtimeSteps'
import { messagesOfLines, type Message, type SessionKind, type SessionStatus } from '../../../shared/session'
import type { SendContext } from '../../../shared/sendContext'
import { api } from '../../app/api'
import { callOrReport } from '../../app/callOrReport'
import { sendContextOf } from '../environments/sendContext'
import { useTabs } from '../tabs/tabsStore'
import { MessageBuffer } from './messageBuffer'
import { emptyForm, requestOf, viewOf } from './kindViews'
import { tr } from '../../i18n'
import { errorText } from '../../i18n/errors'

export type Direction = Message['direction']

/** The connection form as the user edits it: text fields stay text until Connect. */
export interface ConnectionForm {
  url: string
  // Socket.IO
  namespace: string
  path: string
  auth: string
  query: string
  transports: SocketIoRequest['transports']
  clientVersion: SocketIoRequest['clientVersion']
  reconnection: boolean
  reconnectionAttempts: number
  reconnectionDelayMs: number
  connectTimeoutMs: number
  verifyTls: boolean
  // all
  headers: string
  // WebSocket
  protocols: string
  // SSE
  method: string
  body: string
  withLastEventId: boolean
}

export interface LogFilter {
  text: string
  regex: boolean
  event: string
  direction: 'all' | Direction
}

export interface ComposerState {
  event: string
  args: EmitArg[]
  ack: boolean
  ackTimeoutMs: number
  /** WebSocket frame. */
  wsType: 'text' | 'json' | 'binary-base64'
  wsValue: string
  closeCode: string
  closeReason: string
}

export interface TabSession {
  kind: SessionKind
  /** The session's id in core: the tab's id at first, kept across a reload so the tab reattaches. */
  sessionId: string
  form: ConnectionForm
  status: SessionStatus | undefined
  /** Connect/emit errors a user should read, as `{ code, message, hint }` text. */
  error: string | undefined
  /** The code of that error (`variable_missing` offers the environments). */
  errorCode?: string | undefined
  listeners: { event: string; enabled: boolean }[]
  catchAll: boolean
  composer: ComposerState
  savedEmits: SocketIoEmit[]
  filter: LogFilter
  paused: boolean
  follow: boolean
  view: 'log' | 'timeline'
  stats: { in: number; out: number; ratePerSecond: number }
  /** Bumped whenever the buffer changes, so components re-read it. */
  version: number
  /** The request's steps (Steps tab), saved with it. */
  steps: RealtimeStep[]
  /** The last "Run steps": running, then its result (or why it could not run). */
  stepRun?: { running: boolean; result?: RealtimeRunOutput; error?: string }
}

const newSession = (kind: SessionKind, sessionId: string): TabSession => ({
  kind,
  sessionId,
  form: emptyForm(kind),
  status: undefined,
  error: undefined,
  listeners: [],
  catchAll: true,
  composer: { event: '', args: [], ack: false, ackTimeoutMs: 5000, wsType: 'text', wsValue: '', closeCode: '1000', closeReason: '' },
  savedEmits: [],
  filter: { text: '', regex: false, event: '', direction: 'all' },
  paused: false,
  follow: true,
  view: 'log',
  stats: { in: 0, out: 0, ratePerSecond: 0 },
  version: 0,
  steps: []
})

/** Message buffers live outside zustand: 100,000 messages must not be copied on every batch. */
const buffers = new Map<string, MessageBuffer>()
export function bufferOf(tabId: string): MessageBuffer {
  let buffer = buffers.get(tabId)
  if (!buffer) buffers.set(tabId, (buffer = new MessageBuffer()))
  return buffer
}

interface RealtimeState {
  sessions: Record<string, TabSession>
  ensure(tabId: string, kind: SessionKind, init?: (s: TabSession) => TabSession): void
  update(tabId: string, patch: (s: TabSession) => Partial<TabSession>): void
}

/** Every realtime tab's state, keyed by tab id (which is also its core session id). */
export const useRealtime = create<RealtimeState>((set, get) => ({
  sessions: {},
  ensure(tabId, kind, init) {
    if (get().sessions[tabId]) return
    const fresh = newSession(kind, sessionIdOf(tabId))
    set((s) => ({ sessions: { ...s.sessions, [tabId]: init ? init(fresh) : fresh } }))
  },
  update(tabId, patch) {
    set((s) => {
      const current = s.sessions[tabId]
      if (!current) return s
      return { sessions: { ...s.sessions, [tabId]: { ...current, ...patch(current) } } }
    })
  }
}))

function sessionIdOf(tabId: string): string {
  return useRealtime.getState().sessions[tabId]?.sessionId ?? tabId.replace(/[^A-Za-z0-9_.-]/g, '_')
}
/** Which tab shows each session; events for a session no tab claims are dropped. */
export const tabIdBySession = new Map<string, string>()

let listening = false
/** Subscribes once to the session events, whichever tab is in front: a background tab keeps receiving. */
export function listenForSessions(): void {
  if (listening) return
  listening = true
  const bump = (tabId: string) => useRealtime.getState().update(tabId, (s) => ({ version: s.version + 1 }))
  // Batches arrive every ~50 ms; re-rendering once per animation frame is plenty.
  const dirty = new Set<string>()
  let scheduled = false
  const schedule = (tabId: string) => {
    dirty.add(tabId)
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      for (const id of dirty) bump(id)
      dirty.clear()
    })
  }
  api.on('session.messages', ({ sessionId, lines }) => {
    const tabId = tabIdBySession.get(sessionId)
    if (!tabId) return
    bufferOf(tabId).add(messagesOfLines(lines))
    schedule(tabId)
  })
  api.on('session.status', (status) => {
    const tabId = tabIdBySession.get(status.sessionId)
    if (tabId) useRealtime.getState().update(tabId, () => ({ status }))
  })
  api.on('session.stats', ({ sessionId, ...stats }) => {
    const tabId = tabIdBySession.get(sessionId)
    if (tabId) useRealtime.getState().update(tabId, () => ({ stats }))
  })
  // Closing a tab ends its session; the log stays on disk.
  useTabs.subscribe((state) => {
    const open = new Set(state.tabs.map((t) => t.id))
    for (const [tabId, session] of Object.entries(useRealtime.getState().sessions)) {
      if (!open.has(tabId) && isLive(session.status)) void sessionActions.disconnect(tabId)
    }
  })
}

/** The tab's kind and its form as that kind's request; none for a GraphQL subscription's session (its request opens it). */
function requestOfTab(s: TabSession): { kind: RealtimeKind; request: ReturnType<typeof requestOf> } | undefined {
  return isRealtimeKind(s.kind) ? { kind: s.kind, request: requestOf({ ...s, kind: s.kind }) } : undefined
}

/** Core resolves a tab's `{{variables}}` there, on connect and for every emit. */
function contextOf(tabId: string): SendContext | undefined {
  const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
  // A copy opened side by side resolves in the collection of the request it was copied from.
  return tab ? sendContextOf(tab.source || !tab.context ? tab : { source: tab.context }) : undefined
}

/** The tab's session as a request file: its connection form, listeners and saved emits. */
export function savedRequestOf(tabId: string, name: string, description: string): SavedRequestInput | undefined {
  const s = useRealtime.getState().sessions[tabId]
  if (!s) return undefined
  const live = requestOfTab(s)
  if (!live) return undefined
  const { kind, request } = live
  // requestOf always fills url; its Partial type only reflects what session.open accepts.
  const steps = s.steps.length > 0 ? { steps: s.steps } : {}
  return { kind, name, description, ...request, url: request.url ?? '', ...viewOf(kind).form.fileOnly(s), ...steps } as SavedRequestInput
}

/** What the tab shows for a failed call: the readable text and its code. */
const failure = (error: ParleyError): Pick<TabSession, 'error' | 'errorCode'> => ({ error: errorText(error), errorCode: error.code })
/** Shows a failed call in the tab. */
const reportIn =
  (tabId: string) =>
  (error: ParleyError): void =>
    useRealtime.getState().update(tabId, () => failure(error))

/** The actions of one tab's session; every one reaches core through the contract. */
export const sessionActions = {
  async connect(tabId: string): Promise<void> {
    listenForSessions()
    const s = useRealtime.getState().sessions[tabId]
    if (!s) return
    const sessionId = sessionIdOf(tabId)
    tabIdBySession.set(sessionId, tabId)
    // A session that ended in an error is still known to core: close it so this one can take its id.
    if (s.status && s.status.state !== 'closed') await api.call('session.close', { sessionId }).catch(() => undefined)
    useRealtime
      .getState()
      .update(tabId, () => ({ error: undefined, status: { sessionId, state: 'connecting', detail: tr('realtime:sessionStore.connecting') } }))
    const live = requestOfTab(s)
    if (!live) return
    const { kind, request } = live
    const context = contextOf(tabId)
    await callOrReport((error) => useRealtime.getState().update(tabId, () => ({ ...failure(error), status: undefined })), 'session.open', {
      sessionId,
      kind,
      request,
      ...(context ? { context } : {})
    } as CallInput<'session.open'>)
  },
  async disconnect(tabId: string, close?: { code?: number; reason?: string }): Promise<void> {
    await callOrReport(reportIn(tabId), 'session.close', { sessionId: sessionIdOf(tabId), ...close })
  },
  async emit(tabId: string, emit: { event: string; args: EmitArg[]; ack: boolean; ackTimeoutMs: number }): Promise<void> {
    useRealtime.getState().update(tabId, () => ({ error: undefined }))
    await callOrReport(reportIn(tabId), 'session.emit', { sessionId: sessionIdOf(tabId), ...emit })
  },
  async send(tabId: string, type: ComposerState['wsType'], value: string): Promise<void> {
    useRealtime.getState().update(tabId, () => ({ error: undefined }))
    await callOrReport(reportIn(tabId), 'session.send', { sessionId: sessionIdOf(tabId), type, value })
  },
  async ping(tabId: string): Promise<void> {
    await callOrReport(reportIn(tabId), 'session.ping', { sessionId: sessionIdOf(tabId) })
  },
  async setListener(tabId: string, event: string, enabled: boolean): Promise<void> {
    const s = useRealtime.getState().sessions[tabId]
    useRealtime.getState().update(tabId, (cur) =>
      event === '*'
        ? { catchAll: enabled }
        : {
            listeners: cur.listeners.some((l) => l.event === event)
              ? cur.listeners.map((l) => (l.event === event ? { ...l, enabled } : l))
              : [...cur.listeners, { event, enabled }]
          }
    )
    if (!s?.status || s.status.state === 'closed') return
    try {
      await api.call('session.setListener', { sessionId: sessionIdOf(tabId), event, enabled })
    } catch {
      /* not open any more: the switch applies on the next connect */
    }
  },
  /** Runs the tab's steps in a session of their own (not the tab's): each expectation comes back as a test. */
  async runSteps(tabId: string): Promise<void> {
    const s = useRealtime.getState().sessions[tabId]
    if (!s || s.stepRun?.running) return
    useRealtime.getState().update(tabId, () => ({ stepRun: { running: true } }))
    try {
      const { kind, request } = requestOfTab(s)!
      const context = contextOf(tabId)
      const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
      const result = await api.call('session.runSteps', {
        kind,
        request,
        steps: s.steps,
        requestId: `steps-${sessionIdOf(tabId)}`,
        ...(tab ? { name: tab.title } : {}),
        ...(context ? { context } : {})
      } as Parameters<typeof api.call<'session.runSteps'>>[1])
      useRealtime.getState().update(tabId, () => ({ stepRun: { running: false, result } }))
    } catch (error) {
      useRealtime.getState().update(tabId, () => ({ stepRun: { running: false, error: errorText(error) } }))
    }
  },
  cancelSteps(tabId: string): void {
    void api.call('session.cancelSteps', { requestId: `steps-${sessionIdOf(tabId)}` }).catch(() => undefined)
  },
  /** Every message of the session as NDJSON, read back from core's log (memory or file). */
  async exportNdjson(tabId: string): Promise<string> {
    const sessionId = sessionIdOf(tabId)
    const lines: string[] = []
    let from = 1
    for (;;) {
      const page = await api.call('session.messages', { sessionId, fromSeq: from, limit: 5000 })
      for (const m of page.messages) lines.push(JSON.stringify(m))
      const last = page.messages.at(-1)?.seq
      if (!last || last >= page.lastSeq) break
      from = last + 1
    }
    return lines.join('\n') + (lines.length ? '\n' : '')
  },
  /**
   * Ctrl/Cmd+Enter in a realtime tab: connect when not connected; once connected, emit (Socket.IO)
   * or send (WebSocket) what the composer holds.
   */
  submit(tabId: string): void {
    const s = useRealtime.getState().sessions[tabId]
    if (!s) return
    if (!isLive(s.status)) {
      if (s.form.url.trim()) void sessionActions.connect(tabId)
      return
    }
    if (s.status?.state !== 'connected') return
    const c = s.composer
    if (s.kind === 'socketio' && c.event.trim())
      void sessionActions.emit(tabId, { event: c.event.trim(), args: c.args, ack: c.ack, ackTimeoutMs: c.ackTimeoutMs })
    else if (s.kind === 'websocket') void sessionActions.send(tabId, c.wsType, c.wsValue)
  },
  /** Esc: a connection attempt under way is given up. */
  cancelConnect(tabId: string): boolean {
    const state = useRealtime.getState().sessions[tabId]?.status?.state
    if (state !== 'connecting' && state !== 'reconnecting') return false
    void sessionActions.disconnect(tabId)
    return true
  },
  clear(tabId: string): void {
    bufferOf(tabId).clear()
    useRealtime.getState().update(tabId, (s) => ({ version: s.version + 1 }))
  }
}

/** Whether the session is under way in core (the button then reads Disconnect). */
export const isLive = (status: SessionStatus | undefined): boolean =>
  !!status && (status.state === 'connecting' || status.state === 'connected' || status.state === 'reconnecting')
