import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, watchConsole } from './fixtures'

let server: Server
let base = ''

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const status = req.url?.startsWith('/missing') ? 404 : 200
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ path: req.url }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test.describe('history', () => {
  test('lists sent requests by day with status, searches, reopens one in a new tab, and clears after confirming', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    const url = page.getByRole('textbox', { name: 'URL' })
    const send = page.getByRole('button', { name: 'Send' })
    await url.fill(`${base}/users?page=1`)
    await send.click()
    await expect(page.getByRole('region', { name: 'Response' })).toContainText('200')
    await url.fill(`${base}/missing/thing`)
    await send.click()
    await expect(page.getByRole('region', { name: 'Response' })).toContainText('404')

    await page.getByRole('tab', { name: 'History' }).click()
    const panel = page.getByRole('tabpanel', { name: 'History' })
    const today = panel.getByRole('region', { name: 'Today' })
    await expect(today.getByRole('button')).toHaveCount(2)
    // Newest first, each with method, URL, status and time.
    await expect(today.getByRole('button').nth(0)).toHaveAccessibleName(new RegExp(`^GET ${base}/missing/thing, 404, at `))
    await expect(today.getByRole('button').nth(1)).toHaveAccessibleName(new RegExp(`^GET ${base}/users\\?page=1, 200, at `))
    await expect(today.getByRole('button').nth(1)).toContainText('200')
    await expect(panel).toContainText('2 entries')

    await page.getByRole('searchbox', { name: 'Search history' }).fill('users')
    await expect(panel.getByRole('button', { name: /^GET / })).toHaveCount(1)

    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
    const before = await tabs.count()
    await panel.getByRole('button', { name: /\/users\?page=1/ }).click()
    await expect(tabs).toHaveCount(before + 1)
    await expect(tabs.nth(before)).toHaveAttribute('aria-selected', 'true')
    await expect(url).toHaveValue(`${base}/users?page=1`)

    await page.getByRole('searchbox', { name: 'Search history' }).fill('')
    await panel.getByRole('button', { name: 'Clear history' }).click()
    const dialog = page.getByRole('dialog', { name: 'Clear history' })
    await dialog.getByRole('button', { name: 'Clear' }).click()
    await expect(panel).toContainText('Nothing sent yet')
    expect(errors).toEqual([])
  })

  test('the history limit keeps only the newest entries', async ({ page, host }) => {
    await page.goto(host.url)
    const url = page.getByRole('textbox', { name: 'URL' })
    for (const n of [1, 2, 3]) {
      await url.fill(`${base}/item/${n}`)
      await page.getByRole('button', { name: 'Send' }).click()
      await expect(page.getByRole('region', { name: 'Response' })).toContainText(`/item/${n}`)
    }
    await page.getByRole('tab', { name: 'History' }).click()
    const panel = page.getByRole('tabpanel', { name: 'History' })
    await expect(panel).toContainText('3 entries')
    await panel.getByRole('button', { name: 'History limit' }).click()
    const dialog = page.getByRole('dialog', { name: 'History limit' })
    await expect(dialog.getByRole('spinbutton', { name: 'Entries to keep' })).toHaveValue('1000')
    await dialog.getByRole('spinbutton', { name: 'Entries to keep' }).fill('2')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(panel).toContainText('2 entries')
    await expect(panel.getByRole('button', { name: /\/item\/1,/ })).toHaveCount(0)
    await expect(panel.getByRole('button', { name: /\/item\/3,/ })).toHaveCount(1)
  })
})
