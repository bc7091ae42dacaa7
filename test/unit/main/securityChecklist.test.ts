import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  appUrlMatcher,
  contentSecurityPolicy,
  contentsPolicy,
  isTrustedSender,
  mayLoadInWindow,
  mayOpenExternally,
  webPreferencesFor
} from '../../../src/main/securityPolicy'

/** Electron's security checklist (electronjs.org/docs/latest/tutorial/security), item by item, against src/main's decisions. */
const rendererFileUrl = 'file:///opt/Parley/resources/app/out/renderer/index.html'
const appDirUrl = 'file:///opt/Parley/resources/app/out/renderer/'
const isAppUrl = appUrlMatcher({ rendererFileUrl })

function event() {
  const state = { prevented: false }
  return { state, preventDefault: () => void (state.prevented = true) }
}

function policyWithLog() {
  const opened: string[] = []
  return { opened, policy: contentsPolicy({ isAppUrl, appDirUrl, openExternal: (url) => opened.push(url) }) }
}

describe('the window is isolated (checklist 2–4, 6, 8–10)', () => {
  const preferences = webPreferencesFor('/opt/Parley/out/preload/index.cjs')

  it('turns on context isolation and the sandbox, and off Node.js integration everywhere', () => {
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false
    })
  })

  it('keeps web security on, no insecure content, no experimental features, no webview tag', () => {
    expect(preferences).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false })
    expect(preferences.enableBlinkFeatures).toBeUndefined()
  })

  it('loads only the bundled preload', () => {
    expect(preferences.preload).toBe('/opt/Parley/out/preload/index.cjs')
  })
})

describe('a Content-Security-Policy on every page (checklist 7)', () => {
  const pages = readdirSync('src/renderer').filter((name) => name.endsWith('.html'))

  it('every page of the renderer carries the one policy', () => {
    expect(pages.length).toBeGreaterThan(0)
    for (const page of pages) {
      const html = readFileSync(join('src/renderer', page), 'utf8').replace(/\s+/g, ' ')
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)
      expect(meta?.[1], page).toBe(contentSecurityPolicy)
    }
  })

  it('allows scripts only from the app itself, no eval, no plugins, no remote connections', () => {
    const directives = new Map(
      contentSecurityPolicy.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/)
        return [name, values] as const
      })
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(contentSecurityPolicy).not.toContain('unsafe-eval')
    expect(contentSecurityPolicy).not.toMatch(/https?:/)
  })
})

describe('navigation and new windows are refused (checklist 13, 14)', () => {
  it('keeps the window on its own page and sends an http(s) link to the browser', () => {
    const { opened, policy } = policyWithLog()
    const away = event()
    policy.willNavigate(away, 'https://example.com/docs')
    expect(away.state.prevented).toBe(true)
    expect(opened).toEqual(['https://example.com/docs'])
    const reload = event()
    policy.willNavigate(reload, `${rendererFileUrl}#/collections`)
    expect(reload.state.prevented).toBe(false)
  })

  it('never opens another file, a custom scheme or script in place of the app', () => {
    const { opened, policy } = policyWithLog()
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'not a url']) {
      const attempt = event()
      policy.willNavigate(attempt, url)
      expect(attempt.state.prevented, url).toBe(true)
    }
    expect(opened).toEqual([])
  })

  it('denies every window.open, handing only http(s) to the browser', () => {
    const { opened, policy } = policyWithLog()
    expect(policy.windowOpen({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(policy.windowOpen({ url: rendererFileUrl })).toEqual({ action: 'deny' })
    expect(policy.windowOpen({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://example.com/'])
  })

  it('stops a redirect away from the app', () => {
    const { policy } = policyWithLog()
    const redirect = event()
    policy.willRedirect(redirect, 'https://evil.example/')
    expect(redirect.state.prevented).toBe(true)
  })
})

describe('permissions, webviews, shell.openExternal (checklist 5, 12, 15)', () => {
  it('denies every permission request and check', () => {
    const { policy } = policyWithLog()
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined
      policy.permissionRequest(undefined, permission, (answer) => (granted = answer))
      expect(granted, permission).toBe(false)
    }
    expect(policy.permissionCheck()).toBe(false)
  })

  it('refuses to attach a webview', () => {
    const { policy } = policyWithLog()
    const attach = event()
    policy.willAttachWebview(attach)
    expect(attach.state.prevented).toBe(true)
  })

  it('opens externally only http and https URLs', () => {
    expect(mayOpenExternally('https://example.com/a?b#c')).toBe(true)
    expect(mayOpenExternally('http://127.0.0.1:8080/')).toBe(true)
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b.c', 'smb://h/s', 'vscode://x', 'C:\\Windows\\calc.exe', '']) {
      expect(mayOpenExternally(url), url).toBe(false)
    }
  })
})

describe("IPC only from Parley's own frame (checklist 17)", () => {
  it("accepts the app's page in the top frame only", () => {
    expect(isTrustedSender({ url: rendererFileUrl, isMainFrame: true }, isAppUrl)).toBe(true)
    expect(isTrustedSender({ url: `${rendererFileUrl}?tab=2`, isMainFrame: true }, isAppUrl)).toBe(true)
    expect(isTrustedSender({ url: rendererFileUrl, isMainFrame: false }, isAppUrl)).toBe(false)
    expect(isTrustedSender({ url: 'blob:file:///4f1c', isMainFrame: false }, isAppUrl)).toBe(false)
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true }, isAppUrl)).toBe(false)
    expect(isTrustedSender({ url: 'file:///opt/Parley/resources/app/out/renderer/index.html.evil', isMainFrame: true }, isAppUrl)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/index.html', isMainFrame: true }, isAppUrl)).toBe(false)
    expect(isTrustedSender(null, isAppUrl)).toBe(false)
  })

  it('in development, trusts the dev server and nothing else on loopback', () => {
    const dev = appUrlMatcher({ devServerUrl: 'http://localhost:5173' })
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, dev)).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', isMainFrame: true }, dev)).toBe(false)
  })
})

describe('no remote content in the window (checklist 1)', () => {
  it("loads the app's own files and what it makes in memory", () => {
    expect(mayLoadInWindow(rendererFileUrl, isAppUrl, appDirUrl)).toBe(true)
    expect(mayLoadInWindow(`${appDirUrl}assets/index-abc.js`, isAppUrl, appDirUrl)).toBe(true)
    expect(mayLoadInWindow('blob:file:///9a8b', isAppUrl, appDirUrl)).toBe(true)
    expect(mayLoadInWindow('data:image/png;base64,AAAA', isAppUrl, appDirUrl)).toBe(true)
    // Chromium's own PDF viewer, for a PDF response's preview; no other extension.
    expect(mayLoadInWindow('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', isAppUrl, appDirUrl)).toBe(true)
    expect(mayLoadInWindow('chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/index.html', isAppUrl, appDirUrl)).toBe(false)
  })

  it('cancels anything from the network and files outside the app', () => {
    const { policy } = policyWithLog()
    for (const url of ['https://cdn.example.com/lib.js', 'http://127.0.0.1:3000/', 'ws://example.com/socket', 'file:///home/ada/.ssh/id_ed25519']) {
      let cancel: boolean | undefined
      policy.beforeRequest({ url }, (response) => (cancel = response.cancel))
      expect(cancel, url).toBe(true)
    }
    let appCancel: boolean | undefined
    policy.beforeRequest({ url: `${appDirUrl}assets/index.css` }, (response) => (appCancel = response.cancel))
    expect(appCancel).toBe(false)
  })
})
