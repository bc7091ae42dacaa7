import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { startPlayground } from '../../src/playground/server'
import { expect, test, watchConsole } from './fixtures'
import { copySample, item, openCollection } from './collectionSteps'
import { startRecordingServer } from './recordingServer'

type Playground = Awaited<ReturnType<typeof startPlayground>>
let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

const requestSection = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: new RegExp(`^${name}`) })
const responseTests = (page: Page): Locator => page.getByRole('tablist', { name: 'Response sections' }).getByRole('tab', { name: /^Tests/ })

/** Replaces the text of a script editor (CodeMirror) as a user would: select all, type. */
async function writeScript(page: Page, phase: 'Pre-request' | 'Post-response', code: string): Promise<void> {
  await requestSection(page, 'Scripts').click()
  await page.getByRole('radio', { name: phase }).check()
  const editor = page.getByRole('textbox', { name: `${phase} script` })
  await editor.click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.insertText(code)
  await expect(editor).toContainText(code.split('\n')[0] ?? '')
}

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click()
}

test.describe('scripts and tests', () => {
  // Sends that run scripts on a machine shared with other test runs: a generous budget, no timing asserted.
  test.describe.configure({ timeout: 120_000 })

  test('a pm.test and an assertion row pass, then fail with the message when they expect 404', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/notes`)
    await writeScript(page, 'Post-response', "pm.test('is 200', () => pm.response.to.have.status(200))\nconsole.log('checked', pm.response.code)")

    await requestSection(page, 'Tests').click()
    await page.getByRole('combobox', { name: 'New assertion target' }).fill('status')
    await page.getByRole('textbox', { name: 'Assertion 1 expected value' }).fill('200')
    await expect(page.getByRole('combobox', { name: 'Assertion 1 operator' })).toHaveValue('==')

    await send(page)
    await responseTests(page).click()
    const results = page.getByRole('list', { name: 'Test results' })
    await expect(results.getByRole('listitem', { name: 'Passed: is 200' })).toBeVisible()
    await expect(results.getByRole('listitem', { name: 'Passed: status == 200' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'All 2 tests passed' })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Script console' })).toContainText('checked 200')

    // Now expect 404, in the script and in the row.
    await writeScript(page, 'Post-response', "pm.test('is 404', () => pm.response.to.have.status(404))")
    await requestSection(page, 'Tests').click()
    await page.getByRole('textbox', { name: 'Assertion 1 expected value' }).fill('404')
    await send(page)
    await responseTests(page).click()
    const failedScript = results.getByRole('listitem', { name: 'Failed: is 404' })
    await expect(failedScript).toContainText('AssertionError: expected response to have status code 404 but got 200')
    await expect(results.getByRole('listitem', { name: 'Failed: status == 404' })).toContainText('expected 404, got 200')
    await expect(page.getByRole('status').filter({ hasText: '2 of 2 tests failed' })).toBeVisible()
    expect(errors).toEqual([])
  })

  test('an endless loop is stopped at the time limit and says so', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/api/notes`)
    await writeScript(page, 'Post-response', 'while (true) {}')
    await send(page)
    await responseTests(page).click()
    await expect(page.getByRole('listitem', { name: 'Failed: Post-response script of the request' })).toContainText(
      'The script ran longer than 3000 ms and was stopped (an endless loop?).'
    )
  })

  test('a pre-request script that sets a header is seen by the server', async ({ page, host }) => {
    const server = await startRecordingServer()
    try {
      await page.goto(host.url)
      await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/hello`)
      await writeScript(page, 'Pre-request', "pm.request.headers.add({ key: 'X-From-Script', value: 'pre-' + pm.request.method })")
      await send(page)
      await expect(page.getByRole('group', { name: 'Response summary' })).toBeVisible()
      expect(server.last().headers['x-from-script']).toBe('pre-GET')
    } finally {
      await server.close()
    }
  })

  test('a pre-request script error stops the send and shows where it is', async ({ page, host }) => {
    const server = await startRecordingServer()
    try {
      await page.goto(host.url)
      await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/never`)
      await writeScript(page, 'Pre-request', 'const ok = 1\nnotDefined()')
      await send(page)
      await expect(page.getByRole('region', { name: 'Response' }).getByRole('alert')).toContainText(
        "The pre-request script of the request failed at line 2, column 1: ReferenceError: 'notDefined' is not defined"
      )
      expect(server.received).toHaveLength(0)
    } finally {
      await server.close()
    }
  })

  test('scripts and assertion rows are saved in the request file with Ctrl+S', async ({ page, host }) => {
    const dir = await copySample()
    await page.goto(host.url)
    await openCollection(page, dir)
    await item(page, 'REST').click()
    await item(page, 'List notes').click()
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(/api\/notes/)
    await writeScript(page, 'Post-response', "pm.test('listed', () => pm.response.to.be.ok)")
    await requestSection(page, 'Tests').click()
    // The sample request carries rows of its own: the new one comes after them.
    const existing = await page.getByRole('checkbox', { name: /^Assertion \d+ enabled$/ }).count()
    const n = existing + 1
    await page.getByRole('combobox', { name: 'New assertion target' }).fill('body $.items.length')
    await page.getByRole('combobox', { name: `Assertion ${n} operator` }).selectOption('>')
    await page.getByRole('textbox', { name: `Assertion ${n} expected value` }).fill('0')
    const tabs = page.getByRole('tablist', { name: 'Open requests' })
    await expect(tabs.getByLabel('unsaved changes')).toBeVisible()
    await page.keyboard.press('Control+s')
    await expect(tabs.getByLabel('unsaved changes')).toHaveCount(0)
    const yaml = await readFile(join(dir, 'rest/list-notes.yaml'), 'utf8')
    expect(yaml).toContain("scripts:\n  post: pm.test('listed', () => pm.response.to.be.ok)\n")
    expect(yaml).toContain('\n  - target: body $.items.length\n    operator: ">"\n    expected: "0"\n')
  })
})
