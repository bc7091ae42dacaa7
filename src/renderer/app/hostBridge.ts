import type { ParleyBridge } from '../../shared/contract'
import type { CallResult } from '../../shared/errors'
import { decodeServerFrame, hostContractPath, hostMaxFrameBytes, ServerFrameSchema } from '../../shared/wire'
import { useConnection } from './connectionStore'
import { tr } from '../i18n'

type Pending = { resolve: (result: CallResult) => void }

/**
 * The contract over the browser host's WebSocket: the same `ParleyBridge` Electron's preload gives,
 * so nothing above this file knows which shell it runs in. Reconnects by itself if the host restarts.
 */
export function createHostBridge(location: Location): ParleyBridge {
  const token = new URLSearchParams(location.search).get('token')
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${hostContractPath}${token ? `?token=${encodeURIComponent(token)}` : ''}`
  if (token !== null) hideToken(location)
  const listeners = new Set<(name: string, payload: unknown) => void>()
  const pending = new Map<number, Pending>()
  const queue: string[] = []
  let socket: WebSocket | undefined
  let nextId = 1
  let retryMs = 250

  const connect = (): void => {
    useConnection.getState().set('connecting')
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      retryMs = 250
      useConnection.getState().set('connected')
      for (const frame of queue.splice(0)) ws.send(frame)
    }
    ws.onmessage = (message) => {
      const frame = ServerFrameSchema.safeParse(decodeServerFrame(String(message.data)))
      if (!frame.success) return
      const data = frame.data
      if (data.type === 'result') {
        pending.get(data.id)?.resolve(data.result)
        pending.delete(data.id)
      } else if (data.type === 'event') {
        for (const listener of listeners) listener(data.name, data.payload)
      } else {
        console.error(`Parley host: ${data.error.message}`)
      }
    }
    ws.onclose = (event) => {
      useConnection.getState().set('disconnected')
      for (const [id, call] of pending) {
        call.resolve({
          ok: false,
          error: {
            code: 'disconnected',
            message: event.reason ? tr('app:hostBridge.connectionLostSaying', { reason: event.reason }) : tr('app:hostBridge.theConnectionToParley'),
            hint: tr('app:hostBridge.checkThatNpmRun')
          }
        })
        pending.delete(id)
      }
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 5000)
    }
  }
  connect()

  return {
    invoke(name, input) {
      const id = nextId++
      const frame = JSON.stringify({ type: 'call', id, name, input })
      // The host closes a connection that sends more than it accepts: refuse here, with a reason.
      const bytes = frame.length * 3 <= hostMaxFrameBytes ? frame.length : new TextEncoder().encode(frame).length
      if (bytes > hostMaxFrameBytes) return Promise.resolve(tooLarge(name, bytes))
      return new Promise<CallResult>((resolve) => {
        pending.set(id, { resolve })
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame)
        else queue.push(frame)
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

function tooLarge(name: string, bytes: number): CallResult {
  const mib = (n: number): string => (n / 1024 / 1024).toFixed(1)
  return {
    ok: false,
    error: {
      code: 'too_large',
      message: tr('app:hostBridge.nothingWasSentThis', { name, size: mib(bytes), max: mib(hostMaxFrameBytes) }),
      hint: tr('app:hostBridge.makeTheTextSmaller')
    }
  }
}

/**
 * Takes the token out of the address bar (and so out of history, bookmarks and screen shares) once
 * the page has it: the host's cookie, set on this first load, lets a reload in without it.
 */
function hideToken(location: Location): void {
  const params = new URLSearchParams(location.search)
  params.delete('token')
  const search = params.toString()
  window.history.replaceState(window.history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`)
}
