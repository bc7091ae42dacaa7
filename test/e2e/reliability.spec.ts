import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, startHostProcess, stopHostProcess, test } from './fixtures'
import { copySample, item, openCollection } from './collectionSteps'

let server: Server
let base = ''

test.beforeAll(async () => {
  server = createServer((_req, res) => res.end('{"ok":true}'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test.describe('nothing is replaced or lost silently', () => {
  test('saving a request whose file was deleted on disk asks first; Save again brings the file back', async ({ page, host }) => {
    const dir = await copySample()
    const file = join(dir, 'rest/get-a-note.yaml')
    await page.goto(host.url)
    await openCollection(page, dir)
    await item(page, 'REST').click()
    await item(page, 'Get a note').click()
    const url = page.getByRole('textbox', { name: 'URL' })
    await expect(url).toHaveValue('{{playground}}/api/notes/1')
    await rm(file)
    await url.fill('{{playground}}/api/notes/kept')
    await page.keyboard.press('Control+s')
    const dialog = page.getByRole('dialog', { name: 'This request was deleted on disk' })
    await expect(dialog).toContainText('rest/get-a-note.yaml')
    await expect(dialog.getByRole('button', { name: 'Discard' })).toBeVisible()
    await dialog.getByRole('button', { name: 'Save again' }).click()
    await expect(dialog).toBeHidden()
    await expect.poll(() => readFile(file, 'utf8').catch(() => '')).toContain('/api/notes/kept')
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByLabel('unsaved changes')).toHaveCount(0)
  })

  test('a request that cannot be written to history is reported', async ({ page, host }) => {
    // A file where the history folder should be: the entry cannot be written.
    await writeFile(join(host.dataDir, 'history'), 'not a folder')
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${base}/x`)
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('200')
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      `History could not be saved: The history entry could not be written to ${join(host.dataDir, 'history')}`
    )
  })

  test('a damaged cookies.json is kept aside and reported when the window opens', async ({ page }) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'))
    await writeFile(join(dataDir, 'cookies.json'), '{ damaged')
    const { child, url } = await startHostProcess(dataDir)
    try {
      await page.goto(url)
      const notifications = page.getByRole('status', { name: 'Notifications' })
      await expect(notifications).toContainText('The saved cookies')
      await expect(notifications).toContainText('cookies.json.damaged-')
      const names = await readdir(dataDir)
      const aside = names.find((name) => name.startsWith('cookies.json.damaged-'))
      expect(await readFile(join(dataDir, aside!), 'utf8')).toBe('{ damaged')
    } finally {
      await stopHostProcess(child)
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
