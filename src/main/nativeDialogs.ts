import { BrowserWindow, dialog } from 'electron'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { NativeDialogs } from '../core/dialogHandlers'

/** Electron's own dialogs, attached to Parley's window; each gives back only the chosen path. */
export function electronDialogs(window: () => BrowserWindow | undefined): NativeDialogs {
  const parent = () => window() ?? BrowserWindow.getFocusedWindow() ?? undefined
  return {
    async pickFolder({ title }) {
      const options = {
        title: title ?? 'Choose a folder',
        defaultPath: homedir(),
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as ('openDirectory' | 'createDirectory' | 'promptToCreate')[]
      }
      const owner = parent()
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async pickFile({ title, filters }) {
      const options = { title: title ?? 'Choose a file', defaultPath: homedir(), properties: ['openFile'] as 'openFile'[], ...(filters ? { filters } : {}) }
      const owner = parent()
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async saveFile({ title, defaultName }) {
      const options = { title: title ?? 'Save as', defaultPath: join(homedir(), defaultName) }
      const owner = parent()
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
      return result.canceled ? null : (result.filePath ?? null)
    }
  }
}
