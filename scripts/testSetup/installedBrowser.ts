import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { chromium } from '@playwright/test'
import { isExecutableFile } from '../launch/commandPath'
import { aptWithoutAsking, findSystemBrowser, readOsRelease, systemBrowserCandidates } from './browserSearch'
import { aptCommands, chooseBrowser, type BrowserFacts, type Installer } from './browserPlan'

/** What is on this machine now, without installing or asking the network anything. */
export function browserFactsNow(env: NodeJS.ProcessEnv = process.env): BrowserFacts {
  const override = env['PARLEY_CHROMIUM']
  let playwrightBrowser: string | undefined
  try {
    const expected = chromium.executablePath()
    playwrightBrowser = isExecutableFile(expected) ? expected : undefined
  } catch {
    playwrightBrowser = undefined
  }
  return {
    platform: process.platform,
    override: override ? { path: override, executable: isExecutableFile(override) } : undefined,
    systemBrowser: findSystemBrowser(systemBrowserCandidates(process.platform, env), env, process.platform),
    playwrightBrowser,
    aptWithoutAsking: aptWithoutAsking(process.platform, process.getuid?.(), readOsRelease(), env),
    playwrightReachable: undefined
  }
}

/** The browser the end-to-end suite uses (playwright.config.ts): the first one already installed, if any. */
export function installedBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const choice = chooseBrowser({ ...browserFactsNow(env), aptWithoutAsking: false, playwrightReachable: false }, [])
  return choice.kind === 'use' ? choice.path : undefined
}

/** Whether Playwright's browser download host answers at all (any HTTP status), within ten seconds. */
export async function playwrightDownloadReachable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const host = env['PLAYWRIGHT_DOWNLOAD_HOST'] ?? 'https://cdn.playwright.dev'
  try {
    await fetch(host, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })
    return true
  } catch {
    return false
  }
}

/**
 * Runs an installer's commands in order, visibly. Whether it worked is judged by finding the browser
 * afterwards: `apt-get update` may fail for one unreachable source and the install still succeed.
 */
export function runInstaller(installer: Installer): void {
  if (installer === 'apt') {
    for (const [command, ...args] of aptCommands) {
      spawnSync(command!, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    }
    return
  }
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli')
  spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' })
}
