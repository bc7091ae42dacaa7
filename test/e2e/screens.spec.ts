import type { Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { copySample, item, openCollection } from './collectionSteps'
import { expect, test } from './fixtures'

/**
 * Screenshots to look at, not assertions: the main screen with many tabs, a Socket.IO session, the
 * command palette and the shortcut sheet, at two sizes, light and dark. Not part of the default run:
 * `PARLEY_SCREENS=/tmp/shots npx playwright test -c playwright.config.ts test/e2e/screens.spec.ts`.
 */
const outDir = process.env['PARLEY_SCREENS']
test.skip(!outDir, 'set PARLEY_SCREENS to a folder to take the screenshots')

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]

for (const size of sizes) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screens at ${size.width}x${size.height}, ${theme}`, async ({ page, host }) => {
      test.setTimeout(120_000)
      const shot = (name: string): Promise<Buffer> => page.screenshot({ path: `${outDir}/${size.width}-${theme}-${name}.png` })
      await page.setViewportSize(size)
      await page.goto(host.url)
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme)
      await openCollection(page, await copySample())
      await item(page, 'REST').click()
      await item(page, 'Socket.IO').click()
      await item(page, 'List notes').click()
      await item(page, 'Create a note').click()
      for (const path of ['api/notes/1', 'echo', 'api/users?page=2', 'delay/100', 'status/404', 'cookies/set', 'api/notes?limit=3']) {
        await page.keyboard.press('Alt+t')
        await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/${path}`)
      }
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect(page.getByRole('group', { name: 'Response summary' })).toBeVisible()
      await shot('main')

      await openSocketIo(page)
      await shot('socketio')
      await page.getByRole('tab', { name: 'Connection' }).click()
      await shot('socketio-connection')

      await page.keyboard.press('Control+k')
      await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('no')
      await shot('palette')
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+/')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
      await shot('shortcuts')
    })
  }
}

async function openSocketIo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New realtime session' }).click()
  await page.getByRole('menuitem', { name: 'New Socket.IO session' }).click()
  await page.locator('.rt-pane').getByRole('textbox', { name: 'URL' }).fill(playground.url)
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Event' }).fill('multi')
  await page.getByRole('button', { name: '+ Add argument' }).click()
  await page.getByRole('textbox', { name: 'Argument 1 value' }).fill('{"room": "lobby", "text": "hello"}')
  await page.getByRole('checkbox', { name: 'Wait for ack' }).check()
  await page.getByRole('button', { name: 'Emit', exact: true }).click()
  await page.getByRole('textbox', { name: 'Event' }).fill('echo')
  await page.getByRole('button', { name: 'Emit', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Message log' }).getByRole('listitem').nth(3)).toBeVisible()
}
