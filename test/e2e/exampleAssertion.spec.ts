import { readFile, writeFile } from 'node:fs/promises'
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

const responseTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Response sections' }).getByRole('tab', { name: new RegExp(`^${name}`) })
const requestTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: new RegExp(`^${name}`) })
const results = (page: Page): Locator => page.getByRole('list', { name: 'Test results' })

/** Sends and waits until this response is in the request's history (the Compare tab lists it). */
async function sendAndWait(page: Page): Promise<void> {
  const history = page.getByRole('list', { name: 'Response history' }).getByRole('listitem')
  let before = 0
  if ((await responseTab(page, 'Compare').count()) > 0) {
    await responseTab(page, 'Compare').click()
    before = await history.count()
  }
  await page.getByRole('button', { name: 'Send' }).click()
  await responseTab(page, 'Compare').click()
  // The first time the Compare tab was not there to count: the history may already hold earlier sends.
  await expect.poll(() => history.count()).toBeGreaterThan(before)
}

test('an assertion row checks the response against a saved example: passes, then fails with the differences', async ({ page, host }) => {
  // Four sends, an example saved and three diffs on a machine shared with other work: a hang guard, not a bound.
  test.setTimeout(300_000)
  const errors = watchConsole(page)
  const dir = await copySample()
  const collectionFile = join(dir, 'parley.yaml')
  await writeFile(
    collectionFile,
    (await readFile(collectionFile, 'utf8'))
      .replaceAll('http://127.0.0.1:4000', playground.url)
      .replaceAll('ws://127.0.0.1:4000', playground.url.replace('http', 'ws'))
  )
  const created = await fetch(`${playground.url}/api/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Checked note', body: 'as first seen' })
  })
  const { id } = (await created.json()) as { id: number }
  await writeFile(join(dir, 'rest/get-a-note.yaml'), (await readFile(join(dir, 'rest/get-a-note.yaml'), 'utf8')).replace('/api/notes/1', `/api/notes/${id}`))

  await page.goto(host.url)
  await openCollection(page, dir)
  await item(page, 'REST').click()
  await item(page, 'Get a note').click()
  await sendAndWait(page)
  await page.getByRole('textbox', { name: 'Example name' }).fill('Checked')
  await page.getByRole('button', { name: 'Save as example' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved as rest/get-a-note.examples/checked.yaml' })).toBeVisible()

  // The row: choosing an example target picks the `matches` operator.
  await requestTab(page, 'Tests').click()
  // The sample request carries rows of its own: ours comes after them.
  const row = (await page.getByRole('combobox', { name: /^Assertion \d+ operator$/ }).count()) + 1
  await page.getByRole('combobox', { name: 'New assertion target' }).fill('example Checked')
  await expect(page.getByRole('combobox', { name: `Assertion ${row} operator` })).toHaveValue('matches')
  await sendAndWait(page)
  await responseTab(page, 'Tests').click()
  await expect(results(page).getByRole('listitem', { name: 'Passed: example Checked matches' })).toBeVisible()

  // The server's data changes: the same row fails and says what changed.
  const patched = await fetch(`${playground.url}/api/notes/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'edited since' })
  })
  expect(patched.status).toBe(200)
  await sendAndWait(page)
  await responseTab(page, 'Tests').click()
  const failed = results(page).getByRole('listitem', { name: 'Failed: example Checked matches' })
  await expect(failed).toContainText('differs from the example "Checked": ')
  await expect(failed).toContainText('changed body: "as first seen" → "edited since"')

  // Ignoring what an edit changes makes it pass again.
  await requestTab(page, 'Tests').click()
  await page.getByRole('textbox', { name: `Assertion ${row} expected value` }).fill('body, updatedAt, version')
  await sendAndWait(page)
  await responseTab(page, 'Tests').click()
  await expect(results(page).getByRole('listitem', { name: 'Passed: example Checked matches ignoring body, updatedAt, version' })).toBeVisible()
  expect(errors).toEqual([])
})
