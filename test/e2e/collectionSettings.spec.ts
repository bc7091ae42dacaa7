import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, watchConsole } from './fixtures'
import { createCollection, item, menuAction } from './collectionSteps'
import { startRecordingServer } from './recordingServer'

test.describe('collection and folder settings', () => {
  test.describe.configure({ timeout: 60_000 })

  test('a collection variable and header set in its settings reach the server; the request shows what it inherits and from where', async ({ page, host }) => {
    const errors = watchConsole(page)
    const server = await startRecordingServer()
    try {
      const dir = join(await mkdtemp(join(tmpdir(), 'parley-settings-')), 'my-api')
      await page.goto(host.url)
      await createCollection(page, 'My API', dir)
      await expect(item(page, 'My API')).toBeVisible()

      // From the tree: the collection's settings.
      await item(page, 'My API').hover()
      await page.getByRole('button', { name: 'Settings of My API' }).click()
      const settings = page.getByRole('dialog', { name: 'Collection settings: My API' })
      await settings.getByRole('textbox', { name: 'Variable 1 name' }).fill('base')
      await settings.getByRole('textbox', { name: 'Variable 1 value' }).fill(server.url)
      await settings.getByRole('textbox', { name: 'Variable 2 name' }).fill('teamToken')
      await settings.getByLabel('Variable 2 value').fill('t0k-secret')
      await settings.getByRole('checkbox', { name: 'Variable 2 secret' }).check()
      await settings.getByRole('tab', { name: 'Headers' }).click()
      await settings.getByRole('combobox', { name: 'New header name' }).fill('X-Team')
      await settings.getByRole('combobox', { name: 'Header 1 value' }).fill('core')
      await settings.getByRole('tab', { name: 'Auth' }).click()
      await settings.getByRole('combobox', { name: 'Auth type' }).selectOption({ label: 'Bearer token' })
      await settings.getByLabel('Token').fill('{{teamToken}}')
      await settings.getByRole('button', { name: 'Save' }).click()
      await expect(settings).toBeHidden()
      const file = await readFile(join(dir, 'parley.yaml'), 'utf8')
      expect(file).toContain('X-Team')
      expect(file).toContain(server.url)
      expect(file).not.toContain('t0k-secret')

      // A folder's settings, from its menu.
      await menuAction(page, 'My API', 'New folder')
      const folderDialog = page.getByRole('dialog', { name: 'New folder' })
      await folderDialog.getByRole('textbox', { name: 'Name' }).fill('Users')
      await folderDialog.getByRole('button', { name: 'Create' }).click()
      await menuAction(page, 'Users', 'Settings…')
      const folderSettings = page.getByRole('dialog', { name: 'Folder settings: Users' })
      await folderSettings.getByRole('tab', { name: 'Headers' }).click()
      await folderSettings.getByRole('combobox', { name: 'New header name' }).fill('X-Scope')
      await folderSettings.getByRole('combobox', { name: 'Header 1 value' }).fill('users')
      await folderSettings.getByRole('button', { name: 'Save' }).click()
      await expect(folderSettings).toBeHidden()

      await menuAction(page, 'Users', 'New request')
      const requestDialog = page.getByRole('dialog', { name: 'New request' })
      await requestDialog.getByRole('textbox', { name: 'Name' }).fill('List users')
      await requestDialog.getByRole('button', { name: 'Create' }).click()
      await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /List users/ })).toBeVisible()

      await page.getByRole('textbox', { name: 'URL' }).fill('{{base}}/users')
      await page
        .getByRole('tablist', { name: 'Request sections' })
        .getByRole('tab', { name: /Headers/ })
        .click()
      const inherited = page.getByRole('table', { name: 'Inherited headers' })
      await expect(inherited.getByRole('row')).toHaveText([/X-Team\s*core\s*from collection My API/, /X-Scope\s*users\s*from folder Users/])
      await page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: /Auth/ }).click()
      await page.getByRole('combobox', { name: 'Auth type' }).selectOption('inherit')
      await expect(page.getByRole('note', { name: 'Inherited auth' })).toHaveText('Inherits Bearer token from collection My API.')

      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect.poll(() => server.received.length).toBe(1)
      const got = server.last()
      expect(got.url).toBe('/users')
      expect(got.headers['x-team']).toBe('core')
      expect(got.headers['x-scope']).toBe('users')
      expect(got.headers['authorization']).toBe('Bearer t0k-secret')
      expect(errors).toEqual([])
    } finally {
      await server.close()
    }
  })
})
