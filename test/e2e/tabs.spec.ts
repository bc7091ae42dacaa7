import type { Page } from '@playwright/test'
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

const strip = (page: Page) => page.getByRole('tablist', { name: 'Open requests' })
const selected = (page: Page) => strip(page).getByRole('tab', { selected: true })
/** A tab's accessible name: its badge and title, then whether it holds unsaved changes. */
const named = (title: string) => new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( unsaved changes)?$`)

/** Opens `count` request tabs, each with its own path on the playground. */
async function openRequestTabs(page: Page, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    if (i > 1) await page.getByRole('button', { name: 'New request' }).click()
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/notes/${i}?verbose=1`)
  }
}

test.describe('tabs you can always find', () => {
  test.describe.configure({ timeout: 60_000 })

  test('titles say what a tab is: method and path, kind and namespace, or the saved name', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/notes?limit=5`)
    await expect(selected(page)).toHaveAccessibleName(named('GET /api/notes'))
    await page.getByRole('combobox', { name: 'Method' }).fill('POST')
    await expect(selected(page)).toHaveAccessibleName(named('POST /api/notes'))
    await expect(selected(page)).not.toContainText('127.0.0.1')
    await page.getByRole('textbox', { name: 'URL' }).fill('{{base}}/api/users/7')
    await expect(selected(page)).toHaveAccessibleName(named('POST /api/users/7'))

    await page.getByRole('button', { name: 'New realtime session' }).click()
    await page.getByRole('menuitem', { name: 'New Socket.IO session' }).click()
    await page.locator('.rt-pane').getByRole('textbox', { name: 'URL' }).fill(playground.url)
    await page.getByRole('tab', { name: 'Connection' }).click()
    await page.getByRole('textbox', { name: 'Namespace' }).fill('/private')
    await expect(selected(page)).toHaveAccessibleName(named('SIO /private'))

    await page.getByRole('button', { name: 'New realtime session' }).click()
    await page.getByRole('menuitem', { name: 'New WebSocket session' }).click()
    await page
      .locator('.rt-pane')
      .getByRole('textbox', { name: 'URL' })
      .fill(`${playground.url.replace('http', 'ws')}/ws/echo`)
    await expect(selected(page)).toHaveAccessibleName(named('WS /ws/echo'))

    await openCollection(page, await copySample())
    await item(page, 'REST').click()
    await item(page, 'List notes').click()
    await expect(selected(page)).toHaveAccessibleName(named('GET List notes'))
    expect(errors).toEqual([])
  })

  test('the selected tab is scrolled into view, the wheel scrolls the strip, and All tabs lists and selects every tab', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await openRequestTabs(page, 14)
    const tabs = strip(page).getByRole('tab')
    await expect(tabs).toHaveCount(14)
    // More tabs than fit: the strip overflows, and the newest (selected) one is in view.
    expect(await strip(page).evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    await expect(selected(page)).toHaveAccessibleName(named('GET /api/notes/14'))
    await expect(selected(page)).toBeInViewport()
    await expect(tabs.first()).not.toBeInViewport()

    // A realtime session opens at the end and is in view too.
    await tabs.nth(2).evaluate((el) => el.scrollIntoView())
    await page.getByRole('button', { name: 'New realtime session' }).click()
    await page.getByRole('menuitem', { name: 'New SSE stream' }).click()
    await expect(selected(page)).toHaveAccessibleName(named('SSE new session'))
    await expect(selected(page)).toBeInViewport()

    // The wheel scrolls the strip sideways.
    const scrollLeft = () => strip(page).evaluate((el) => el.scrollLeft)
    const before = await scrollLeft()
    await strip(page).hover()
    await page.mouse.wheel(0, -4000)
    await expect.poll(scrollLeft).toBeLessThan(before)
    await expect(tabs.first()).toBeInViewport()

    // All tabs: every tab, the selected one checked; choosing one selects it and brings it into view.
    await page.getByRole('button', { name: 'New request' }).click()
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/last`)
    await page.getByRole('button', { name: 'All tabs' }).click()
    const menu = page.getByRole('menu', { name: 'All tabs' })
    await expect(menu.getByRole('menuitemradio')).toHaveCount(16)
    await expect(menu.getByRole('menuitemradio', { checked: true })).toHaveAccessibleName(/\/api\/last/)
    await menu.getByRole('menuitemradio', { name: /\/api\/notes\/1 / }).click()
    await expect(menu).toBeHidden()
    await expect(selected(page)).toHaveAccessibleName(named('GET /api/notes/1'))
    await expect(selected(page)).toBeInViewport()
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${playground.url}/api/notes/1?verbose=1`)

    // A saved request opened from the sidebar comes into view as well.
    await openCollection(page, await copySample())
    await item(page, 'REST').click()
    await item(page, 'Get a note').click()
    await expect(selected(page)).toHaveAccessibleName(named('GET Get a note'))
    await expect(selected(page)).toBeInViewport()
    expect(errors).toEqual([])
  })
})
