import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, safeStorage } from 'electron'
import { createServices, type Services } from '../core/services'
import { createSecretCipher } from '../core/store/secretCipher'
import { registerIpcAdapter } from './ipcAdapter'
import { installMenu } from './menu'
import { electronDialogs } from './nativeDialogs'
import { lockDownContents } from './security'
import { appUrlMatcher, isTrustedSender, webPreferencesFor } from './securityPolicy'
import { openSignInWindow } from './signInWindow'
import { claimSingleInstance } from './singleInstance'
import { loadWindowState, trackWindowState } from './windowState'

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const isDevelopment = !app.isPackaged && devServerUrl !== undefined
const rendererFile = join(import.meta.dirname, '../renderer/index.html')
const isAppUrl = appUrlMatcher(devServerUrl ? { devServerUrl } : { rendererFileUrl: pathToFileURL(rendererFile).href })
const rendererDirUrl = devServerUrl ? undefined : `${pathToFileURL(dirname(rendererFile)).href}/`

let services: Services | undefined
let mainWindow: BrowserWindow | undefined

async function createWindow(dataDir: string): Promise<void> {
  const state = await loadWindowState(dataDir)
  const window = new BrowserWindow({
    width: state?.width ?? 1280,
    height: state?.height ?? 820,
    ...(state ? { x: state.x, y: state.y } : {}),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Parley',
    backgroundColor: '#1b1d23',
    webPreferences: webPreferencesFor(join(import.meta.dirname, '../preload/index.cjs'))
  })
  if (state?.maximized) window.maximize()
  lockDownContents(window.webContents, isAppUrl, rendererDirUrl)
  trackWindowState(window, dataDir)
  window.once('ready-to-show', () => window.show())
  // A crashed renderer comes back by itself; its realtime tabs reattach to the sessions core kept running.
  let lastCrash = 0
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    const now = Date.now()
    // Twice within ten seconds is a crash loop: leave the window as it is rather than spin.
    if (now - lastCrash < 10_000) return
    lastCrash = now
    window.webContents.reload()
  })
  window.on('closed', () => {
    mainWindow = undefined
  })
  mainWindow = window
  if (devServerUrl) await window.loadURL(devServerUrl)
  else await window.loadFile(rendererFile)
}

async function start(): Promise<void> {
  if (!claimSingleInstance(app, () => mainWindow)) return
  app.enableSandbox()
  await app.whenReady()
  const dataDir = app.getPath('userData')
  services = await createServices({
    dataDir,
    shell: 'electron',
    appVersion: app.getVersion(),
    versions: process.versions,
    // The OS keychain where it works; values the browser host wrote with the file key still open.
    secretCipher: createSecretCipher(dataDir, safeStorage),
    // Electron's own binary runs the bundled playground as plain Node.
    playground: { command: process.execPath, args: [join(import.meta.dirname, 'playground.js')], env: { ELECTRON_RUN_AS_NODE: '1' } },
    sampleCollectionDir: join(app.getAppPath(), 'resources', 'sample-collection'),
    nativeDialogs: electronDialogs(() => mainWindow),
    oauth: { signInWindow: openSignInWindow(() => mainWindow ?? null) }
  })
  registerIpcAdapter(services, (event) => {
    const frame = event.senderFrame
    return isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, isAppUrl)
  })
  installMenu(isDevelopment)
  await createWindow(dataDir)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(dataDir)
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => {
  void services?.dispose()
})

void start().catch((error: unknown) => {
  console.error('Parley failed to start:', error)
  app.exit(1)
})
