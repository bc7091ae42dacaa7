/**
 * Whether the Electron suite (a real, headed window) needs Xvfb, and how it gets it: not where the
 * suite skips (no Electron binary) or a display exists; xvfb-run where installed; apt-get where it runs
 * without asking; otherwise stop with the command to run.
 */
export interface DisplayFacts {
  platform: NodeJS.Platform
  hasDisplay: boolean
  electronPresent: boolean
  xvfbRun: string | undefined
  aptWithoutAsking: boolean
}

export type DisplayChoice =
  | { kind: 'direct'; line: string | undefined }
  | { kind: 'xvfb'; xvfbRun: string; line: string }
  | { kind: 'install'; commands: string[][]; line: string }
  | { kind: 'fail'; message: string }

export const xvfbAptCommands = [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'xvfb']
]

export function chooseDisplay(facts: DisplayFacts, triedApt: boolean): DisplayChoice {
  if (!facts.electronPresent || facts.platform !== 'linux') return { kind: 'direct', line: undefined }
  if (facts.hasDisplay) return { kind: 'direct', line: 'npm test: the Electron window uses this display' }
  if (facts.xvfbRun) return { kind: 'xvfb', xvfbRun: facts.xvfbRun, line: `npm test: the Electron window runs in Xvfb (${facts.xvfbRun})` }
  if (facts.aptWithoutAsking && !triedApt) {
    return { kind: 'install', commands: xvfbAptCommands, line: 'npm test: no display and no Xvfb; installing it: apt-get install -y xvfb' }
  }
  return {
    kind: 'fail',
    message:
      'npm test: the Electron tests open a real window and there is no display here. Run `sudo apt-get install -y xvfb` ' +
      "(Debian, Ubuntu; or your distribution's xvfb package), then npm test again."
  }
}
