import type { SavedRequest } from '../../../shared/collection'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { i18n } from '../../i18n'
import { useCollections } from '../collections/collectionsStore'
import { usePlayground } from '../playground/playgroundStore'
import { withUrl } from '../request/draft'
import { sendTab } from '../request/sendTab'
import { isLive, sessionActions, useRealtime } from '../realtime/sessionStore'
import { fromSaved } from '../realtime/kindViews'
import { openSideBySide } from '../realtime/sideBySide'
import { useTabs } from '../tabs/tabsStore'
import type { LearnAction, LearnHttp } from './learnSteps'

/** The running playground and its sample collection; started first if it is not running. */
async function playground(): Promise<{ url: string; collectionId: string | null }> {
  const store = usePlayground.getState()
  if (store.status.state !== 'running') await store.start()
  const { status, error } = usePlayground.getState()
  if (status.state !== 'running' || !status.url) {
    throw (
      error ??
      (status.error
        ? new ParleyError('playground_failed', status.error)
        : new ParleyError('learn_playground_not_started', 'The playground did not start.', 'Start it from the status bar and try again.'))
    )
  }
  return { url: status.url, collectionId: status.collectionId }
}

/** Opens a request of the sample collection in a tab (or brings its tab to the front); undefined if the learner removed it. */
async function openSample(collectionId: string | null, file: string): Promise<{ id: string; request: SavedRequest } | undefined> {
  if (!collectionId) return undefined
  const read = await api.call('request.read', { collectionId, path: file }).catch(() => undefined)
  if (!read) return undefined
  const id = useTabs.getState().openSaved({ collectionId, path: read.path, hash: read.hash }, read.request)
  useCollections.getState().reveal(collectionId, read.path)
  return { id, request: read.request }
}

/** A new tab holding the step's request with the playground's real address, so it runs whatever collection is picked. */
function openDraft(url: string, http: LearnHttp): string {
  const id = useTabs.getState().open()
  useTabs.getState().updateDraft(id, (draft) => ({
    ...withUrl(draft, url + http.path),
    method: http.method,
    headers: http.headers.map((h) => ({ ...h, enabled: true })),
    body: http.body ? { type: 'json', text: http.body } : { type: 'none' }
  }))
  return id
}

/**
 * In Spanish, the step's request asks the playground for Spanish (`Accept-Language: es`), in the open: the
 * header shows in the request's Headers, and the answer's texts (errors, hints) come back in Spanish.
 */
function askInLearnersLanguage(tabId: string): void {
  if (!i18n.language.toLowerCase().startsWith('es')) return
  useTabs
    .getState()
    .updateDraft(tabId, (draft) =>
      draft.headers.some((h) => h.enabled && h.name.toLowerCase() === 'accept-language')
        ? draft
        : { ...draft, headers: [...draft.headers, { name: 'Accept-Language', value: 'es', enabled: true }] }
    )
}

/** A realtime request of the sample collection, open in a tab with its session state ready; connected unless it is already. */
async function openSession(collectionId: string | null, file: string): Promise<string> {
  const opened = await openSample(collectionId, file)
  if (!opened || opened.request.kind === 'http') {
    throw new ParleyError(
      'learn_missing_request',
      `The sample collection has no ${file} any more.`,
      'Stop the playground, delete its collection folder from the data directory, and start it again.'
    )
  }
  const { id, request } = opened
  useRealtime.getState().ensure(id, request.kind, (fresh) => fromSaved(fresh, request))
  if (!isLive(useRealtime.getState().sessions[id]?.status)) await sessionActions.connect(id)
  return id
}

/** Resolves once every tab's session is connected; fails with the session's own error, or when one ends. */
function connected(tabIds: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const sessions = tabIds.map((id) => useRealtime.getState().sessions[id])
      const failed = sessions.find((s) => s && (s.error || s.status?.state === 'error' || s.status?.state === 'closed'))
      if (failed) {
        reject(new ParleyError('learn_not_connected', failed.error ?? failed.status?.detail ?? ''))
        return true
      }
      if (sessions.every((s) => s?.status?.state === 'connected')) {
        resolve()
        return true
      }
      return false
    }
    if (check()) return
    const stop = useRealtime.subscribe(() => {
      if (check()) stop()
    })
  })
}

function chatSend(tabId: string, text: string): Promise<void> {
  return sessionActions.emit(tabId, { event: 'chat:send', args: [{ type: 'text', value: text }], ack: true, ackTimeoutMs: 5000 })
}

/** Does what a step's button says, in the playground; `message` is the chat text in the learner's language. */
export async function runLearnAction(action: LearnAction, message: string): Promise<void> {
  const { url, collectionId } = await playground()
  if (action.kind === 'http') {
    const opened = action.file ? await openSample(collectionId, action.file) : undefined
    const tabId = opened?.id ?? openDraft(url, action.http)
    askInLearnersLanguage(tabId)
    sendTab(tabId, true)
    return
  }
  if (action.kind === 'listen') {
    await openSession(collectionId, action.file)
    return
  }
  const left = await openSession(collectionId, action.file)
  if (action.kind === 'ack') {
    await connected([left])
    await chatSend(left, message)
    return
  }
  // Broadcast: the Chat request twice, side by side; pressing again reuses the pair on screen.
  const split = useTabs.getState().split
  const partner = split?.[0] === left ? split[1] : split?.[1] === left ? split[0] : undefined
  const right = openSideBySide(left, partner)
  if (!right) return
  if (!isLive(useRealtime.getState().sessions[right]?.status)) await sessionActions.connect(right)
  await connected([left, right])
  await chatSend(left, message)
}
