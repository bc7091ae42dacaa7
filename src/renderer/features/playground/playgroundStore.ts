import { create } from 'zustand'
import type { PlaygroundStatus } from '../../../shared/app'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { useCollections } from '../collections/collectionsStore'

interface PlaygroundState {
  status: PlaygroundStatus
  error: ParleyError | undefined
  start(): Promise<void>
  stop(): Promise<void>
}

/** The demo server's state as core reports it; every window sees the same through `playground.changed`. */
export const usePlayground = create<PlaygroundState>((set) => ({
  status: { state: 'stopped', url: null, error: null, collectionId: null },
  error: undefined,
  async start() {
    set({ error: undefined })
    try {
      const status = await api.call('playground.start')
      set({ status })
      // Core opened the sample collection for it: show it in the sidebar.
      if (status.collectionId) await useCollections.getState().refresh()
    } catch (error) {
      set({ error: error instanceof ParleyError ? error : new ParleyError('playground_failed', String(error)) })
    }
  },
  async stop() {
    set({ status: await api.call('playground.stop'), error: undefined })
  }
}))

export function listenForPlayground(): () => void {
  api.call('playground.status').then(
    (status) => usePlayground.setState({ status }),
    () => undefined
  )
  return api.on('playground.changed', (status) => usePlayground.setState({ status }))
}
