import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcCallChannel, ipcEventChannel, isCallName, type ParleyBridge } from '../shared/contract'
import type { CallResult } from '../shared/errors'

// The whole surface the renderer gets: the contract's calls and events, nothing of Node or Electron.
const bridge: ParleyBridge = {
  invoke(name, input): Promise<CallResult> {
    if (!isCallName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_call', message: `There is no call named ${JSON.stringify(name)}.` }
      })
    }
    return ipcRenderer.invoke(ipcCallChannel(name), input) as Promise<CallResult>
  },
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown): void => listener(name, payload)
    ipcRenderer.on(ipcEventChannel, handler)
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, handler)
    }
  }
}

contextBridge.exposeInMainWorld('parley', bridge)
