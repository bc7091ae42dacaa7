import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { findElectronBinary } from './electronBinary'

const binary = findElectronBinary()
if (!binary.path) console.log(`Electron suite skipped: ${binary.reason}`)

test.describe('the real Electron window', () => {
  test.skip(!binary.path, binary.reason)

  test('opens the app shell with a sandboxed, isolated renderer and serves the contract over IPC', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'parley-electron-'))
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(process.cwd(), 'out', 'main', 'index.js'), `--user-data-dir=${userData}`, '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' }
    })
    try {
      const window = await app.firstWindow()
      await expect(window.getByRole('navigation', { name: 'Sidebar' })).toBeVisible()
      await expect(window.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
      // Isolation: the page sees the contract bridge and nothing of Node.
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
      expect(await window.evaluate(() => typeof (window as unknown as { parley?: unknown }).parley)).toBe('object')
      await window.getByRole('button', { name: 'About Parley' }).click()
      const dialog = window.getByRole('dialog', { name: 'About Parley' })
      await expect(dialog).toContainText('Desktop app (Electron)')
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const webPreferences = BrowserWindow.getAllWindows()[0]?.webContents.getLastWebPreferences()
        return { sandbox: webPreferences?.sandbox, contextIsolation: webPreferences?.contextIsolation, nodeIntegration: webPreferences?.nodeIntegration }
      })
      expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false })
      // Content may not open windows.
      await window.evaluate(() => window.open('https://example.com'))
      expect(app.windows()).toHaveLength(1)
    } finally {
      await app.close()
      await rm(userData, { recursive: true, force: true })
    }
  })
})
