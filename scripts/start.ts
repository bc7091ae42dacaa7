import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findOnPath } from './launch/commandPath'
import { electronPackageDir, electronPackageInfo, findElectronBinary } from './launch/electronBinary'
import { downloadElectron } from './launch/electronDownload'
import { browserOpener, downloadFailedMessage, isGraphical, planStart, progressLine } from './launch/startPlan'

/**
 * `npm start`: build, then the desktop app if Electron's binary is (or can be made) present, else the
 * browser host. Every branch says what it does in one line and exits with the code of what it ran.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function build(): void {
  console.log('npm start: building…')
  // `npm run build`: the app (electron-vite), then the browser host's and the CLI's bundles. Under npm,
  // npm_execpath is npm's own script, so this needs no shell and no npm on PATH.
  const npm = process.env['npm_execpath']
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
    : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' })
  if (result.status !== 0) {
    console.error('npm start: the build failed (see above); `npm run build` shows its whole output.')
    process.exit(1)
  }
}

/** Runs a child to its end, passing Ctrl-C and termination on, and exits with its code. */
function runToEnd(child: ChildProcess, name: string): void {
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('error', (error) => {
    console.error(`npm start: could not start ${name}: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    if (code === 0) console.log(`npm start: ${name} stopped.`)
    else if (code === null) console.error(`npm start: ${name} was killed by ${signal}.`)
    else console.error(`npm start: ${name} exited with code ${code}.`)
    process.exit(code ?? 1)
  })
}

function startDesktop(binaryPath: string): void {
  console.log('npm start: opening the desktop app.')
  const env = { ...process.env }
  delete env['ELECTRON_RUN_AS_NODE']
  // Chromium's sandbox cannot run as root on Linux; the renderer stays sandboxed by its web preferences.
  const args = process.platform === 'linux' && process.getuid?.() === 0 ? [root, '--no-sandbox'] : [root]
  runToEnd(spawn(binaryPath, args, { cwd: root, stdio: 'inherit', env }), 'Electron')
}

function openInBrowser(url: string): void {
  const opener = browserOpener(process.platform, process.env, (name) => findOnPath(name) !== undefined)
  if (!opener) {
    console.log('npm start: no graphical browser to open here; open the address above in one.')
    return
  }
  const child = spawn(opener.command, opener.args(url), { stdio: 'ignore', detached: true })
  child.on('error', () => console.log('npm start: could not open a browser; open the address above in one.'))
  child.unref()
}

function startBrowserHost(): void {
  // The host's build (npm start built it just now), or its sources if they changed since.
  const host = spawn(process.execPath, [join(root, 'scripts', 'web.mjs'), '--no-build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  createInterface({ input: host.stdout! }).on('line', (line) => {
    console.log(line)
    const url = /^Parley is running at (\S+)/.exec(line)?.[1]
    if (url) openInBrowser(url)
  })
  runToEnd(host, 'the browser host')
}

async function main(): Promise<void> {
  build()
  let packageDir: string
  try {
    packageDir = electronPackageDir(root)
  } catch {
    console.log('npm start: the electron package is not installed (npm install adds it): starting the browser host instead.')
    return startBrowserHost()
  }
  const { version, nodeRange } = electronPackageInfo(packageDir)
  const binary = findElectronBinary(packageDir)
  const plan = planStart({
    binaryPath: binary.path,
    nodeVersion: process.versions.node,
    installerNodeRange: nodeRange,
    electronVersion: version,
    graphical: isGraphical(process.platform, process.env)
  })
  if (plan.kind === 'desktop') return startDesktop(plan.binaryPath)
  console.log(plan.message)
  if (plan.kind === 'browser') return startBrowserHost()
  let shown = -1
  const download = await downloadElectron(packageDir, ({ transferred, total }) => {
    const percent = total ? Math.floor((transferred / total) * 100) : Math.floor(transferred / 10_000_000)
    if (percent === shown) return
    shown = percent
    const line = progressLine(version, transferred, total)
    if (process.stdout.isTTY) process.stdout.write(`\r${line}   `)
    else if (percent % 10 === 0) console.log(line)
  })
  if (process.stdout.isTTY && shown >= 0) process.stdout.write('\n')
  if (download.ok) return startDesktop(download.path)
  console.log(downloadFailedMessage(download.reason))
  startBrowserHost()
}

await main()
