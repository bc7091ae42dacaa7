import { api } from '../../app/api'
import { errorText, useCollections } from '../collections/collectionsStore'
import { requestOfTab } from '../collections/savingStore'
import { useExchanges, type Exchange } from '../request/exchangeStore'
import { useTabs } from '../tabs/tabsStore'
import { keepResponse } from './historyResponses'
import { tr } from '../../i18n'
import { errorParts } from '../../i18n/errors'

/** Exchanges already in history (or shown from it): each is recorded once. */
const recorded = new Set<string>()
export const markRecorded = (requestId: string): void => void recorded.add(requestId)

/**
 * Records every finished HTTP send in history (as composed, variables unresolved, so no secret
 * value is stored). Listens to the exchange store instead of changing the send path.
 */
export function recordHistory(): () => void {
  // Told once until history works again: a full disk must not bring a toast per send.
  let failing = false
  return useExchanges.subscribe((state) => {
    for (const [tabId, exchange] of Object.entries(state.byTab)) {
      if (exchange.state !== 'done' && exchange.state !== 'failed') continue
      if (recorded.has(exchange.requestId)) continue
      // A response reopened from response history was recorded when it was sent.
      if (exchange.state === 'done' && exchange.reopened) continue
      recorded.add(exchange.requestId)
      const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
      if (!tab || tab.kind !== 'http') continue
      api
        .call('history.add', {
          request: requestOfTab(tab),
          ...(tab.source ? { collectionId: tab.source.collectionId, path: tab.source.path } : {}),
          response: summary(exchange)
        })
        .then(
          (entry) => {
            failing = false
            if (exchange.state === 'done') keepResponse(entry.id, exchange.response)
          },
          (error: unknown) => {
            if (failing) return
            failing = true
            useCollections
              .getState()
              .toast({ text: tr('history:historyRecorder.historyCouldNotBe', { value: errorText(error) }), tone: 'error', durationMs: 15_000 })
          }
        )
    }
  })
}

function summary(exchange: Extract<Exchange, { state: 'done' | 'failed' }>) {
  if (exchange.state === 'failed') return { timeMs: Math.max(0, Date.now() - exchange.startedAt), sizeBytes: 0, error: errorParts(exchange.error).message }
  const { response } = exchange
  return { status: response.status, timeMs: response.timings.total, sizeBytes: response.sizes.bodyDecoded }
}
