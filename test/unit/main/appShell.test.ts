import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/menuTemplate'
import { claimSingleInstance } from '../../../src/main/singleInstance'
import { readWindowState, writeWindowState } from '../../../src/main/windowStateFile'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir('parley-main-')

describe('a single instance', () => {
  /** Just the three members of Electron's app the rule uses, recording what happens. */
  function appWithLock(granted: boolean) {
    const calls: string[] = []
    const listeners: (() => void)[] = []
    return {
      calls,
      listeners,
      app: {
        requestSingleInstanceLock: () => granted,
        quit: () => void calls.push('quit'),
        on: (_event: 'second-instance', listener: () => void) => listeners.push(listener)
      }
    }
  }

  it('a second start quits at once', () => {
    const { app, calls } = appWithLock(false)
    expect(claimSingleInstance(app, () => undefined)).toBe(false)
    expect(calls).toEqual(['quit'])
  })

  it('the first brings its window forward, restoring it if minimized', () => {
    const { app, calls, listeners } = appWithLock(true)
    const window = { minimized: true, isMinimized: () => window.minimized, restore: () => void calls.push('restore'), focus: () => void calls.push('focus') }
    expect(claimSingleInstance(app, () => window)).toBe(true)
    listeners.forEach((listener) => listener())
    expect(calls).toEqual(['restore', 'focus'])
  })
})

describe('the application menu', () => {
  const roles = (platform: NodeJS.Platform, development: boolean) =>
    menuTemplate(platform, development).flatMap((item) => [item.role, ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => sub.role) : [])])

  it('is made of standard roles, with the app menu on macOS', () => {
    expect(menuTemplate('darwin', false).map((item) => item.role ?? item.label)).toEqual(['appMenu', 'fileMenu', 'editMenu', 'View', 'windowMenu'])
    expect(menuTemplate('linux', false).map((item) => item.role ?? item.label)).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu'])
    expect(roles('win32', false)).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']))
  })

  it('offers reload and DevTools only in development', () => {
    expect(roles('linux', false)).not.toContain('toggleDevTools')
    expect(roles('linux', false)).not.toContain('reload')
    expect(roles('linux', true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
  })
})

describe('the window state is remembered', () => {
  const display = [{ x: 0, y: 0, width: 1920, height: 1080 }]

  it('returns the bounds saved last', async () => {
    const dir = await tempDir()
    expect(await readWindowState(dir, display)).toBeUndefined()
    await writeWindowState(dir, { x: 100, y: 80, width: 1000, height: 700, maximized: false })
    await writeWindowState(dir, { x: 120, y: 90, width: 1100, height: 720, maximized: true })
    expect(await readWindowState(dir, display)).toEqual({ x: 120, y: 90, width: 1100, height: 720, maximized: true })
  })

  it('forgets bounds on a display that is gone, and a file that does not parse', async () => {
    const dir = await tempDir()
    await writeWindowState(dir, { x: 2500, y: 100, width: 800, height: 600, maximized: false })
    expect(await readWindowState(dir, display)).toBeUndefined()
    expect(await readWindowState(dir, [...display, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2500 })
    await writeFile(join(dir, 'window-state.json'), '{"x": 1, "width": "wide"')
    expect(await readWindowState(dir, display)).toBeUndefined()
  })
})
