import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { startPlayground } from '../../src/playground/server'
import { copySample, item, openCollection } from './collectionSteps'
import { expect, test, watchConsole } from './fixtures'

type Playground = Awaited<ReturnType<typeof startPlayground>>
let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

const summary = (page: Page): Locator => page.getByRole('group', { name: 'Response summary' })
const compareTab = (page: Page): Locator => page.getByRole('tablist', { name: 'Response sections' }).getByRole('tab', { name: 'Compare' })
const changes = (page: Page): Locator => page.getByRole('list', { name: 'Body changes' })

/**
 * Sends and waits for the new response: its request's response history grows by one. (The section a
 * tab chose stays chosen across resends, so the view itself gives no sign of a new response.)
 */
async function sendAndWait(page: Page): Promise<void> {
  const history = page.getByRole('list', { name: 'Response history' }).getByRole('listitem')
  let before = 0
  if ((await compareTab(page).count()) > 0) {
    await compareTab(page).click()
    before = await history.count()
  }
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(compareTab(page)).toBeVisible()
  await compareTab(page).click()
  await expect(history).toHaveCount(before + 1)
  await expect(summary(page)).toBeVisible()
}

async function createNote(title: string): Promise<number> {
  const res = await fetch(`${playground.url}/api/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, body: 'made elsewhere' })
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: number }).id
}

const shotDir = 'test-results/compare-screens'
async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(shotDir, { recursive: true })
  await page.screenshot({ path: `${shotDir}/${name}.png` })
}

test.describe('compare responses', () => {
  // Each test sends several requests and renders two diffs: room for a machine shared with other work.
  test.describe.configure({ timeout: 120_000 })

  test('send, change the server, send again: the new note shows as added paths', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/notes?limit=100`)
    await sendAndWait(page)
    const first = (await summary(page)
      .getByLabel(/^Size /)
      .textContent())!
      .replace('Size', '')
      .trim()
    const total = ((await (await fetch(`${playground.url}/api/notes?limit=100`)).json()) as { total: number }).total

    // With only one response kept there is nothing to compare with yet.
    await compareTab(page).click()
    await expect(page.getByRole('list', { name: 'Response history' }).getByRole('listitem')).toHaveCount(1)
    await expect(page.getByText('Nothing to compare with yet')).toBeVisible()

    await createNote('Added while you were away')
    await sendAndWait(page)
    await compareTab(page).click()
    await expect(page.getByRole('list', { name: 'Response history' }).getByRole('listitem')).toHaveCount(2)
    // The earlier response is chosen by itself: exactly the new note and the total changed.
    await expect(changes(page).getByRole('listitem', { name: `added items[${total}]` })).toBeVisible()
    await expect(changes(page).getByRole('listitem', { name: 'changed total' })).toContainText(`${total} → ${total + 1}`)
    await expect(changes(page).getByRole('listitem')).toHaveCount(2)
    await expect(page.getByRole('status', { name: 'Comparison summary' })).toContainText('1 added · 1 changed')
    // The header that counts them changed too.
    await expect(page.getByRole('table', { name: 'Header changes' })).toContainText('x-total-count')
    // Side by side: the earlier body on the left, this one on the right, the new note marked.
    await expect(page.getByRole('textbox', { name: 'This body' })).toContainText('Added while you were away')
    await expect(page.locator('.cm-merge-b .cm-changedLine').first()).toBeVisible()
    await shoot(page, 'compare-1280-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await shoot(page, 'compare-1280-dark')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await shoot(page, 'compare-1920-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await shoot(page, 'compare-1920-light')

    // Reopening the earlier response shows it, with one note fewer.
    await page.getByRole('button', { name: /^Open response 200 at/ }).click()
    await expect(page.getByRole('tablist', { name: 'Response sections' }).getByRole('tab', { name: 'Body' })).toHaveAttribute('aria-selected', 'true')
    await expect(summary(page)).toContainText(first)
    await compareTab(page).click()
    const history = page.getByRole('list', { name: 'Response history' }).getByRole('listitem')
    await expect(history).toHaveCount(2)
    await expect(history.nth(1)).toContainText('shown')
    await expect(history.nth(0)).toContainText('Compare')
    expect(errors).toEqual([])
  })

  test('save a response as an example beside the request and diff against it, ignoring a path', async ({ page, host }) => {
    const errors = watchConsole(page)
    const dir = await copySample()
    const collectionFile = join(dir, 'parley.yaml')
    await writeFile(
      collectionFile,
      (await readFile(collectionFile, 'utf8'))
        .replaceAll('http://127.0.0.1:4000', playground.url)
        .replaceAll('ws://127.0.0.1:4000', playground.url.replace('http', 'ws'))
    )
    const id = await createNote('Example note')
    await writeFile(join(dir, 'rest/get-a-note.yaml'), (await readFile(join(dir, 'rest/get-a-note.yaml'), 'utf8')).replace('/api/notes/1', `/api/notes/${id}`))
    await page.goto(host.url)
    await openCollection(page, dir)
    await item(page, 'REST').click()
    await item(page, 'Get a note').click()
    await sendAndWait(page)
    await compareTab(page).click()
    await page.getByRole('textbox', { name: 'Example name' }).fill('Fresh note')
    await page.getByRole('button', { name: 'Save as example' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Saved as rest/get-a-note.examples/fresh-note.yaml' })).toBeVisible()
    const saved = await readFile(join(dir, 'rest/get-a-note.examples/fresh-note.yaml'), 'utf8')
    expect(saved).toContain('name: Fresh note')
    expect(saved).toContain('Example note')
    // The collection tree does not take the examples folder for a folder.
    await expect(item(page, 'get-a-note.examples')).toHaveCount(0)

    const res = await fetch(`${playground.url}/api/notes/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'edited' })
    })
    expect(res.status).toBe(200)
    await sendAndWait(page)
    await compareTab(page).click()
    await page.getByRole('button', { name: 'Compare with example Fresh note' }).click()
    await expect(changes(page).getByRole('listitem', { name: 'changed body' })).toContainText('"edited"')
    await expect(changes(page).getByRole('listitem', { name: 'changed updatedAt' })).toBeVisible()
    await expect(changes(page).getByRole('listitem', { name: 'changed version' })).toBeVisible()

    await page.getByRole('textbox', { name: 'Ignore paths' }).fill('updatedAt, version')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(changes(page).getByRole('listitem', { name: 'changed updatedAt' })).toHaveCount(0)
    await expect(changes(page).getByRole('listitem')).toHaveCount(1)
    await expect(page.getByRole('status', { name: 'Comparison summary' })).toContainText('1 changed · 2 ignored')
    await shoot(page, 'compare-example-light')
    expect(errors).toEqual([])
  })

  test('the response history limits are a setting', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Settings' }).click()
    const form = page.getByRole('dialog', { name: 'Settings' }).getByRole('form', { name: 'Response history' })
    await expect(form.getByRole('spinbutton', { name: 'Responses kept per request' })).toHaveValue('20')
    await form.getByRole('spinbutton', { name: 'Responses kept per request' }).fill('0')
    await form.getByRole('button', { name: 'Save history limits' }).click()
    await expect(form.getByRole('alert')).toContainText('Keep 1 to 1,000 responses per request')
    await form.getByRole('spinbutton', { name: 'Responses kept per request' }).fill('3')
    await form.getByRole('spinbutton', { name: 'Response history size (MB of bodies in all)' }).fill('50')
    await form.getByRole('button', { name: 'Save history limits' }).click()
    await expect(form.getByRole('status')).toContainText('limits saved')
    const limits = JSON.parse(await readFile(join(host.dataDir, 'responses/limits.json'), 'utf8')) as unknown
    expect(limits).toEqual({ perRequest: 3, maxTotalBytes: 50 * 1024 * 1024 })
  })
})
