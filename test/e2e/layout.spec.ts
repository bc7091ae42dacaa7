import type { Locator, Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { copySample, item, menuAction, openCollection } from './collectionSteps'
import { expect, test, watchConsole } from './fixtures'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

/** Whether an element scrolls sideways (it shows a horizontal scrollbar when it does). */
const scrollsSideways = (locator: Locator): Promise<boolean> => locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1)

/** Labels cut off by their box or lying outside the panel that holds them. */
function clippedLabels(panel: Locator): Promise<string[]> {
  return panel.evaluate((root) => {
    const box = root.getBoundingClientRect()
    return [...root.querySelectorAll<HTMLElement>('label > span, legend')]
      .filter((label) => {
        const r = label.getBoundingClientRect()
        return label.scrollWidth > label.clientWidth + 1 || r.right > box.right + 1 || r.left < box.left - 1
      })
      .map((label) => label.textContent ?? '')
  })
}

async function connectSocketIo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New realtime session' }).click()
  await page.getByRole('menuitem', { name: 'New Socket.IO session' }).click()
  await page.locator('.rt-pane').getByRole('textbox', { name: 'URL' }).fill(playground.url)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('Connected')
}

test.describe('layout at 1280×800', () => {
  test.describe.configure({ timeout: 60_000 })

  test('the sidebar never scrolls sideways and a long name shows whole on hover', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await openCollection(page, await copySample())
    const longName = 'List every note of every user, newest first, with tags and their full history'
    await item(page, 'REST').click()
    await menuAction(page, 'REST', 'New request')
    const dialog = page.getByRole('dialog', { name: 'New request' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(longName)
    await dialog.getByRole('button', { name: 'Create' }).click()
    for (const folder of ['Socket.IO', 'WebSocket', 'SSE']) await item(page, folder).click()
    await expect(item(page, longName)).toBeVisible()
    const panel = page.getByRole('tabpanel', { name: 'Collections' })
    expect(await scrollsSideways(panel)).toBe(false)
    await expect(item(page, longName).locator('.tree-name')).toHaveAttribute('title', new RegExp(`^${longName}`))
    expect(errors).toEqual([])
  })

  test('Socket.IO: no sideways scroll or clipped label in the connection panel; a roomy emit composer that picks JSON; a neutral ack; pressed toggles', async ({
    page,
    host
  }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await connectSocketIo(page)
    const side = page.getByRole('tabpanel', { name: 'Connection' })
    await page.getByRole('tab', { name: 'Connection' }).click()
    await expect(side.getByRole('spinbutton', { name: 'Connect timeout (ms)' })).toBeVisible()
    expect(await scrollsSideways(side)).toBe(false)
    expect(await clippedLabels(side)).toEqual([])

    await page.getByRole('tab', { name: 'Emit' }).click()
    await page.getByRole('textbox', { name: 'Event' }).fill('echo')
    await page.getByRole('button', { name: '+ Add argument' }).click()
    const value = page.getByRole('textbox', { name: 'Argument 1 value' })
    const width = async (): Promise<number> => (await value.boundingBox())?.width ?? 0
    const height = async (): Promise<number> => (await value.boundingBox())?.height ?? 0
    expect(await width()).toBeGreaterThan(250)
    const before = await height()
    await value.fill('{\n  "room": "lobby",\n  "text": "hello",\n  "tags": ["a", "b"]\n}')
    // JSON typed as text is picked as JSON; the editor grows with its lines.
    await expect(page.getByRole('combobox', { name: 'Argument 1 type' })).toHaveValue('json')
    await expect.poll(height).toBeGreaterThan(before)
    expect(await scrollsSideways(page.getByRole('tabpanel', { name: 'Emit' }))).toBe(false)

    await page.getByRole('checkbox', { name: 'Wait for ack' }).check()
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    const ack = page.getByRole('list', { name: 'Message log' }).getByText(/^ack · /)
    await expect(ack).toBeVisible()
    // Not painted as a success: the ack's colour is not the green of "Connected".
    const connectedColour = await page.getByRole('status', { name: 'Session status' }).evaluate((el) => getComputedStyle(el).color)
    expect(await ack.evaluate((el) => getComputedStyle(el).color)).not.toBe(connectedColour)

    const follow = page.getByRole('button', { name: 'Follow' })
    const pause = page.getByRole('button', { name: 'Pause' })
    await expect(follow).toHaveAttribute('aria-pressed', 'true')
    await expect(pause).toHaveAttribute('aria-pressed', 'false')
    const background = (button: Locator): Promise<string> => button.evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(await background(follow)).not.toBe(await background(pause))
    await pause.click()
    const resume = page.getByRole('button', { name: /^Resume/ })
    await expect(resume).toHaveAttribute('aria-pressed', 'true')
    expect(await background(resume)).toBe(await background(follow))
    expect(errors).toEqual([])
  })
})
