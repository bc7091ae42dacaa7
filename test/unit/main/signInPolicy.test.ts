import { describe, expect, it } from 'vitest'
import { isRedirectTo, signInNavigation, signInPartition, signInWindowOptions } from '../../../src/main/signInPolicy'

describe('the OAuth sign-in window policy (Electron)', () => {
  it('is sandboxed, without Node, without a preload, in an in-memory session of its own', () => {
    const options = signInWindowOptions(signInPartition('abcdefgh1234'))
    const prefs = options.webPreferences!
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false
    })
    expect(prefs.preload).toBeUndefined()
    expect(prefs.partition).toBe('parley-oauth-abcdefgh1234')
    // "persist:" would keep the login page's cookies on disk after the window is gone.
    expect(prefs.partition!.startsWith('persist:')).toBe(false)
    expect(signInPartition('abcdefgh1234')).not.toBe(signInPartition('zyxwvuts9876'))
    expect(() => signInPartition('short')).toThrow(/random id/)
  })

  it('centres on the app window when there is one', () => {
    expect(signInWindowOptions('p', { x: 100, y: 50, width: 1280, height: 800 })).toMatchObject({ x: 480, y: 100 })
  })

  it('ends on the redirect URI whatever the query or fragment, and only there', () => {
    const redirect = 'http://127.0.0.1/parley/oauth/callback'
    expect(isRedirectTo('http://127.0.0.1/parley/oauth/callback?code=abc&state=x', redirect)).toBe(true)
    expect(isRedirectTo('http://127.0.0.1/parley/oauth/callback/#access_token=t&state=x', redirect)).toBe(true)
    expect(isRedirectTo('http://127.0.0.1:8080/parley/oauth/callback?code=abc', redirect)).toBe(false)
    expect(isRedirectTo('https://127.0.0.1/parley/oauth/callback?code=abc', redirect)).toBe(false)
    expect(isRedirectTo('http://127.0.0.1/parley/oauth/callbackx?code=abc', redirect)).toBe(false)
    expect(isRedirectTo('not a url', redirect)).toBe(false)
  })

  it('lets the login page navigate over http(s), ends on the redirect, blocks other schemes', () => {
    const redirect = 'http://localhost/cb'
    expect(signInNavigation('https://login.example.com/mfa', redirect)).toBe('allow')
    expect(signInNavigation('http://localhost/cb?code=1', redirect)).toBe('redirect')
    expect(signInNavigation('file:///etc/passwd', redirect)).toBe('block')
    expect(signInNavigation('javascript:alert(1)', redirect)).toBe('block')
  })
})
