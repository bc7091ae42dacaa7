import { shell, type WebContents } from 'electron'
import { contentsPolicy } from './securityPolicy'

/**
 * Attaches the decisions of securityPolicy.ts to the window: content may never navigate it, open new
 * windows, attach webviews, get a permission or load remote content; http(s) links leave for the browser.
 */
export function lockDownContents(contents: WebContents, isAppUrl: (url: string) => boolean, appDirUrl: string | undefined): void {
  const policy = contentsPolicy({ isAppUrl, appDirUrl, openExternal: (url) => void shell.openExternal(url) })
  contents.setWindowOpenHandler((details) => policy.windowOpen(details))
  contents.on('will-navigate', (event, url) => policy.willNavigate(event, url))
  contents.on('will-redirect', (event, url) => policy.willRedirect(event, url))
  contents.on('will-attach-webview', (event) => policy.willAttachWebview(event))
  contents.session.setPermissionRequestHandler(policy.permissionRequest)
  contents.session.setPermissionCheckHandler(policy.permissionCheck)
  contents.session.webRequest.onBeforeRequest((details, callback) => policy.beforeRequest(details, callback))
}
