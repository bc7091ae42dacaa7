import { screen, type BrowserWindow } from 'electron'
import { readWindowState, writeWindowState, type WindowState } from './windowStateFile'

/** The last window bounds, if they still fit on a connected display. */
export function loadWindowState(dataDir: string): Promise<WindowState | undefined> {
  return readWindowState(
    dataDir,
    screen.getAllDisplays().map((display) => display.workArea)
  )
}

/** Remembers size and position whenever the window settles, and on close. */
export function trackWindowState(window: BrowserWindow, dataDir: string): void {
  let timer: NodeJS.Timeout | undefined
  const save = (): void => {
    if (window.isDestroyed()) return
    void writeWindowState(dataDir, { ...window.getNormalBounds(), maximized: window.isMaximized() }).catch(() => undefined)
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}
