import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron'
import { callNames, ipcCallChannel, ipcEventChannel } from '../shared/contract'
import type { CallResult } from '../shared/errors'
import type { Services } from '../core/services'

/**
 * Serves the contract over Electron IPC: one handler per entry of the table, and every core
 * event forwarded to every window. Wiring only; decisions live in core.
 */
export function registerIpcAdapter(services: Services, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const name of callNames) {
    ipcMain.handle(ipcCallChannel(name), (event, input: unknown): Promise<CallResult> => {
      if (!isTrustedSender(event)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'forbidden', message: 'This window is not allowed to call Parley.' }
        })
      }
      return services.invoke(name, input)
    })
  }
  const unsubscribe = services.events.subscribe((name, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && contents.getType() === 'window') contents.send(ipcEventChannel, name, payload)
    }
  })
  return () => {
    unsubscribe()
    for (const name of callNames) ipcMain.removeHandler(ipcCallChannel(name))
  }
}
