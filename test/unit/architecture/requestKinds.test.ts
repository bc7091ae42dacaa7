import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RequestKindSchema, SavedRequestSchema } from '../../../src/shared/collection'
import { realtimeKinds, requestKinds, SessionKindSchema, kinds, type RealtimeKind } from '../../../src/shared/requestKinds'
import { realtimeStepTypes, RealtimeRunInputSchema } from '../../../src/shared/realtimeSteps'
import { SessionOpenInputSchema } from '../../../src/shared/session'
import { createSession, engines, type SessionTarget } from '../../../src/core/realtime/createSession'
import { ManagerPool } from '../../../src/core/realtime/socketioClient'
import { RunRecorder } from '../../../src/core/runner/realtime/runRecorder'
import { emptyForm, fromSaved, kindViews, requestOf } from '../../../src/renderer/features/realtime/kindViews'
import type { TabSession } from '../../../src/renderer/features/realtime/sessionStore'

/**
 * One description per request kind: the shared table (src/shared/requestKinds.ts), core's engines
 * (src/core/realtime/createSession.ts) and the renderer's views (src/renderer/features/realtime/kindViews.ts)
 * cover the same kinds, and every kind has every part.
 */

const optionsOf = (schema: { options: readonly { shape: { kind: { value: string } } }[] }) => schema.options.map((o) => o.shape.kind.value)
const saved = kinds.filter((k) => requestKinds[k].saved)
const live = kinds.filter((k) => requestKinds[k].live)

/** A catalog key `ns:a.b` read from the JSON file of a language; undefined when missing. */
function message(lng: 'en' | 'es', key: string): unknown {
  const [ns, path] = key.split(':') as [string, string]
  const catalog = JSON.parse(readFileSync(join('src/renderer/i18n/locales', lng, `${ns}.json`), 'utf8')) as Record<string, unknown>
  return path.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], catalog)
}

/** A tab's session as the store makes it (sessionStore's newSession), without loading the store. */
const sessionOf = (kind: RealtimeKind): TabSession =>
  ({ kind, sessionId: 's', form: emptyForm(kind), listeners: [], catchAll: true, savedEmits: [], steps: [] }) as unknown as TabSession

describe('the request kinds table', () => {
  it('names every kind once: the enums and the written-out unions are its kinds', () => {
    expect(kinds).toEqual(['http', 'socketio', 'websocket', 'sse', 'graphql-ws'])
    expect(RequestKindSchema.options).toEqual(saved)
    expect(SessionKindSchema.options).toEqual(live)
    expect(realtimeKinds).toEqual(saved.filter((k) => live.includes(k)))
    expect([...new Set([...RequestKindSchema.options, ...SessionKindSchema.options])].sort()).toEqual(Object.keys(requestKinds).sort())
    expect(optionsOf(SavedRequestSchema)).toEqual(RequestKindSchema.options)
    expect(optionsOf(SessionOpenInputSchema)).toEqual(SessionKindSchema.options)
    expect(optionsOf(RealtimeRunInputSchema)).toEqual(realtimeKinds)
  })

  it.each(kinds)('%s has a schema, a name, a badge and its step types', (kind) => {
    const d = requestKinds[kind]
    expect(Object.keys(d).sort()).toEqual(['badge', 'live', 'name', 'request', 'saved', 'steps'])
    expect(d.request.shape).toHaveProperty('url')
    expect(d.name.trim()).not.toBe('')
    // A realtime tab shows its badge where an HTTP request shows its method.
    if (realtimeKinds.includes(kind as RealtimeKind)) expect(d.badge).toMatch(/^[A-Z]{2,4}$/)
    for (const type of d.steps) expect(realtimeStepTypes).toContain(type)
    // Steps run in a session: only saved live kinds have them, and they start with connect.
    expect(d.steps.length > 0).toBe(realtimeKinds.includes(kind as RealtimeKind))
    if (d.steps.length > 0) expect(d.steps[0]).toBe('connect')
  })

  it('core has an engine for every live kind and none for another; each makes a session of its kind', async () => {
    expect(Object.keys(engines).sort()).toEqual([...live].sort())
    const requests: { [K in keyof typeof engines]: unknown } = {
      socketio: { url: 'http://127.0.0.1:9' },
      websocket: { url: 'ws://127.0.0.1:9' },
      sse: { url: 'http://127.0.0.1:9/events' },
      'graphql-ws': { url: 'ws://127.0.0.1:9/graphql', query: 'subscription { x }' }
    }
    for (const kind of live) {
      const request = requestKinds[kind].request.parse(requests[kind as keyof typeof requests])
      const session = createSession({ kind, request } as SessionTarget, new RunRecorder('test'), new ManagerPool())
      expect(session.kind).toBe(kind)
      expect(session.url).toBe(request['url'])
      await session.close()
    }
  })

  it.each(kinds)('%s has a renderer view with every part, its labels in both catalogs', (kind) => {
    const view = kindViews[kind]
    expect(Object.keys(view).sort()).toEqual(['defaultForm', 'newMenuLabel', 'paletteLabel', 'tab'])
    for (const key of [view.newMenuLabel, view.paletteLabel]) {
      if (key === null) continue
      expect(message('en', key), key).toEqual(expect.any(String))
      expect(message('es', key), key).toEqual(expect.any(String))
    }
    expect(view.defaultForm === null).toBe(!requestKinds[kind].live)
    expect(view.tab === null).toBe(!realtimeKinds.includes(kind as RealtimeKind))
    if (view.tab) {
      expect(view.tab.placeholder).not.toBe('')
      expect(view.tab.sides).toEqual(expect.arrayContaining(['steps', 'settings']))
      expect(message('en', view.tab.composeLabel)).toEqual(expect.any(String))
      expect(Object.keys(view.tab.form).sort()).toEqual(['fileOnly', 'fromSaved', 'toRequest'])
    }
  })

  it('menus list the kinds in their order: New request, Socket.IO, WebSocket, SSE', () => {
    expect(kinds.filter((k) => kindViews[k].newMenuLabel)).toEqual(['socketio', 'websocket', 'sse'])
    expect(kinds.filter((k) => kindViews[k].paletteLabel).map((k) => message('en', kindViews[k].paletteLabel!))).toEqual([
      'New request',
      'New Socket.IO session',
      'New WebSocket session',
      'New SSE stream'
    ])
  })

  it.each(realtimeKinds)('%s: a new form is the schema defaults, and a saved request survives form and back', (kind) => {
    const blank = SavedRequestSchema.parse({ kind, name: 'n', url: '' })
    expect(fromSaved(sessionOf(kind), blank).form).toEqual(emptyForm(kind))
    const file = SavedRequestSchema.parse({
      kind,
      name: 'n',
      url: 'ws://127.0.0.1:9/x',
      headers: [{ name: 'X-A', value: '1' }],
      ...(kind === 'socketio'
        ? {
            namespace: '/admin',
            path: '/io',
            auth: '{"t":1}',
            transports: 'polling-then-upgrade',
            query: [{ name: 'q', value: '2' }],
            listeners: [{ event: 'tick' }]
          }
        : {}),
      ...(kind === 'websocket' ? { protocols: ['chat', 'v2'] } : {}),
      ...(kind === 'sse' ? { method: 'POST', body: 'hi', withLastEventId: false } : {})
    })
    const session = fromSaved(sessionOf(kind), file)
    const request = requestKinds[kind].request.parse(requestOf({ ...session, kind }))
    const expected = requestKinds[kind].request.parse(file)
    // Saved messages and emits are not part of the connection form.
    expect({ ...request, ...('emits' in request ? { emits: [] } : {}) }).toEqual({
      ...expected,
      ...('emits' in expected ? { emits: [] } : {}),
      ...('savedMessages' in expected ? { savedMessages: [] } : {})
    })
  })
})
