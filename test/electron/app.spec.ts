import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { electronPackageDir, findElectronBinary } from '../../scripts/launch/electronBinary'
import { startPlayground, type Playground } from '../../src/playground/server'
import { contentSecurityPolicy } from '../../src/main/securityPolicy'

const found = findElectronBinary(electronPackageDir())
const binary = {
  path: found.path,
  reason: found.path
    ? 'found'
    : `${found.reason}. npm start downloads it on a machine that can reach Electron's download (Node.js 22.12+); ` +
      'or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.'
}
if (!binary.path) console.log(`Electron suite skipped: ${binary.reason}`)

let userData: string
let app: ElectronApplication
let page: Page
let playground: Playground

test.describe('the real Electron window', () => {
  test.skip(!binary.path, binary.reason)
  test.describe.configure({ mode: 'serial' })

  test.beforeAll(async () => {
    playground = await startPlayground({ port: 0 })
    userData = await mkdtemp(join(tmpdir(), 'parley-electron-'))
    app = await electron.launch({
      executablePath: binary.path,
      args: [join(process.cwd(), 'out', 'main', 'index.js'), `--user-data-dir=${userData}`, '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' }
    })
    page = await app.firstWindow()
    await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
  })

  test.afterAll(async () => {
    await app?.close()
    await playground?.close()
    await rm(userData, { recursive: true, force: true })
  })

  test('the window runs with the checklist settings of src/main/securityPolicy.ts', async () => {
    // getLastWebPreferences() is Electron's (undocumented, untyped) view of what the window really got.
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      return contents.getLastWebPreferences()
    })
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    // Isolation: the page sees the contract bridge (contextBridge refuses to work without context isolation) and nothing of Node.
    const globals = await page.evaluate(() => {
      const scope = window as unknown as Record<string, unknown>
      return { require: typeof scope['require'], process: typeof scope['process'], parley: Object.keys(scope['parley'] ?? {}).sort() }
    })
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', parley: ['invoke', 'onEvent'] })
    await page.getByRole('button', { name: 'About Parley' }).click()
    const about = page.getByRole('dialog', { name: 'About Parley' })
    await expect(about).toContainText('Desktop app (Electron)')
    await page.keyboard.press('Escape')
    await expect(about).toBeHidden()
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(csp?.replace(/\s+/g, ' ')).toBe(contentSecurityPolicy)
  })

  test('content cannot open windows, navigate away, get permissions or load remote content', async () => {
    const start = page.url()
    await page.evaluate(() => window.open('https://example.com'))
    expect(app.windows()).toHaveLength(1)
    await page.evaluate(() => {
      location.href = 'file:///etc/hostname'
    })
    await expect(page.getByRole('navigation', { name: 'Sidebar' })).toBeVisible()
    expect(page.url()).toBe(start)
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied')
    const remoteImage = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const image = new Image()
          image.onload = () => resolve('loaded')
          image.onerror = () => resolve('blocked')
          image.src = url
        }),
      `${playground.url}/api/notes`
    )
    expect(remoteImage).toBe('blocked')
  })

  test('a short journey: send a request, open a Socket.IO session, save to a collection', async () => {
    // Send a request to the playground and read its status.
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/notes`)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('200')

    // Save it into a new collection (a native folder picker, where there is one, answers with the folder).
    const collectionDir = join(userData, 'journey-collection')
    await app.evaluate(({ dialog }, dir) => {
      dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths: [dir] })) as typeof dialog.showOpenDialog
    }, collectionDir)
    await page.getByRole('button', { name: 'New collection' }).click()
    const create = page.getByRole('dialog', { name: 'New collection' })
    await create.getByRole('textbox', { name: 'Name' }).fill('Journey')
    const folderField = create.getByRole('textbox', { name: 'Folder path' })
    if (await folderField.isVisible()) await folderField.fill(collectionDir)
    await create.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(create).toBeHidden()
    await page.keyboard.press('Control+s')
    const save = page.getByRole('dialog', { name: 'Save request' })
    await save.getByRole('textbox', { name: 'Name' }).fill('List notes')
    await save.getByRole('button', { name: 'Save' }).click()
    await expect(save).toBeHidden()
    const files = await readdir(collectionDir, { recursive: true })
    const saved = await Promise.all(files.filter((file) => file.endsWith('.yaml')).map((file) => readFile(join(collectionDir, file), 'utf8')))
    expect(saved.some((text) => text.includes(`url: ${playground.url}/api/notes`))).toBe(true)

    // Open a Socket.IO session to the playground.
    await page.getByRole('button', { name: 'New realtime session' }).click()
    await page.getByRole('menuitem', { name: 'New Socket.IO session' }).click()
    await page.locator('.rt-pane').getByRole('textbox', { name: 'URL' }).fill(playground.url)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('Connected')
  })
})
