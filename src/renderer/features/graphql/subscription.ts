import type { HttpBody } from '../../../shared/http'
import { api } from '../../app/api'
import { sendContextOf } from '../environments/sendContext'
import { bufferOf, isLive, listenForSessions, tabIdBySession, useRealtime } from '../realtime/sessionStore'
import { useTabs } from '../tabs/tabsStore'
import { operationKind } from './operation'

/** Whether the tab's GraphQL body will run a subscription (Send then subscribes over WebSocket). */
export function isSubscription(body: HttpBody): boolean {
  return body.type === 'graphql' && operationKind(body.query, body.operationName) === 'subscription'
}

const sessionIdOf = (tabId: string): string => `gql-${tabId.replace(/[^A-Za-z0-9_.-]/g, '_')}`.slice(0, 128)

/**
 * A subscription is a mode of the GraphQL request, not a request kind of its own: Send opens a
 * graphql-ws session with the request's URL, headers and auth, and the tab shows its live log
 * (the realtime session store keyed by this tab) in place of the response.
 */
export const subscriptionActions = {
  async subscribe(tabId: string): Promise<void> {
    const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
    if (!tab || tab.draft.body.type !== 'graphql') return
    listenForSessions()
    const store = useRealtime.getState()
    store.ensure(tabId, 'graphql-ws', (fresh) => ({ ...fresh, sessionId: sessionIdOf(tabId) }))
    const sessionId = useRealtime.getState().sessions[tabId]!.sessionId
    tabIdBySession.set(sessionId, tabId)
    const current = useRealtime.getState().sessions[tabId]
    if (current?.status && current.status.state !== 'closed') await api.call('session.close', { sessionId }).catch(() => undefined)
    bufferOf(tabId).clear()
    store.update(tabId, (s) => ({
      error: undefined,
      errorCode: undefined,
      version: s.version + 1,
      status: { sessionId, state: 'connecting', detail: 'connecting…' }
    }))
    const { draft } = tab
    const body = draft.body as Extract<HttpBody, { type: 'graphql' }>
    const context = sendContextOf(tab)
    try {
      await api.call('session.open', {
        sessionId,
        kind: 'graphql-ws',
        request: {
          url: draft.url.trim(),
          headers: draft.headers,
          auth: draft.auth,
          query: body.query,
          variables: body.variables,
          ...(body.operationName ? { operationName: body.operationName } : {})
        },
        ...(context ? { context } : {})
      })
    } catch (error) {
      const e = error as { message?: string; hint?: string; code?: string }
      useRealtime
        .getState()
        .update(tabId, () => ({ status: undefined, error: `${e.message ?? String(error)}${e.hint ? ` ${e.hint}` : ''}`, errorCode: e.code }))
    }
  },
  async unsubscribe(tabId: string): Promise<void> {
    const session = useRealtime.getState().sessions[tabId]
    if (!session || !isLive(session.status)) return
    await api.call('session.close', { sessionId: session.sessionId }).catch(() => undefined)
  }
}
