import type { Locator, Page } from '@playwright/test'
import { expect, test, watchConsole } from './fixtures'
import { coreCall, gotoApp, openSession } from './realtimeSteps'

async function width(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.width
}
async function height(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.height
}

/** Drags a separator by dx/dy pixels with the mouse, as a user does. */
async function drag(page: Page, separator: Locator, dx: number, dy: number): Promise<void> {
  const box = (await separator.boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 })
  await page.mouse.move(x + dx, y + dy, { steps: 4 })
  await page.mouse.up()
}

test.describe('resizable panes', () => {
  test.describe.configure({ timeout: 60_000 })

  test('sidebar, request/response and composer/log keep the sizes they were dragged to across a reload', async ({ page, host }) => {
    const errors = watchConsole(page)
    await gotoApp(page, host.url)
    const sidebar = page.getByRole('navigation', { name: 'Sidebar' })
    const sidebarBefore = await width(sidebar)
    await drag(page, page.getByRole('separator', { name: 'Resize sidebar' }), 120, 0)
    await expect.poll(() => width(sidebar)).toBeGreaterThan(sidebarBefore + 100)
    const sidebarAfter = await width(sidebar)

    // The request/response separator answers the keyboard too.
    const response = page.getByRole('region', { name: 'Response' })
    const responseBefore = await height(response)
    const split = page.getByRole('separator', { name: 'Resize request and response' })
    await split.focus()
    for (let i = 0; i < 5; i++) await split.press('ArrowUp')
    await expect.poll(() => height(response)).toBeGreaterThan(responseBefore + 20)
    await page.getByRole('button', { name: 'Response beside the request' }).click()
    await expect(page.getByRole('button', { name: 'Response beside the request' })).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByRole('separator', { name: 'Resize request and response' })).toHaveAttribute('aria-orientation', 'vertical')

    await openSession(page, 'socketio', 'http://127.0.0.1:9')
    const tools = page.getByRole('complementary', { name: 'Session tools' })
    const toolsBefore = await width(tools)
    await drag(page, page.getByRole('separator', { name: 'Resize composer and log' }), 90, 0)
    await expect.poll(() => width(tools)).toBeGreaterThan(toolsBefore + 70)
    const toolsAfter = await width(tools)

    // Core has them (the workspace file), not only this page.
    await expect
      .poll(async () => (await coreCall<{ layout?: { sidebar?: number; requestOrientation?: string; realtimeSide?: number } }>(page, 'workspace.get')).layout)
      .toMatchObject({ requestOrientation: 'side-by-side', sidebar: expect.any(Number), realtimeSide: expect.any(Number) })
    await expect.poll(async () => (await coreCall<{ layout?: { realtimeSide?: number } }>(page, 'workspace.get')).layout?.realtimeSide).not.toBe(30)

    await page.reload()
    await expect(tools).toBeVisible()
    await expect.poll(() => width(sidebar)).toBeGreaterThan(sidebarAfter - 3)
    expect(await width(sidebar)).toBeLessThan(sidebarAfter + 3)
    await expect.poll(() => width(tools)).toBeGreaterThan(toolsAfter - 3)
    expect(await width(tools)).toBeLessThan(toolsAfter + 3)
    await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').first().click()
    await expect(page.getByRole('button', { name: 'Response beside the request' })).toHaveAttribute('aria-pressed', 'true')
    expect(errors).toEqual([])
  })
})
