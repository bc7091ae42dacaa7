import WebSocket from 'ws'
import type { CallName, CallOutput } from '../../src/shared/contract'
import { hostContractPath } from '../../src/shared/wire'

/**
 * Asks the browser host's core directly, as a second window would: lets a test check what core
 * holds (a session's counters while its tab is in the background) without reading it off the page.
 */
export async function coreCall<K extends CallName>(hostUrl: string, name: K, input?: unknown): Promise<CallOutput<K>> {
  const url = new URL(hostUrl)
  const token = url.searchParams.get('token') ?? ''
  const socket = new WebSocket(`ws://${url.host}${hostContractPath}?token=${encodeURIComponent(token)}`, { origin: url.origin })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    const reply = new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: { ok: boolean; value?: unknown; error?: { message: string } } }
        if (frame.type === 'result' && frame.id === 1 && frame.result) resolve(frame.result)
      })
    })
    socket.send(JSON.stringify({ type: 'call', id: 1, name, input }))
    const result = await reply
    if (!result.ok) throw new Error(`${name}: ${result.error?.message}`)
    return result.value as CallOutput<K>
  } finally {
    socket.close()
  }
}
