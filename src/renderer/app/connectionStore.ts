import { create } from 'zustand'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

/** Whether the window can reach core; always connected under Electron's IPC. */
export const useConnection = create<{ state: ConnectionState; set: (state: ConnectionState) => void }>((set) => ({
  state: 'connecting',
  set: (state) => set({ state })
}))
