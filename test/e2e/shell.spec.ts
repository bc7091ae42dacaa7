import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test, watchConsole } from './fixtures'

test.describe('the app shell through the browser host', () => {
  test('renders sidebar, tabs, request and response areas and status bar without console errors', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await expect(page.getByRole('navigation', { name: 'Sidebar' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Collections' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('tablist', { name: 'Open requests' })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('GET')
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Response' })).toContainText('Send a request to see its response here')
    await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
    await page.getByRole('tab', { name: 'History' }).click()
    await expect(page.getByRole('tabpanel', { name: 'History' })).toContainText('Nothing sent yet')
    expect(errors).toEqual([])
  })

  test('the About dialog shows the real versions and data directory from core', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'About Parley' }).click()
    const dialog = page.getByRole('dialog', { name: 'About Parley' })
    await expect(dialog).toBeVisible()
    const versions = dialog.getByRole('definition')
    await expect(versions.filter({ hasText: process.versions.node })).toHaveCount(1)
    await expect(versions.filter({ hasText: process.versions.v8 })).toHaveCount(1)
    await expect(dialog).toContainText(host.dataDir)
    await expect(dialog).toContainText('Browser host')
    const { version } = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
    await expect(dialog).toContainText(`Parley ${version}`)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })

  test('the clock pushed by core arrives live in the status bar', async ({ page, host }) => {
    await page.goto(host.url)
    const clock = page.getByLabel('Core clock')
    await expect(clock).toBeVisible()
    const first = await clock.getAttribute('datetime')
    await expect.poll(() => clock.getAttribute('datetime'), { timeout: 5_000 }).not.toBe(first)
  })

  test('the theme follows the OS until the user picks one, and the choice survives a reload', async ({ page, host }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(host.url)
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const darkBackground = await background()
    await page.emulateMedia({ colorScheme: 'light' })
    const lightBackground = await background()
    expect(darkBackground).not.toBe(lightBackground)
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
    await expect.poll(background).toBe(darkBackground)
    await page.reload()
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark')
    await expect.poll(background).toBe(darkBackground)
  })

  test('tabs open, close and reopen from the mouse and the keyboard', async ({ page, host }) => {
    await page.goto(host.url)
    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
    await expect(tabs).toHaveCount(1)
    await page.getByRole('button', { name: 'New request' }).click()
    await expect(tabs).toHaveCount(2)
    await page.getByRole('textbox', { name: 'URL' }).fill('https://api.example.com/users?page=2')
    await expect(tabs.nth(1)).toContainText('GET/users')
    await expect(page.getByRole('textbox', { name: 'Param 1 name' })).toHaveValue('page')
    // The tab holds unsaved changes: closing it asks first.
    await page.keyboard.press('Control+w')
    await page.getByRole('dialog', { name: 'Unsaved changes' }).getByRole('button', { name: "Don't save" }).click()
    await expect(tabs).toHaveCount(1)
    await page.keyboard.press('Control+Shift+t')
    await expect(tabs).toHaveCount(2)
    await expect(tabs.nth(1)).toContainText('GET/users')
    await page.getByRole('button', { name: 'Close GET /users' }).click()
    await page.getByRole('dialog', { name: 'Unsaved changes' }).getByRole('button', { name: "Don't save" }).click()
    await page.getByRole('button', { name: /^Close / }).click()
    await expect(page.getByText('No open requests')).toBeVisible()
  })

  test('refuses a visit without the token', async ({ page, host }) => {
    const response = await page.goto(host.origin + '/')
    expect(response?.status()).toBe(403)
    await expect(page.locator('body')).toContainText('access token')
  })
})
