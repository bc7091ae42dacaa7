import { startPlayground, type Playground } from '../../src/playground/server'
import { expect, test } from './fixtures'
import { gotoApp, openSession } from './realtimeSteps'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

/** Two clients of one server side by side: each pane its own session and log; swap, and back to one pane. */
test('a realtime tab opens side by side with a copy of itself, each pane a live session of its own', async ({ page, host }) => {
  test.setTimeout(120_000)
  await gotoApp(page, host.url)
  await openSession(page, 'socketio', playground.url)
  await page.getByRole('button', { name: 'Side by side' }).click()
  await page.getByRole('menuitem', { name: 'Beside a copy of this session' }).click()
  const left = page.getByRole('region', { name: /^Left pane: / })
  const right = page.getByRole('region', { name: /^Right pane: / })
  await expect(left).toBeVisible()
  await expect(right).toBeVisible()
  // The copy has the same address; each pane connects on its own.
  await expect(right.locator('.url-bar input')).toHaveValue(playground.url)
  for (const pane of [left, right]) {
    await pane.locator('.url-bar').getByRole('button', { name: 'Connect' }).click()
    await expect(pane.locator('.rt-state')).toHaveText('Connected', { timeout: 30_000 })
  }
  await left.getByRole('textbox', { name: 'Event' }).fill('chat:send')
  await left.getByRole('button', { name: '+ Add argument' }).click()
  await left.getByRole('textbox', { name: 'Argument 1 value' }).fill('from the left')
  await left.getByRole('button', { name: 'Emit', exact: true }).click()
  for (const pane of [left, right]) {
    await expect(pane.locator('.rt-log').getByRole('listitem').filter({ hasText: 'chat:message' }).filter({ hasText: 'from the left' })).toHaveCount(1)
  }
  // Only the left pane sent anything.
  await expect(right.locator('.rt-log').getByRole('listitem').filter({ hasText: 'chat:send' })).toHaveCount(0)

  const leftTitle = await left.getAttribute('aria-label')
  await page.getByRole('toolbar', { name: 'Side by side' }).getByRole('button', { name: 'Swap' }).click()
  await expect(page.getByRole('region', { name: /^Right pane: / })).toHaveAttribute('aria-label', leftTitle!.replace('Left', 'Right'))
  await page.getByRole('toolbar', { name: 'Side by side' }).getByRole('button', { name: 'Back to one pane' }).click()
  await expect(page.getByRole('region', { name: /pane: / })).toHaveCount(0)
  await expect(page.locator('.rt-pane')).toHaveCount(1)
})
