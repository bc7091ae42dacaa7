import { describeRange, meetsRange } from './nodeVersion'

/** What `npm start` found about the desktop app's binary and the Node running it. */
export interface StartFacts {
  binaryPath: string | undefined
  nodeVersion: string
  /** The electron package's `engines.node`: what its installer needs to download the binary. */
  installerNodeRange: string
  electronVersion: string
  /** Whether a window can be shown: always on macOS and Windows; elsewhere DISPLAY or WAYLAND_DISPLAY. */
  graphical: boolean
}

export type StartPlan = { kind: 'desktop'; binaryPath: string } | { kind: 'download'; message: string } | { kind: 'browser'; message: string }

/**
 * The decision `npm start` makes after building: an Electron binary on disk opens the window; without
 * one, the installer fetches it where this Node can run the installer; otherwise, or where no window
 * can be shown, the browser host, with the one-line reason.
 */

/** Whether this session can show a window (a Linux server over SSH cannot). */
export function isGraphical(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'darwin' || platform === 'win32' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'])
}

export function planStart(facts: StartFacts): StartPlan {
  const noWindow = 'npm start: no graphical session here (DISPLAY and WAYLAND_DISPLAY are unset), so no window: starting the browser host instead.'
  if (facts.binaryPath) return facts.graphical ? { kind: 'desktop', binaryPath: facts.binaryPath } : { kind: 'browser', message: noWindow }
  if (!meetsRange(facts.nodeVersion, facts.installerNodeRange)) {
    return {
      kind: 'browser',
      message:
        `npm start: no Electron binary yet, and Electron's installer needs Node.js ${describeRange(facts.installerNodeRange)} or newer ` +
        `(this is ${facts.nodeVersion}): starting the browser host instead.`
    }
  }
  // No point fetching 100 MB that cannot show a window.
  if (!facts.graphical) return { kind: 'browser', message: noWindow }
  return { kind: 'download', message: `npm start: downloading Electron ${facts.electronVersion} with its installer (once; it is cached)…` }
}

/** The one line when the download could not be had. */
export function downloadFailedMessage(reason: string): string {
  return `npm start: could not download Electron (${reason}): starting the browser host instead.`
}

/**
 * How to open a URL in the default browser, or undefined where there is none to open: on Linux and the
 * BSDs a browser needs a graphical session (DISPLAY or WAYLAND_DISPLAY) and xdg-open. `BROWSER=none`
 * (the convention of other dev servers) opens nothing.
 */
export function browserOpener(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  hasCommand: (name: string) => boolean
): { command: string; args: (url: string) => string[] } | undefined {
  if (env['BROWSER'] === 'none') return undefined
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] }
  // `start` is a cmd builtin; its first quoted argument is the window title.
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url.replace(/&/g, '^&')] }
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return undefined
  return hasCommand('xdg-open') ? { command: 'xdg-open', args: (url) => [url] } : undefined
}

/** Progress as one short line: "Electron 45.4.1: 37% of 110 MB". */
export function progressLine(electronVersion: string, transferred: number, total: number | null): string {
  const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(0)
  if (!total) return `Electron ${electronVersion}: ${mb(transferred)} MB`
  return `Electron ${electronVersion}: ${Math.floor((transferred / total) * 100)}% of ${mb(total)} MB`
}
