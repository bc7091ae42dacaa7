import { afterEach } from 'vitest'
import { messagesOfLines, SessionMessagesEventSchema, type Message, type SessionStatus } from '../../../../src/shared/session'
import { SessionManager, type SessionManagerOptions } from '../../../../src/core/realtime/sessionManager'
import { useTempDir } from '../../support/tempDir'

/** Polls until `check` returns something truthy (and returns it), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | null, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A SessionManager writing to a temp dir, with every event it pushes collected per session. */
export function useSessions() {
  const tempDir = useTempDir('parley-rt-')
  const made: SessionManager[] = []
  afterEach(async () => {
    await Promise.all(made.splice(0).map((m) => m.dispose()))
  })
  return async (options: Partial<SessionManagerOptions> = {}) => {
    const dataDir = await tempDir()
    const byId = new Map<string, Map<number, Message>>()
    const statuses = new Map<string, SessionStatus[]>()
    let batches = 0
    const manager = new SessionManager({
      dataDir,
      statsIntervalMs: 0,
      ...options,
      events: {
        emit(name: string, payload: unknown) {
          if (name === 'session.messages') {
            const { sessionId, lines } = SessionMessagesEventSchema.parse(payload)
            const messages = messagesOfLines(lines)
            batches += 1
            let map = byId.get(sessionId)
            if (!map) byId.set(sessionId, (map = new Map()))
            for (const m of messages) map.set(m.seq, m)
          } else if (name === 'session.status') {
            const s = payload as SessionStatus
            statuses.set(s.sessionId, [...(statuses.get(s.sessionId) ?? []), s])
          }
        }
      } as SessionManagerOptions['events']
    })
    made.push(manager)
    const messages = (id: string) => [...(byId.get(id)?.values() ?? [])].sort((a, b) => a.seq - b.seq)
    const statusOf = (id: string) => statuses.get(id) ?? []
    return {
      dataDir,
      manager,
      messages,
      statuses: statusOf,
      batches: () => batches,
      /** Resolves with the first status of that state after the call. */
      waitForState: (id: string, state: SessionStatus['state'], timeoutMs = 5_000) =>
        waitFor(
          () => statusOf(id).find((s) => s.state === state),
          timeoutMs,
          `${id} to be ${state} (saw: ${statusOf(id)
            .map((s) => `${s.state} ${s.detail}`)
            .join(' | ')})`
        ),
      incoming: (id: string, event?: string) => messages(id).filter((m) => m.direction === 'in' && (event === undefined || m.event === event))
    }
  }
}
