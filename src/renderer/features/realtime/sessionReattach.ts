import type { SavedRequest } from '../../../shared/collection'
import type { Message, SessionKind } from '../../../shared/session'
import { api } from '../../app/api'
import { fromSaved } from './kindViews'
import { bufferOf, listenForSessions, tabIdBySession, useRealtime, type TabSession } from './sessionStore'

/** A restored realtime tab and the core session it showed before the window reloaded. */
export interface SessionClaim {
  tabId: string
  kind: SessionKind
  sessionId: string
  /** The tab's connection form as it was, when the workspace kept it. */
  form?: SavedRequest
}

/**
 * After a reload (or a renderer crash) core still runs the sessions the old page opened. Each
 * restored tab takes its session back by id: its whole log, its status and counters, then the live
 * events. A session no tab claims has nobody to show it and is closed, as closing its tab would have.
 */
export async function reattachSessions(claims: readonly SessionClaim[]): Promise<void> {
  listenForSessions()
  for (const claim of claims) claimSession(claim)
  let sessions
  try {
    ;({ sessions } = await api.call('session.list'))
  } catch {
    return
  }
  const claimed = new Map(claims.map((c) => [c.sessionId, c]))
  for (const summary of sessions) {
    const claim = claimed.get(summary.sessionId)
    if (!claim) {
      if (summary.state !== 'closed') void api.call('session.close', { sessionId: summary.sessionId }).catch(() => undefined)
      continue
    }
    if (claim.kind !== summary.kind) continue
    // Listen first, then read the log: nothing that arrives meanwhile is lost, and seq dedupes the overlap.
    tabIdBySession.set(summary.sessionId, claim.tabId)
    useRealtime.getState().update(claim.tabId, (s) => ({ status: summary.status ?? s.status, stats: { in: summary.in, out: summary.out, ratePerSecond: 0 } }))
    await reloadLog(claim.tabId, summary.sessionId)
  }
}

/** Gives a restored tab its old session id and form, whether or not its pane has mounted yet. */
export function claimSession(claim: SessionClaim): void {
  const store = useRealtime.getState()
  const apply = (s: TabSession): TabSession => ({ ...fromSaved(s, claim.form), sessionId: claim.sessionId })
  if (store.sessions[claim.tabId]) store.update(claim.tabId, apply)
  else store.ensure(claim.tabId, claim.kind, apply)
}

async function reloadLog(tabId: string, sessionId: string): Promise<void> {
  const history: Message[] = []
  let from = 1
  for (;;) {
    const page = await api.call('session.messages', { sessionId, fromSeq: from, limit: 5000 }).catch(() => undefined)
    if (!page) break
    history.push(...page.messages)
    const last = page.messages.at(-1)?.seq
    if (!last || last >= page.lastSeq) break
    from = last + 1
  }
  const buffer = bufferOf(tabId)
  // Live messages that came in while reading go after the history, in seq order.
  const live: Message[] = []
  for (let i = 0; i < buffer.size; i++) live.push(buffer.at(i)!)
  buffer.clear()
  buffer.add(history)
  buffer.add(live)
  useRealtime.getState().update(tabId, (s) => ({ version: s.version + 1 }))
}
