/** The parts of Electron's `app` the single-instance rule needs. */
interface LockingApp {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: 'second-instance', listener: () => void): unknown
}

interface FocusableWindow {
  isMinimized(): boolean
  restore(): void
  focus(): void
}

/**
 * One Parley at a time (two would write the same data directory): a second start quits at once, and
 * the first brings its window forward. Returns whether this process is the one that runs.
 */
export function claimSingleInstance(app: LockingApp, currentWindow: () => FocusableWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const window = currentWindow()
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  return true
}
