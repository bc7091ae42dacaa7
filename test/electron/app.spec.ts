import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { electronPackageDir, findElectronBinary } from '../../scripts/launch/electronBinary'

const found = findElectronBinary(electronPackageDir())
const binary = {
  path: found.path,
  reason: found.path
    ? 'found'
    : `${found.reason}. npm start downloads it on a machine that can reach Electron's download (Node.js 22.12+); ` +
      'or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.'
}
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
      const page = await app.firstWindow()
      await expect(page.getByRole('navigation', { name: 'Sidebar' })).toBeVisible()
      await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
      // Isolation: the page sees the contract bridge and nothing of Node.
      const globals = await page.evaluate(() => {
        const scope = window as unknown as Record<string, unknown>
        return { require: typeof scope['require'], process: typeof scope['process'], parley: Object.keys(scope['parley'] ?? {}).sort() }
      })
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', parley: ['invoke', 'onEvent'] })
      await page.getByRole('button', { name: 'About Parley' }).click()
      const dialog = page.getByRole('dialog', { name: 'About Parley' })
      await expect(dialog).toContainText('Desktop app (Electron)')
      // Content may not open windows.
      await page.evaluate(() => window.open('https://example.com'))
      expect(app.windows()).toHaveLength(1)
    } finally {
      await app.close()
      await rm(userData, { recursive: true, force: true })
    }
  })
})
