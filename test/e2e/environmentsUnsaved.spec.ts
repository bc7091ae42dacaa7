import { startPlayground, type Playground } from '../../src/playground/server'
import { copySample, item, openCollection } from './collectionSteps'
import { expect, test, watchConsole } from './fixtures'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

test.describe('environments apply to every tab', () => {
  test('an unsaved tab uses the selected environment; a missing variable says where Parley looked and opens the environments', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await openCollection(page, await copySample())
    await expect(item(page, 'Parley playground')).toBeVisible()

    await page.getByRole('button', { name: 'Manage environments' }).click()
    const dialog = page.getByRole('dialog', { name: 'Manage environments' })
    await dialog.getByRole('button', { name: '+ New environment' }).click()
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Local')
    await dialog.getByRole('textbox', { name: 'Variable 1 name' }).fill('base')
    await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill(playground.url)
    await dialog.getByRole('button', { name: 'Create environment' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Environment Local saved.')
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await page.getByRole('combobox', { name: 'Environment' }).selectOption({ label: 'Local' })

    // A new, unsaved tab: the environment applies.
    await page.getByRole('button', { name: 'New request' }).click()
    const url = page.getByRole('textbox', { name: 'URL' })
    await url.fill('{{base}}/api/notes')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const response = page.getByRole('region', { name: 'Response', exact: true })
    await expect(response.getByRole('group', { name: 'Response summary' })).toContainText('200')

    // A name defined nowhere: the error lists the places looked in, and offers the editor.
    await url.fill('{{baseUrl}}/api/notes')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const failure = response.getByRole('alert')
    await expect(failure).toContainText('The variable "baseUrl" is not defined.')
    await expect(failure).toContainText('Parley looked in the globals, collection "Parley playground" and environment "Local".')
    await failure.getByRole('button', { name: 'Edit environments' }).click()
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Local' })).toHaveAttribute('aria-pressed', 'true')
    expect(errors).toEqual([])
  })

  test('an unsaved Socket.IO tab connects through the environment; a missing one offers the editor', async ({ page, host }) => {
    await page.goto(host.url)
    await openCollection(page, await copySample())
    await page.getByRole('button', { name: 'Manage environments' }).click()
    const dialog = page.getByRole('dialog', { name: 'Manage environments' })
    await dialog.getByRole('button', { name: '+ New environment' }).click()
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Local')
    await dialog.getByRole('textbox', { name: 'Variable 1 name' }).fill('base')
    await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill(playground.url)
    await dialog.getByRole('button', { name: 'Create environment' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Environment Local saved.')
    await page.keyboard.press('Escape')
    await page.getByRole('combobox', { name: 'Environment' }).selectOption({ label: 'Local' })

    await page.getByRole('button', { name: 'New realtime session' }).click()
    await page.getByRole('menuitem', { name: 'New Socket.IO session' }).click()
    const url = page.locator('.rt-pane').getByRole('textbox', { name: 'URL' })
    await url.fill('{{sio}}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    const failure = page.locator('.rt-pane').getByRole('alert')
    await expect(failure).toContainText(
      'The variable "sio" is not defined. Parley looked in the globals, collection "Parley playground" and environment "Local".'
    )
    await failure.getByRole('button', { name: 'Edit environments' }).click()
    await expect(dialog).toBeVisible()
    await page.keyboard.press('Escape')
    await url.fill('{{base}}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('Connected')
  })

  test('with no collection open the error says only the globals were looked in', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill('{{base}}/api/notes')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const failure = page.getByRole('region', { name: 'Response', exact: true }).getByRole('alert')
    await expect(failure).toContainText('Parley looked in the globals (no collection is open, so no environment applies).')
    await expect(failure.getByRole('button', { name: 'Edit environments' })).toBeVisible()
  })
})
