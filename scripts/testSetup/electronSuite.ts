import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { findOnPath } from '../launch/commandPath'
import { electronPackageDir, findElectronBinary } from '../launch/electronBinary'
import { aptWithoutAsking, readOsRelease } from './browserSearch'
import { chooseDisplay, type DisplayFacts } from './displayPlan'

/** `npm run test:electron`: the Electron suite, inside Xvfb where a headed window needs one. */
const facts = (): DisplayFacts => ({
  platform: process.platform,
  hasDisplay: Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']),
  electronPresent: findElectronBinary(electronPackageDir()).path !== undefined,
  xvfbRun: findOnPath('xvfb-run'),
  aptWithoutAsking: aptWithoutAsking(process.platform, process.getuid?.(), readOsRelease(), process.env)
})

let choice = chooseDisplay(facts(), false)
if (choice.kind === 'install') {
  console.log(choice.line)
  // Judged by finding xvfb-run afterwards: `apt-get update` may fail for one source and the install still work.
  for (const [command, ...args] of choice.commands) {
    spawnSync(command!, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  }
  choice = chooseDisplay(facts(), true)
}
if (choice.kind === 'fail' || choice.kind === 'install') {
  console.error(choice.kind === 'fail' ? choice.message : 'npm test: Xvfb could not be installed (see above).')
  process.exit(1)
}
if (choice.line) console.log(choice.line)
const playwright = [createRequire(import.meta.url).resolve('@playwright/test/cli'), 'test', '-c', 'playwright.electron.config.ts', ...process.argv.slice(2)]
const child =
  choice.kind === 'xvfb'
    ? spawn(choice.xvfbRun, ['-a', process.execPath, ...playwright], { stdio: 'inherit' })
    : spawn(process.execPath, playwright, { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 1))
