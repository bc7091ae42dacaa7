import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findOnPath, isExecutableFile } from '../launch/commandPath'

/** Where Chromium or Chrome usually lives: fixed paths first, then names looked up on PATH. */
export function systemBrowserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { paths: string[]; names: string[] } {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome']
    const roots = ['/Applications', ...(env['HOME'] ? [join(env['HOME'], 'Applications')] : [])]
    return { paths: roots.flatMap((root) => apps.map((app) => `${root}/${app}`)), names: ['chromium', 'google-chrome'] }
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((root): root is string => Boolean(root))
    const apps = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe']
    return { paths: roots.flatMap((root) => apps.map((app) => `${root}\\${app}`)), names: ['chromium', 'chrome'] }
  }
  return { paths: ['/usr/bin/chromium'], names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] }
}

/** The first candidate that is an executable file. */
export function findSystemBrowser(candidates: { paths: string[]; names: string[] }, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  for (const path of candidates.paths) if (isExecutableFile(path)) return path
  for (const name of candidates.names) {
    const found = findOnPath(name, env, platform)
    if (found) return found
  }
  return undefined
}

/** Whether the system package manager can install Chromium without asking anyone: root on Debian or Ubuntu with apt-get. */
export function aptWithoutAsking(platform: NodeJS.Platform, uid: number | undefined, osRelease: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (platform !== 'linux' || uid !== 0 || !osRelease) return false
  const family = /^ID(?:_LIKE)?=(.*)$/gm
  const ids = [...osRelease.matchAll(family)].flatMap((match) => match[1]!.replace(/"/g, '').split(/\s+/))
  return (ids.includes('debian') || ids.includes('ubuntu')) && findOnPath('apt-get', env, platform) !== undefined
}

export function readOsRelease(): string | undefined {
  return existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : undefined
}
