import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The decisions of the OAuth sign-in window, as plain functions so test/unit/main checks them without
 * an Electron binary. The window shows a third-party login page: it gets nothing of Parley (no preload,
 * no Node, sandboxed) and a fresh in-memory session, so no cookie of the app or of an earlier sign-in
 * leaks in, and what the login page stores dies with the window.
 */
export function signInWindowOptions(
  partition: string,
  parentBounds?: { x: number; y: number; width: number; height: number }
): BrowserWindowConstructorOptions {
  const width = 520
  const height = 700
  return {
    width,
    height,
    ...(parentBounds
      ? { x: Math.round(parentBounds.x + (parentBounds.width - width) / 2), y: Math.round(parentBounds.y + (parentBounds.height - height) / 2) }
      : {}),
    title: 'Sign in',
    autoHideMenuBar: true,
    show: true,
    webPreferences: {
      // No "persist:" prefix: an in-memory session of its own.
      partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  }
}

/** A partition name that no other window shares. */
export function signInPartition(random: string): string {
  if (!/^[A-Za-z0-9_-]{8,}$/.test(random)) throw new Error('The sign-in partition needs a random id of at least 8 letters or digits.')
  return `parley-oauth-${random}`
}

/** Whether a navigation reached the redirect URI: same scheme, host, port and path; the query or fragment carries the answer. */
export function isRedirectTo(url: string, redirectUri: string): boolean {
  let target: URL
  let expected: URL
  try {
    target = new URL(url)
    expected = new URL(redirectUri)
  } catch {
    return false
  }
  const path = (u: URL): string => u.pathname.replace(/\/+$/, '') || '/'
  return target.protocol === expected.protocol && target.host === expected.host && path(target) === path(expected)
}

/** The login page may go anywhere on the web over http(s), never to file:, javascript: or a custom scheme. */
export function maySignInNavigate(url: string): boolean {
  try {
    const protocol = new URL(url).protocol
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/** What to do with a navigation of the sign-in window: the redirect ends it, anything else http(s) goes on. */
export function signInNavigation(url: string, redirectUri: string): 'redirect' | 'allow' | 'block' {
  if (isRedirectTo(url, redirectUri)) return 'redirect'
  return maySignInNavigate(url) ? 'allow' : 'block'
}
