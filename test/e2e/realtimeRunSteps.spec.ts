import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startPlayground, type Playground } from '../../src/playground/server'
import { copySample, item, openCollection } from './collectionSteps'
import { gotoApp, openSession } from './realtimeSteps'
import { expect, test, watchConsole } from './fixtures'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

test.describe('steps of a live request', () => {
  test.describe.configure({ timeout: 300_000 })

  test('a user adds steps in the Steps tab, runs them and sees them pass, then changes a predicate and sees it fail with why', async ({ page, host }) => {
    const errors = watchConsole(page)
    await gotoApp(page, host.url)
    const pane = await openSession(page, 'socketio', playground.url)
    await pane.getByRole('tab', { name: 'Steps' }).click()

    await pane.getByRole('combobox', { name: 'New step type' }).selectOption('Emit')
    await pane.getByRole('button', { name: 'Add step' }).click()
    await pane.getByRole('textbox', { name: 'Step 1 event' }).fill('chat:send')
    await pane.getByRole('button', { name: '+ Add argument to step 1' }).click()
    await pane.getByRole('textbox', { name: 'Step 1 argument 1 value' }).fill('hello steps')
    await pane.getByRole('checkbox', { name: 'Expect an ack (step 1)' }).check()
    await pane.getByRole('textbox', { name: 'Step 1 ack predicate' }).fill('msg.data.ok === true')

    await pane.getByRole('combobox', { name: 'New step type' }).selectOption('Expect')
    await pane.getByRole('button', { name: 'Add step' }).click()
    await pane.getByRole('textbox', { name: 'Step 2 event' }).fill('chat:message')
    await pane.getByRole('textbox', { name: 'Step 2 predicate' }).fill("msg.data.text === 'hello steps'")
    await pane.getByRole('spinbutton', { name: 'Step 2 timeout' }).fill('3000')
    await expect(
      pane
        .getByRole('list', { name: 'Steps' })
        .getByRole('listitem')
        .filter({ has: page.getByRole('button', { name: /^Delete step/ }) })
    ).toHaveCount(2)

    await pane.getByRole('button', { name: 'Run steps' }).click()
    const results = pane.getByRole('region', { name: 'Step results' })
    await expect(results.getByRole('status')).toHaveText('All 3 tests passed')
    await expect(results.getByRole('listitem', { name: `Passed: connect to ${playground.url}` })).toBeVisible()
    await expect(results.getByRole('listitem', { name: 'Passed: ack of chat:send matching msg.data.ok === true' })).toBeVisible()
    await expect(results.getByRole('listitem', { name: "Passed: event chat:message matching msg.data.text === 'hello steps' within 3000 ms" })).toBeVisible()

    await pane.getByRole('textbox', { name: 'Step 2 predicate' }).fill("msg.data.text === 'goodbye'")
    await pane.getByRole('spinbutton', { name: 'Step 2 timeout' }).fill('500')
    await pane.getByRole('button', { name: 'Run steps' }).click()
    await expect(results.getByRole('status')).toHaveText('1 of 3 tests failed')
    const failed = results.getByRole('listitem', { name: "Failed: event chat:message matching msg.data.text === 'goodbye' within 500 ms" })
    await expect(failed).toContainText("expected event chat:message matching msg.data.text === 'goodbye' within 500 ms; received 1 other event: chat:message")
    await expect(failed).toContainText('"text":"hello steps"')

    // Reordering: the expectation first finds nothing, as the emit has not happened yet.
    await pane.getByRole('button', { name: 'Move step 2 up' }).click()
    await expect(pane.getByRole('textbox', { name: 'Step 1 predicate' })).toHaveValue("msg.data.text === 'goodbye'")
    await pane.getByRole('button', { name: 'Delete step 1' }).click()
    await expect(pane.getByRole('textbox', { name: 'Step 1 event' })).toHaveValue('chat:send')
    await pane.getByRole('button', { name: 'Run steps' }).click()
    await expect(results.getByRole('status')).toHaveText('All 2 tests passed')
    expect(errors).toEqual([])
  })

  test("the sample Chat request's steps come from its file, pass with the collection's variables, and a new step is saved to the file", async ({
    page,
    host
  }) => {
    const dir = await copySample()
    const settings = join(dir, 'parley.yaml')
    await writeFile(settings, (await readFile(settings, 'utf8')).replace('http://127.0.0.1:4000', playground.url))
    await gotoApp(page, host.url)
    await openCollection(page, dir)
    await item(page, 'Socket.IO').click()
    await item(page, 'Chat').click()
    const pane = page.locator('.rt-pane')
    await pane.getByRole('tab', { name: 'Steps' }).click()
    await expect(pane.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: /^Step \d/ })).toHaveCount(4)
    await expect(pane.getByRole('textbox', { name: 'Step 3 predicate' })).toHaveValue("msg.data.text === 'hello from the steps'")

    await pane.getByRole('button', { name: 'Run steps' }).click()
    const results = pane.getByRole('region', { name: 'Step results' })
    await expect(results.getByRole('status')).toHaveText('All 4 tests passed')
    await expect(results.getByRole('listitem', { name: 'Passed: the broadcast says who sent it' })).toBeVisible()

    await pane.getByRole('combobox', { name: 'New step type' }).selectOption('Wait')
    await pane.getByRole('button', { name: 'Add step' }).click()
    await pane.getByRole('spinbutton', { name: 'Step 5 wait' }).fill('250')
    await page.keyboard.press('Control+s')
    await expect.poll(async () => readFile(join(dir, 'socket-io/chat.yaml'), 'utf8')).toContain('  - type: close\n  - type: wait\n    ms: 250\n')
  })
})
