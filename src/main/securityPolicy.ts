import type { WebPreferences } from 'electron'

/**
 * Every security decision of the Electron shell, as plain data and functions (Electron's security
 * checklist, electronjs.org/docs/latest/tutorial/security). index.ts and security.ts only attach them, so
 * test/unit/main checks the real decisions without an Electron binary and test/electron checks them at
 * runtime where one exists.
 */

/** The one Content-Security-Policy of every page Parley loads (src/renderer/*.html carry it as a meta tag). */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; frame-src blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'"

/** The window's web preferences: isolated, sandboxed, no Node, web security on, no webviews. */
export function webPreferencesFor(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

/**
 * Which URLs are Parley's own page: the built renderer file (with any query or hash), or in development
 * the dev server's origin. Nothing else is ever the app, so nothing else gets the contract.
 */
export function appUrlMatcher(target: { devServerUrl: string } | { rendererFileUrl: string }): (url: string) => boolean {
  if ('devServerUrl' in target) {
    // The dev server's page and its hot-reload socket: same host and port, http(s) or ws(s).
    const host = new URL(target.devServerUrl).host
    return (url) => {
      try {
        const parsed = new URL(url)
        return parsed.host === host && ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)
      } catch {
        return false
      }
    }
  }
  const file = target.rendererFileUrl
  return (url) => url === file || url.startsWith(`${file}#`) || url.startsWith(`${file}?`)
}

/** Only http(s) URLs may leave for the system browser; file:, javascript:, custom schemes never do. */
export function mayOpenExternally(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/** A contract call is answered only for Parley's own page in the window's top frame (never an iframe or another page). */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined, isAppUrl: (url: string) => boolean): boolean {
  return Boolean(frame && frame.isMainFrame && isAppUrl(frame.url))
}

/**
 * What the app's window may load: its own page and what that page makes in memory (blob:, data: for
 * previews), DevTools; never remote content, so nothing from the network runs next to the contract.
 * The HTTP engine runs in core, not in the window, so requests the user sends are not affected.
 */
export function mayLoadInWindow(url: string, isAppUrl: (url: string) => boolean, appDirUrl: string | undefined): boolean {
  if (isAppUrl(url)) return true
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:' || parsed.protocol === 'devtools:') return true
  // Chromium's built-in PDF viewer, which shows a PDF response's preview.
  if (url.startsWith(pdfViewerOrigin)) return true
  // The renderer's own scripts, styles and fonts next to index.html.
  if (parsed.protocol === 'file:' && appDirUrl !== undefined) return url.startsWith(appDirUrl)
  return false
}

const pdfViewerOrigin = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/'

interface Preventable {
  preventDefault(): void
}

/**
 * The handlers attached to the window's contents and session: navigation, new windows, redirects,
 * webviews, permissions and requests. `openExternal` is called only for http(s) URLs the user followed.
 */
export function contentsPolicy(options: { isAppUrl: (url: string) => boolean; appDirUrl: string | undefined; openExternal: (url: string) => void }) {
  const { isAppUrl, appDirUrl, openExternal } = options
  const leave = (url: string): void => {
    if (mayOpenExternally(url)) openExternal(url)
  }
  return {
    windowOpen({ url }: { url: string }): { action: 'deny' } {
      leave(url)
      return { action: 'deny' }
    },
    willNavigate(event: Preventable, url: string): void {
      if (isAppUrl(url)) return
      event.preventDefault()
      leave(url)
    },
    willRedirect(event: Preventable, url: string): void {
      if (!isAppUrl(url)) event.preventDefault()
    },
    willAttachWebview(event: Preventable): void {
      event.preventDefault()
    },
    permissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
      callback(false)
    },
    permissionCheck(): boolean {
      return false
    },
    beforeRequest(details: { url: string }, callback: (response: { cancel: boolean }) => void): void {
      callback({ cancel: !mayLoadInWindow(details.url, isAppUrl, appDirUrl) })
    }
  }
}
