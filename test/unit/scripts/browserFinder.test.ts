import { spawnSync } from 'node:child_process'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { delimiter, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseBrowser, type BrowserFacts } from '../../../scripts/testSetup/browserPlan'
import { aptWithoutAsking, findSystemBrowser, systemBrowserCandidates } from '../../../scripts/testSetup/browserSearch'
import { playwrightDownloadReachable } from '../../../scripts/testSetup/installedBrowser'
import { chooseDisplay, type DisplayFacts } from '../../../scripts/testSetup/displayPlan'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir('parley-browser-')

async function stub(dir: string, name: string, executable = true): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, name)
  await writeFile(file, '#!/bin/sh\nexit 0\n')
  await chmod(file, executable ? 0o755 : 0o644)
  return file
}

const nothing: BrowserFacts = {
  platform: 'linux',
  override: undefined,
  systemBrowser: undefined,
  playwrightBrowser: undefined,
  aptWithoutAsking: false,
  playwrightReachable: undefined
}

describe.skipIf(process.platform === 'win32')('finding a browser on this system', () => {
  it('takes a fixed path first, then the names in order along PATH', async () => {
    const dir = await tempDir()
    const first = join(dir, 'first')
    const second = join(dir, 'second')
    const env = { PATH: [first, second].join(delimiter) }
    const candidates = { paths: [join(dir, 'opt', 'chromium')], names: ['chromium', 'google-chrome'] }
    expect(findSystemBrowser(candidates, env, 'linux')).toBeUndefined()
    const chrome = await stub(first, 'google-chrome')
    expect(findSystemBrowser(candidates, env, 'linux')).toBe(chrome)
    const chromium = await stub(second, 'chromium')
    expect(findSystemBrowser(candidates, env, 'linux')).toBe(chromium)
    const fixed = await stub(join(dir, 'opt'), 'chromium')
    expect(findSystemBrowser(candidates, env, 'linux')).toBe(fixed)
  })

  it('passes over a file that is not executable and a folder of the same name', async () => {
    const dir = await tempDir()
    await stub(join(dir, 'a'), 'chromium', false)
    await mkdir(join(dir, 'b', 'chromium'), { recursive: true })
    const found = await stub(join(dir, 'c'), 'chromium')
    const env = { PATH: ['a', 'b', 'c'].map((name) => join(dir, name)).join(delimiter) }
    expect(findSystemBrowser({ paths: [], names: ['chromium'] }, env, 'linux')).toBe(found)
  })

  it('knows the usual places on Linux, macOS and Windows', () => {
    expect(systemBrowserCandidates('linux', {})).toEqual({
      paths: ['/usr/bin/chromium'],
      names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
    })
    expect(systemBrowserCandidates('darwin', { HOME: '/Users/ada' }).paths).toContain('/Users/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
    expect(systemBrowserCandidates('darwin', {}).paths).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium')
    expect(systemBrowserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }).paths).toEqual([
      'C:\\Program Files\\Chromium\\Application\\chrome.exe',
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ada\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      'C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'
    ])
  })

  it('uses apt-get without asking only as root on Debian or Ubuntu with apt-get on PATH', async () => {
    const dir = await tempDir()
    await stub(dir, 'apt-get')
    const env = { PATH: dir }
    const debian = 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\n'
    const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
    const mint = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
    expect(aptWithoutAsking('linux', 0, debian, env)).toBe(true)
    expect(aptWithoutAsking('linux', 0, ubuntu, env)).toBe(true)
    expect(aptWithoutAsking('linux', 0, mint, env)).toBe(true)
    expect(aptWithoutAsking('linux', 1000, debian, env)).toBe(false)
    expect(aptWithoutAsking('linux', 0, 'ID=fedora\n', env)).toBe(false)
    expect(aptWithoutAsking('linux', 0, debian, { PATH: join(dir, 'empty') })).toBe(false)
    expect(aptWithoutAsking('darwin', 0, debian, env)).toBe(false)
  })
})

describe('which browser npm test uses, or how it gets one', () => {
  it('takes PARLEY_CHROMIUM over everything, and stops if it names no executable', () => {
    const override = { ...nothing, systemBrowser: '/usr/bin/chromium', override: { path: '/opt/c/chrome', executable: true } }
    expect(chooseBrowser(override, [])).toEqual({ kind: 'use', path: '/opt/c/chrome', line: 'npm test: browser /opt/c/chrome (PARLEY_CHROMIUM)' })
    const broken = chooseBrowser({ ...override, override: { path: '/opt/c/chrome', executable: false } }, [])
    expect(broken.kind).toBe('fail')
    expect(broken.kind === 'fail' && broken.message).toContain('PARLEY_CHROMIUM is set to /opt/c/chrome, which is not an executable file')
  })

  it("prefers the system's browser to Playwright's, and Playwright's to any install", () => {
    const both = { ...nothing, systemBrowser: '/usr/bin/chromium', playwrightBrowser: '/pw/chrome', aptWithoutAsking: true }
    expect(chooseBrowser(both, [])).toMatchObject({
      kind: 'use',
      path: '/usr/bin/chromium',
      line: 'npm test: browser /usr/bin/chromium (found on this system)'
    })
    expect(chooseBrowser({ ...both, systemBrowser: undefined }, [])).toMatchObject({ kind: 'use', path: '/pw/chrome' })
  })

  it('installs with apt-get where it runs without asking, before asking the network about Playwright', () => {
    const choice = chooseBrowser({ ...nothing, aptWithoutAsking: true }, [])
    expect(choice).toMatchObject({
      kind: 'install',
      installer: 'apt',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium']
      ]
    })
  })

  it("asks whether Playwright's download answers only when it has to, and installs from it if so", () => {
    expect(chooseBrowser(nothing, [])).toEqual({ kind: 'probe' })
    expect(chooseBrowser({ ...nothing, aptWithoutAsking: true }, ['apt'])).toEqual({ kind: 'probe' })
    expect(chooseBrowser({ ...nothing, playwrightReachable: true }, [])).toMatchObject({
      kind: 'install',
      installer: 'playwright',
      commands: [['npx', 'playwright', 'install', 'chromium']]
    })
  })

  it('stops with the exact command to run when nothing works', () => {
    const linux = chooseBrowser({ ...nothing, playwrightReachable: false }, [])
    expect(linux.kind === 'fail' && linux.message).toBe(
      'npm test: no Chromium or Chrome for the end-to-end tests. Run `sudo apt-get install -y chromium` (Debian, Ubuntu; or your ' +
        "distribution's chromium package), then run npm test again (or set PARLEY_CHROMIUM to a Chromium or Chrome executable)."
    )
    const mac = chooseBrowser({ ...nothing, platform: 'darwin', playwrightReachable: false }, [])
    expect(mac.kind === 'fail' && mac.message).toContain('Install Google Chrome, or run `npx playwright install chromium`')
    const afterApt = chooseBrowser({ ...nothing, aptWithoutAsking: true, playwrightReachable: false }, ['apt'])
    expect(afterApt.kind === 'fail' && afterApt.message).toContain('`apt-get install -y chromium` did not give one (see above)')
    const afterBoth = chooseBrowser({ ...nothing, aptWithoutAsking: true, playwrightReachable: true }, ['apt', 'playwright'])
    expect(afterBoth.kind).toBe('fail')
  })
})

describe('a display for the Electron window', () => {
  const facts: DisplayFacts = { platform: 'linux', hasDisplay: false, electronPresent: true, xvfbRun: undefined, aptWithoutAsking: false }

  it('needs nothing where the suite skips, off Linux, or with a display', () => {
    expect(chooseDisplay({ ...facts, electronPresent: false }, false)).toEqual({ kind: 'direct', line: undefined })
    expect(chooseDisplay({ ...facts, platform: 'darwin' }, false)).toEqual({ kind: 'direct', line: undefined })
    expect(chooseDisplay({ ...facts, hasDisplay: true }, false).kind).toBe('direct')
  })

  it('uses xvfb-run, installs it with apt-get where it can, or names the command', () => {
    expect(chooseDisplay({ ...facts, xvfbRun: '/usr/bin/xvfb-run' }, false)).toMatchObject({ kind: 'xvfb', xvfbRun: '/usr/bin/xvfb-run' })
    expect(chooseDisplay({ ...facts, aptWithoutAsking: true }, false)).toMatchObject({
      kind: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'xvfb']
      ]
    })
    const failed = chooseDisplay({ ...facts, aptWithoutAsking: true }, true)
    expect(failed.kind === 'fail' && failed.message).toContain('`sudo apt-get install -y xvfb`')
  })
})

describe.skipIf(process.platform === 'win32')('npm run test:browser', () => {
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/testSetup/ensureBrowser.ts'], { env: { ...process.env, ...env }, encoding: 'utf8' })

  it('says in one line which browser it uses', async () => {
    const browser = await stub(await tempDir(), 'my-chromium')
    const result = run({ PARLEY_CHROMIUM: browser })
    expect(result.stdout).toBe(`npm test: browser ${browser} (PARLEY_CHROMIUM)\n`)
    expect(result.status).toBe(0)
  })

  it('stops before the suite, with the reason, when the browser it was given is not there', async () => {
    const missing = join(await tempDir(), 'no-such-browser')
    const result = run({ PARLEY_CHROMIUM: missing })
    expect(result.stderr).toContain(`PARLEY_CHROMIUM is set to ${missing}, which is not an executable file`)
    expect(result.status).toBe(1)
  })
})

describe("whether Playwright's download answers", () => {
  it('asks the download host (PLAYWRIGHT_DOWNLOAD_HOST where set): any HTTP answer counts, a refused connection does not', async () => {
    const server = createServer((_request, response) => response.writeHead(403).end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    try {
      expect(await playwrightDownloadReachable({ PLAYWRIGHT_DOWNLOAD_HOST: `http://127.0.0.1:${port}` })).toBe(true)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
    // The same port, now closed.
    expect(await playwrightDownloadReachable({ PLAYWRIGHT_DOWNLOAD_HOST: `http://127.0.0.1:${port}` })).toBe(false)
  })
})
