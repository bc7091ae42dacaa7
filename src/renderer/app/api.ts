import type { CallInput, CallName, CallOutput, EventName, EventPayload, ParleyBridge } from '../../shared/contract'
import { ParleyError } from '../../shared/errors'

declare global {
  interface Window {
    parley?: ParleyBridge
  }
}

let bridge: ParleyBridge | undefined

export function installBridge(value: ParleyBridge): void {
  bridge = value
}

function current(): ParleyBridge {
  if (!bridge) throw new ParleyError('no_bridge', 'Parley is not connected to its core.', 'Reload the window.')
  return bridge
}

/** The typed face of the contract for the renderer: resolves with the output, or throws a ParleyError. */
export const api = {
  async call<K extends CallName>(name: K, ...input: undefined extends CallInput<K> ? [CallInput<K>?] : [CallInput<K>]): Promise<CallOutput<K>> {
    const result = await current().invoke(name, input[0])
    if (!result.ok) throw ParleyError.from(result.error)
    return result.value as CallOutput<K>
  },
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
    return current().onEvent((eventName, payload) => {
      if (eventName === name) listener(payload as EventPayload<K>)
    })
  }
}
