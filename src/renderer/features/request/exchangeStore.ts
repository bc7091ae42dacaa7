import { create } from 'zustand'
import type { AppError } from '../../../shared/errors'
import { ParleyError } from '../../../shared/errors'
import type { HttpProgress, HttpRequestInput, HttpResponse } from '../../../shared/http'
import type { Assertion, ConsoleEntry, Scripts, TestResult } from '../../../shared/scripts'
import type { SendContext } from '../../../shared/sendContext'
import { api } from '../../app/api'
import { useEnvironments } from '../environments/environmentsStore'
import { tr } from '../../i18n'

/** What the scripts and assertion rows of a send said: test results and the script console. */
export interface TestReport {
  tests: TestResult[]
  console: ConsoleEntry[]
}

/** The parts of a request that are run around the send, not sent. */
export interface SendExtras {
  scripts?: Scripts | undefined
  assertions?: Assertion[] | undefined
  name?: string | undefined
}

/** One send of a tab's request and what came of it: the response viewer renders exactly this. */
export type Exchange =
  | { state: 'sending'; requestId: string; startedAt: number; progress: HttpProgress | undefined }
  | { state: 'done'; requestId: string; startedAt: number; response: HttpResponse; report?: TestReport; reopened?: boolean }
  | { state: 'failed'; requestId: string; startedAt: number; error: AppError; report?: TestReport; sent?: { request: HttpRequestInput; context?: SendContext } }
  | { state: 'cancelled'; requestId: string; startedAt: number }
  /** Reopened from history, whose response is no longer kept: what is known of it. */
  | { state: 'expired'; requestId: string; startedAt: number; summary: string }

interface ExchangeState {
  /** The latest exchange per tab id. */
  byTab: Record<string, Exchange>
  /** With a context, core resolves the collection's variables and inherits its auth and headers. */
  send(tabId: string, request: HttpRequestInput, context?: SendContext, extras?: SendExtras): Promise<void>
  cancel(tabId: string): Promise<void>
  /** After Send refused files outside the collection: the user allows them; returns their paths. */
  allowFiles(tabId: string): Promise<string[]>
  /** Shows a response kept in response history as the tab's response (not a new send: history skips it). */
  reopen(tabId: string, response: HttpResponse): void
}

const newRequestId = (): string => crypto.randomUUID()

export const useExchanges = create<ExchangeState>((set, get) => ({
  byTab: {},
  async send(tabId, request, context, extras = {}) {
    const previous = get().byTab[tabId]
    if (previous?.state === 'sending') await get().cancel(tabId)
    if (previous?.state === 'done') releaseIfUnused(previous.response, tabId)
    const requestId = newRequestId()
    const startedAt = Date.now()
    const put = (exchange: Exchange): void => {
      // A newer send for the same tab wins; a late answer to an old one is dropped.
      const current = get().byTab[tabId]
      if (current?.requestId !== requestId) return
      // Cancelled while its scripts ran: what arrives after is not shown.
      if (current.state === 'cancelled') return
      set((s) => ({ byTab: { ...s.byTab, [tabId]: exchange } }))
    }
    set((s) => ({ byTab: { ...s.byTab, [tabId]: { state: 'sending', requestId, startedAt, progress: undefined } } }))
    try {
      // Every send runs the scripts and assertion rows of the request and of its folders and collection.
      const result = await api.call('http.run', { requestId, request, tabId, ...(context ? { context } : {}), ...definedExtras(extras) })
      const report = { tests: result.tests, console: result.console }
      // A script saved the environment: the picker and its editor must not show (and later save) old values.
      if (result.savedVariables.includes('environment')) void useEnvironments.getState().reload()
      if (result.response) put({ state: 'done', requestId, startedAt, response: result.response, report })
      else if (result.error?.code === 'cancelled') put({ state: 'cancelled', requestId, startedAt })
      else {
        const error = result.error ?? { code: 'internal_error', message: tr('request:exchangeStore.noResponseAndNo') }
        put({ state: 'failed', requestId, startedAt, error, report, sent: context ? { request, context } : { request } })
      }
    } catch (error) {
      const appError = error instanceof ParleyError ? error.toJSON() : { code: 'internal_error', message: String(error) }
      put(
        appError.code === 'cancelled'
          ? { state: 'cancelled', requestId, startedAt }
          : { state: 'failed', requestId, startedAt, error: appError, sent: context ? { request, context } : { request } }
      )
    }
  },
  reopen(tabId, response) {
    const previous = get().byTab[tabId]
    if (previous?.state === 'done') releaseIfUnused(previous.response, tabId)
    set((s) => ({ byTab: { ...s.byTab, [tabId]: { state: 'done', requestId: response.requestId, startedAt: Date.now(), response, reopened: true } } }))
  },
  async cancel(tabId) {
    const exchange = get().byTab[tabId]
    if (exchange?.state !== 'sending') return
    set((s) => ({ byTab: { ...s.byTab, [tabId]: { state: 'cancelled', requestId: exchange.requestId, startedAt: exchange.startedAt } } }))
    await api.call('http.cancel', { requestId: exchange.requestId }).catch(() => undefined)
  },
  async allowFiles(tabId) {
    const exchange = get().byTab[tabId]
    if (exchange?.state !== 'failed' || !exchange.sent) return []
    // Core works out which files were refused from the very request that was sent.
    return (await api.call('files.allow', exchange.sent)).allowed
  }
}))

/** Responses kept for something besides a tab (a history entry): their bodies must stay. */
const retained = new Set<HttpResponse>()

export function retainResponse(response: HttpResponse): void {
  retained.add(response)
}

/** No longer kept aside: discarded unless a tab still shows it. */
export function releaseResponse(response: HttpResponse): void {
  retained.delete(response)
  releaseIfUnused(response, undefined)
}

/** A response no tab (other than `leaving`) shows and nothing retains: its body file can go. */
function releaseIfUnused(response: HttpResponse, leaving: string | undefined): void {
  if (retained.has(response)) return
  const shown = Object.entries(useExchanges.getState().byTab).some(([tabId, e]) => tabId !== leaving && e.state === 'done' && e.response === response)
  if (!shown) discardBodies(response)
}

const discardListeners = new Set<(response: HttpResponse) => void>()
/** Told when a response's body files are deleted in core: whoever kept it aside must let go. */
export function onDiscard(listener: (response: HttpResponse) => void): void {
  discardListeners.add(listener)
}

function definedExtras(extras: SendExtras): SendExtras {
  return {
    ...(extras.scripts ? { scripts: extras.scripts } : {}),
    ...(extras.assertions?.length ? { assertions: extras.assertions } : {}),
    ...(extras.name ? { name: extras.name } : {})
  }
}

/** A replaced response's large body lives in a file in core: tell core it can go. */
function discardBodies(response: HttpResponse): void {
  for (const listener of discardListeners) listener(response)
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
