import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { copySample, createCollection, item, openCollection } from './collectionSteps'
import { expect, test, watchConsole } from './fixtures'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
const selected = (page: Page) => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { selected: true })
const response = (page: Page) => page.getByRole('region', { name: 'Response', exact: true })

test.describe('the keyboard', () => {
  test.describe.configure({ timeout: 60_000 })

  test('a new tab puts the cursor in its URL; Esc cancels from anywhere; Ctrl+W asks before losing changes', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await createCollection(page, 'Keys', join(await mkdtemp(join(tmpdir(), 'parley-keys-')), 'keys'))
    await expect(tabs(page)).toHaveCount(1)
    // Alt+T: the alternative to Ctrl+T, which a browser keeps for itself.
    await page.keyboard.press('Alt+t')
    await expect(tabs(page)).toHaveCount(2)
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeFocused()
    await page.keyboard.type(`${playground.url}/delay/20000`)
    await page.keyboard.press('Control+Enter')
    await expect(response(page).getByRole('progressbar')).toBeVisible()
    // Focus away from the URL: Esc still cancels the request in flight.
    await page
      .getByRole('tablist', { name: 'Request sections' })
      .getByRole('tab', { name: /Headers/ })
      .click()
    await page.keyboard.press('Escape')
    await expect(response(page)).toContainText('Request cancelled')

    // Ctrl+W on a tab with unsaved changes asks: Cancel keeps it.
    await page.keyboard.press('Control+w')
    const ask = page.getByRole('dialog', { name: 'Unsaved changes' })
    await expect(ask).toContainText('GET /delay/20000')
    await ask.getByRole('button', { name: 'Cancel' }).click()
    await expect(tabs(page)).toHaveCount(2)
    // Alt+W, then Save: an untitled tab asks where, is saved, then closes.
    await page.keyboard.press('Alt+w')
    await ask.getByRole('button', { name: 'Save', exact: true }).click()
    const saveAs = page.getByRole('dialog', { name: 'Save request' })
    await expect(saveAs.getByRole('textbox', { name: 'Name' })).toHaveValue('GET /delay/20000')
    await saveAs.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(tabs(page)).toHaveCount(1)
    await expect(item(page, 'GET /delay/20000')).toBeVisible()
    expect(errors).toEqual([])
  })

  test('Ctrl+S saves wherever the focus is, the body editor included', async ({ page, host }) => {
    const dir = await copySample()
    await page.goto(host.url)
    await openCollection(page, dir)
    await item(page, 'REST').click()
    await item(page, 'Create a note').click()
    await page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: /Body/ }).click()
    const body = page.getByRole('textbox', { name: 'Body', exact: true })
    await body.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' ')
    await expect(selected(page).getByLabel('unsaved changes')).toBeVisible()
    await body.press('Control+s')
    await expect(selected(page).getByLabel('unsaved changes')).toHaveCount(0)
    expect(await readFile(join(dir, 'rest/create-a-note.yaml'), 'utf8')).toContain('name: Create a note')
  })

  test('the command palette finds requests, tabs, environments and actions; the sheet lists every shortcut', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await openCollection(page, await copySample())
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/users`)

    const palette = page.getByRole('dialog', { name: 'Command palette' })
    const search = palette.getByRole('combobox')
    // A request inside a folder that is not expanded.
    await page.keyboard.press('Control+k')
    await expect(search).toBeFocused()
    await search.fill('get a note')
    await expect(palette.getByRole('option').first()).toContainText('Get a note')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(selected(page)).toHaveAccessibleName(/^GET Get a note/)

    // An open tab.
    await page.keyboard.press('Control+k')
    await search.fill('/api/users')
    await palette.getByRole('option', { name: /\/api\/users/ }).click()
    await expect(selected(page)).toHaveAccessibleName(/^GET \/api\/users/)

    // An action, with the arrow keys.
    await page.keyboard.press('Control+k')
    await search.fill('theme')
    await expect(palette.getByRole('option')).toHaveCount(3)
    await page.keyboard.press('ArrowDown')
    await expect(palette.getByRole('option', { selected: true })).toContainText('Theme: Dark')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark')

    await page.keyboard.press('Control+k')
    await search.fill('new socket')
    await page.keyboard.press('Enter')
    await expect(selected(page)).toHaveAccessibleName(/^SIO /)

    await page.keyboard.press('Control+k')
    await search.fill('settings')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    await page.keyboard.press('Escape')

    // An environment of an open collection: choosing it selects it.
    await page.getByRole('button', { name: 'Manage environments' }).click()
    const manage = page.getByRole('dialog', { name: 'Manage environments' })
    await manage.getByRole('button', { name: '+ New environment' }).click()
    await manage.getByRole('textbox', { name: 'Environment name' }).fill('Staging')
    await manage.getByRole('button', { name: 'Create environment' }).click()
    await expect(manage.getByRole('status')).toHaveText('Environment Staging saved.')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('')
    await page.keyboard.press('Control+k')
    await search.fill('staging')
    await expect(palette.getByRole('option', { selected: true })).toContainText('use in Parley playground')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('staging')

    // The shortcut sheet, with the browser alternatives.
    await page.keyboard.press('Control+/')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()
    await expect(sheet.getByRole('row', { name: /New request tab/ })).toContainText('Alt+T')
    await expect(sheet.getByRole('row', { name: /Close the tab/ }).first()).toContainText('Alt+W')
    await expect(sheet.getByRole('row', { name: /Command palette/ })).toContainText('Ctrl+K')
    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()
    expect(errors).toEqual([])
  })

  test('Ctrl+Enter connects a Socket.IO session, then emits what the composer holds', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'New realtime session' }).click()
    await page.getByRole('menuitem', { name: 'New Socket.IO session' }).click()
    await page.locator('.rt-pane').getByRole('textbox', { name: 'URL' }).fill(playground.url)
    await page.keyboard.press('Control+Enter')
    await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('Connected')
    await page.getByRole('textbox', { name: 'Event' }).fill('echo')
    await page.getByRole('button', { name: '+ Add argument' }).click()
    await page.getByRole('textbox', { name: 'Argument 1 value' }).fill('hello')
    await page.getByRole('textbox', { name: 'Argument 1 value' }).press('Control+Enter')
    const log = page.getByRole('list', { name: 'Message log' })
    await expect(log.getByRole('listitem').filter({ hasText: 'echo' }).first()).toContainText('hello')
  })
})
