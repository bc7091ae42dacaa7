/**
 * How `npm test` gets a browser for the end-to-end suite, in this order: PARLEY_CHROMIUM; a Chromium or
 * Chrome on the system; Playwright's own browser; the system package manager where it runs without
 * asking; Playwright's installer where its download answers. Pure: the facts come from browserSearch.ts.
 */
export type Installer = 'apt' | 'playwright'

export interface BrowserFacts {
  platform: NodeJS.Platform
  /** PARLEY_CHROMIUM, and whether it names an executable file. */
  override: { path: string; executable: boolean } | undefined
  systemBrowser: string | undefined
  playwrightBrowser: string | undefined
  aptWithoutAsking: boolean
  /** Whether Playwright's download host answers; undefined until someone has to ask. */
  playwrightReachable: boolean | undefined
}

export type BrowserChoice =
  | { kind: 'use'; path: string | undefined; line: string }
  | { kind: 'install'; installer: Installer; commands: string[][]; line: string }
  | { kind: 'probe' }
  | { kind: 'fail'; message: string }

export const aptCommands = [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'chromium']
]
export const playwrightCommand = ['npx', 'playwright', 'install', 'chromium']

export function chooseBrowser(facts: BrowserFacts, tried: readonly Installer[]): BrowserChoice {
  if (facts.override) {
    if (facts.override.executable) return { kind: 'use', path: facts.override.path, line: `npm test: browser ${facts.override.path} (PARLEY_CHROMIUM)` }
    return {
      kind: 'fail',
      message: `npm test: PARLEY_CHROMIUM is set to ${facts.override.path}, which is not an executable file. Point it at a Chromium or Chrome executable, or unset it.`
    }
  }
  if (facts.systemBrowser) return { kind: 'use', path: facts.systemBrowser, line: `npm test: browser ${facts.systemBrowser} (found on this system)` }
  if (facts.playwrightBrowser) {
    return { kind: 'use', path: facts.playwrightBrowser, line: `npm test: browser ${facts.playwrightBrowser} (Playwright's own)` }
  }
  if (facts.aptWithoutAsking && !tried.includes('apt')) {
    return { kind: 'install', installer: 'apt', commands: aptCommands, line: 'npm test: no Chromium found; installing it: apt-get install -y chromium' }
  }
  if (!tried.includes('playwright')) {
    if (facts.playwrightReachable === undefined) return { kind: 'probe' }
    if (facts.playwrightReachable) {
      return {
        kind: 'install',
        installer: 'playwright',
        commands: [playwrightCommand],
        line: `npm test: no Chromium found; installing Playwright's: ${playwrightCommand.join(' ')}`
      }
    }
  }
  return { kind: 'fail', message: `npm test: no Chromium or Chrome for the end-to-end tests. ${remedy(facts, tried)}` }
}

/** The one command the reader should run, for this system, then npm test again. */
function remedy(facts: BrowserFacts, tried: readonly Installer[]): string {
  const then = 'then run npm test again (or set PARLEY_CHROMIUM to a Chromium or Chrome executable).'
  if (tried.includes('apt')) return `\`apt-get install -y chromium\` did not give one (see above); fix that and ${then}`
  if (tried.includes('playwright')) return `\`${playwrightCommand.join(' ')}\` did not give one (see above); fix that and ${then}`
  if (facts.platform === 'linux') return `Run \`sudo apt-get install -y chromium\` (Debian, Ubuntu; or your distribution's chromium package), ${then}`
  return `Install Google Chrome, or run \`npx playwright install chromium\` where its download is reachable, ${then}`
}
