import { randomBytes } from 'node:crypto'
import { BrowserWindow } from 'electron'
import { ParleyError } from '../shared/errors'
import { signInNavigation, signInPartition, signInWindowOptions } from './signInPolicy'

/**
 * The OAuth sign-in window: a separate BrowserWindow with its own in-memory session, no Node, sandboxed,
 * that closes as soon as the server redirects to the redirect URI, handing that URL to core.
 */
export function openSignInWindow(parent: () => BrowserWindow | null) {
  return (authorizationUrl: string, redirectUri: string): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const window = new BrowserWindow(signInWindowOptions(signInPartition(randomBytes(12).toString('base64url')), parent()?.getBounds()))
      let done = false
      const finish = (url: string | null, failure?: ParleyError): void => {
        if (done) return
        done = true
        if (url) resolve(url)
        else
          reject(failure ?? new ParleyError('cancelled', 'The sign-in window was closed before the sign-in finished.', 'Click "Get new token" to try again.'))
        if (!window.isDestroyed()) window.close()
      }
      const contents = window.webContents
      const onNavigation = (event: { preventDefault(): void }, url: string): void => {
        const verdict = signInNavigation(url, redirectUri)
        if (verdict === 'allow') return
        event.preventDefault()
        if (verdict === 'redirect') finish(url)
      }
      contents.on('will-navigate', onNavigation)
      contents.on('will-redirect', onNavigation)
      contents.setWindowOpenHandler(() => ({ action: 'deny' }))
      contents.on('will-attach-webview', (event) => event.preventDefault())
      contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
      window.on('closed', () => finish(null))
      window.loadURL(authorizationUrl).catch((error: unknown) => {
        // A redirect we stopped aborts the load; that is the success path, not an error.
        const page = new URL(authorizationUrl)
        finish(
          null,
          new ParleyError(
            'auth_failed',
            `The sign-in page ${page.origin}${page.pathname} could not be loaded (${(error as Error).message}).`,
            'Check the authorization URL in the Auth tab and that the server is reachable.'
          )
        )
      })
    })
}
