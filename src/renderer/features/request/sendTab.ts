import { isSubscription, subscriptionActions } from '../graphql/subscription'
import { create } from 'zustand'
import type { HttpBody } from '../../../shared/http'
import { sendContextOf } from '../environments/sendContext'
import { useTabs } from '../tabs/tabsStore'
import { toRequest } from './draft'
import { useExchanges } from './exchangeStore'

/** A send held back to ask first: the JSON body does not parse. */
export const useSendCheck = create<{ pending: { tabId: string; problem: string } | undefined }>(() => ({ pending: undefined }))

/**
 * What is wrong with a JSON body, or undefined. `{{variables}}` are stood in for by a number,
 * since `{"id": {{id}}}` is valid once resolved.
 */
export function jsonBodyProblem(body: HttpBody): string | undefined {
  if (body.type !== 'json' || body.text.trim() === '') return undefined
  try {
    JSON.parse(body.text.replace(/\{\{[^{}]*\}\}/g, '0'))
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Sends an HTTP tab's request (Send, Ctrl/Cmd+Enter); a body that is not valid JSON asks first unless `force`. */
export function sendTab(tabId: string, force = false): void {
  const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
  if (!tab || tab.kind !== 'http' || tab.draft.url.trim() === '') return
  // A GraphQL subscription goes over WebSocket as a live session (src/renderer/features/graphql).
  if (isSubscription(tab.draft.body)) {
    void subscriptionActions.subscribe(tabId)
    return
  }
  const problem = force ? undefined : jsonBodyProblem(tab.draft.body)
  if (problem) {
    useSendCheck.setState({ pending: { tabId, problem } })
    return
  }
  // Scripts and assertion rows run around every send; the name is pm.info.requestName.
  const { scripts, assertions } = tab.draft
  void useExchanges.getState().send(tabId, toRequest(tab.draft), sendContextOf(tab), { scripts, assertions, name: tab.title })
}
