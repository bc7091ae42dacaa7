import { create } from 'zustand'
import type { AppError } from '../../../shared/errors'
import { ParleyError } from '../../../shared/errors'
import type { HttpProgress, HttpRequestInput, HttpResponse } from '../../../shared/http'
import type { SendContext } from '../../../shared/sendContext'
import { api } from '../../app/api'

/** One send of a tab's request and what came of it: the response viewer renders exactly this. */
export type Exchange =
  | { state: 'sending'; requestId: string; startedAt: number; progress: HttpProgress | undefined }
  | { state: 'done'; requestId: string; startedAt: number; response: HttpResponse; reopened?: boolean }
  | { state: 'failed'; requestId: string; startedAt: number; error: AppError }
  | { state: 'cancelled'; requestId: string; startedAt: number }

interface ExchangeState {
  /** The latest exchange per tab id. */
  byTab: Record<string, Exchange>
  /** With a context, core resolves the collection's variables and inherits its auth and headers. */
  send(tabId: string, request: HttpRequestInput, context?: SendContext): Promise<void>
  cancel(tabId: string): Promise<void>
  /** Shows a response kept in response history as the tab's response (not a new send: history skips it). */
  reopen(tabId: string, response: HttpResponse): void
}

const newRequestId = (): string => crypto.randomUUID()

export const useExchanges = create<ExchangeState>((set, get) => ({
  byTab: {},
  async send(tabId, request, context) {
    const previous = get().byTab[tabId]
    if (previous?.state === 'sending') await get().cancel(tabId)
    if (previous?.state === 'done') discardBodies(previous.response)
    const requestId = newRequestId()
    const startedAt = Date.now()
    const put = (exchange: Exchange): void => {
      // A newer send for the same tab wins; a late answer to an old one is dropped.
      if (get().byTab[tabId]?.requestId !== requestId) return
      set((s) => ({ byTab: { ...s.byTab, [tabId]: exchange } }))
    }
    set((s) => ({ byTab: { ...s.byTab, [tabId]: { state: 'sending', requestId, startedAt, progress: undefined } } }))
    try {
      const response = await api.call('http.send', context ? { requestId, request, context, tabId } : { requestId, request, tabId })
      put({ state: 'done', requestId, startedAt, response })
    } catch (error) {
      const appError = error instanceof ParleyError ? error.toJSON() : { code: 'internal_error', message: String(error) }
      put(appError.code === 'cancelled' ? { state: 'cancelled', requestId, startedAt } : { state: 'failed', requestId, startedAt, error: appError })
    }
  },
  reopen(tabId, response) {
    const previous = get().byTab[tabId]
    if (previous?.state === 'done') discardBodies(previous.response)
    set((s) => ({ byTab: { ...s.byTab, [tabId]: { state: 'done', requestId: response.requestId, startedAt: Date.now(), response, reopened: true } } }))
  },
  async cancel(tabId) {
    const exchange = get().byTab[tabId]
    if (exchange?.state !== 'sending') return
    set((s) => ({ byTab: { ...s.byTab, [tabId]: { state: 'cancelled', requestId: exchange.requestId, startedAt: exchange.startedAt } } }))
    await api.call('http.cancel', { requestId: exchange.requestId }).catch(() => undefined)
  }
}))

/** A replaced response's large body lives in a file in core: tell core it can go. */
function discardBodies(response: HttpResponse): void {
  const ids = [response.body.kind === 'file' ? response.body.bodyId : null, response.body.rawBodyId].filter((id): id is string => id !== null)
  for (const bodyId of ids) void api.call('http.discardBody', { bodyId }).catch(() => undefined)
}

/** Feeds `http.progress` events into the exchange they belong to. */
export function listenForProgress(): () => void {
  return api.on('http.progress', (progress) => {
    const { byTab } = useExchanges.getState()
    for (const [tabId, exchange] of Object.entries(byTab)) {
      if (exchange.state === 'sending' && exchange.requestId === progress.requestId) {
        useExchanges.setState({ byTab: { ...byTab, [tabId]: { ...exchange, progress } } })
      }
    }
  })
}
