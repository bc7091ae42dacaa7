import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { meetsRange, minimumOf } from '../../../scripts/launch/nodeVersion'
import { browserOpener, downloadFailedMessage, isGraphical, planStart, progressLine, type StartFacts } from '../../../scripts/launch/startPlan'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir('parley-start-')

const facts = (overrides: Partial<StartFacts>): StartFacts => ({
  binaryPath: undefined,
  nodeVersion: '22.12.0',
  installerNodeRange: '>= 22.12.0',
  electronVersion: '45.4.1',
  graphical: true,
  ...overrides
})

describe('which Node.js a part needs', () => {
  it('reads the lowest version of a >= range', () => {
    expect(minimumOf('>= 22.12.0')).toEqual([22, 12, 0])
    expect(minimumOf('>=20.19')).toEqual([20, 19, 0])
    expect(minimumOf('^20.19.0 || >=22.12.0')).toBeUndefined()
  })

  it('compares versions part by part, not as text', () => {
    expect(meetsRange('20.20.2', '>= 22.12.0')).toBe(false)
    expect(meetsRange('22.11.9', '>= 22.12.0')).toBe(false)
    expect(meetsRange('22.12.0', '>= 22.12.0')).toBe(true)
    expect(meetsRange('v24.1.0', '>= 22.12.0')).toBe(true)
    expect(meetsRange('100.0.0', '>= 22.12.0')).toBe(true)
    expect(meetsRange('20.19.0', '>=20.19.0')).toBe(true)
    expect(meetsRange('20.9.0', '>=20.19.0')).toBe(false)
  })
})

describe('what npm start opens', () => {
  it('opens the window when Electron is on disk, whatever the Node running npm', () => {
    expect(planStart(facts({ binaryPath: '/x/electron', nodeVersion: '20.19.0' }))).toEqual({ kind: 'desktop', binaryPath: '/x/electron' })
  })

  it('downloads with the installer when this Node can run it', () => {
    const plan = planStart(facts({ nodeVersion: '22.12.0' }))
    expect(plan.kind).toBe('download')
    expect(plan.kind === 'download' && plan.message).toContain('Electron 45.4.1')
  })

  it('starts the browser host, saying why in one line, when Node is older than the installer needs', () => {
    const plan = planStart(facts({ nodeVersion: '20.20.2' }))
    expect(plan).toEqual({
      kind: 'browser',
      message:
        "npm start: no Electron binary yet, and Electron's installer needs Node.js 22.12.0 or newer (this is 20.20.2): starting the browser host instead."
    })
  })

  it('starts the browser host where no window can be shown, and downloads nothing for it', () => {
    const noWindow = 'npm start: no graphical session here (DISPLAY and WAYLAND_DISPLAY are unset), so no window: starting the browser host instead.'
    expect(planStart(facts({ graphical: false, binaryPath: '/x/electron' }))).toEqual({ kind: 'browser', message: noWindow })
    expect(planStart(facts({ graphical: false, nodeVersion: '24.0.0' }))).toEqual({ kind: 'browser', message: noWindow })
  })

  it('knows a window can be shown on macOS and Windows, and on Linux only in a graphical session', () => {
    expect(isGraphical('darwin', {})).toBe(true)
    expect(isGraphical('win32', {})).toBe(true)
    expect(isGraphical('linux', {})).toBe(false)
    expect(isGraphical('linux', { DISPLAY: ':1' })).toBe(true)
    expect(isGraphical('freebsd', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true)
  })

  it('names the download failure in one line', () => {
    expect(downloadFailedMessage('fetch failed: getaddrinfo ENOTFOUND github.com')).toBe(
      'npm start: could not download Electron (fetch failed: getaddrinfo ENOTFOUND github.com): starting the browser host instead.'
    )
  })

  it('shows download progress as a percentage of the size', () => {
    expect(progressLine('45.4.1', 41_000_000, 110_000_000)).toBe('Electron 45.4.1: 37% of 110 MB')
    expect(progressLine('45.4.1', 20_000_000, null)).toBe('Electron 45.4.1: 20 MB')
  })
})

describe('opening the default browser', () => {
  const has = (names: string[]) => (name: string) => names.includes(name)

  it('uses open on macOS and start on Windows', () => {
    expect(browserOpener('darwin', {}, has([]))?.command).toBe('open')
    const windows = browserOpener('win32', {}, has([]))
    expect(windows?.command).toBe('cmd')
    expect(windows?.args('http://127.0.0.1:1/?token=a&b')).toEqual(['/c', 'start', '""', 'http://127.0.0.1:1/?token=a^&b'])
  })

  it('uses xdg-open on Linux only in a graphical session that has it', () => {
    expect(browserOpener('linux', { DISPLAY: ':0' }, has(['xdg-open']))?.command).toBe('xdg-open')
    expect(browserOpener('linux', { WAYLAND_DISPLAY: 'wayland-0' }, has(['xdg-open']))?.command).toBe('xdg-open')
    expect(browserOpener('linux', {}, has(['xdg-open']))).toBeUndefined()
    expect(browserOpener('linux', { DISPLAY: ':0' }, has([]))).toBeUndefined()
  })

  it('opens nothing with BROWSER=none', () => {
    expect(browserOpener('darwin', { BROWSER: 'none' }, has([]))).toBeUndefined()
  })
})

describe("npm start's first check", () => {
  it("stops with the version to install when Node.js is older than the project's engines", async () => {
    // start.mjs reads ../package.json beside it: a copy under a project that asks for a Node from the future.
    const project = await tempDir()
    await mkdir(join(project, 'scripts'))
    await copyFile('scripts/start.mjs', join(project, 'scripts', 'start.mjs'))
    await writeFile(join(project, 'package.json'), JSON.stringify({ engines: { node: '>=99.1.0' } }))
    const result = spawnSync(process.execPath, [join(project, 'scripts', 'start.mjs')], { encoding: 'utf8' })
    expect(result.stderr.trim()).toBe(
      `npm start: Parley needs Node.js 99.1 or newer (this is ${process.versions.node}). Install a current LTS from https://nodejs.org and run npm start again.`
    )
    expect(result.status).toBe(1)
  })
})
