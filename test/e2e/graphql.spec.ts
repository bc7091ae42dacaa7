import type { Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { expect, test } from './fixtures'
import { logRow, sessionStatus } from './realtimeSteps'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground()
})
test.afterAll(() => playground.close())

const section = (page: Page, name: string) => page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name })
const queryEditor = (page: Page) => page.getByRole('textbox', { name: 'GraphQL query' })

/** Types in the query editor and accepts the completion offered for `label`. */
async function typeAndComplete(page: Page, text: string, label: string): Promise<void> {
  await page.keyboard.type(text)
  const option = page.getByRole('listbox').getByRole('option', { name: new RegExp(`^${label}`) })
  await expect(option).toBeVisible()
  await option.click()
}

test.describe('GraphQL against the playground', () => {
  // A hang guard: the lazily loaded editor, a schema fetch and a subscription on a busy two-core machine.
  test.setTimeout(300_000)
  test('writes a query with completion from the fetched schema, runs it, then receives a subscription event', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Method' }).fill('POST')
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/graphql`)
    await section(page, 'Body').click()
    await page.getByRole('radio', { name: 'GraphQL' }).check()
    await page.getByRole('button', { name: 'Fetch schema' }).click()
    await expect(page.getByRole('status', { name: 'Schema' })).toContainText(`Schema: 9 types from ${playground.url}/graphql`)

    // Completion: type the start of a field and accept what the schema offers.
    await queryEditor(page).click()
    await typeAndComplete(page, '{ not', 'notes')
    await page.keyboard.type('(limit: 2) { ')
    await typeAndComplete(page, 'tot', 'total')
    await page.keyboard.type(' items { title } } }')
    await expect(queryEditor(page)).toHaveText('{ notes(limit: 2) { total items { title } } }')

    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const response = page.getByRole('region', { name: 'Response', exact: true })
    await expect(response).toContainText('200')
    await expect(response).toContainText('Welcome to Parley')
    await expect(response).toContainText('"total": 5')

    // Hover docs, and Ctrl+click to the field's type in the explorer.
    const notesToken = page.locator('.cm-content').getByText('notes', { exact: true })
    await notesToken.hover()
    await expect(page.getByRole('tooltip')).toContainText('Notes whose title, body or tags contain q')
    await notesToken.click({ modifiers: ['Control'] })
    await expect(page.getByRole('navigation', { name: 'Schema explorer' }).getByRole('heading', { name: 'NotePage' })).toBeVisible()
    await page.getByRole('button', { name: 'Schema explorer' }).click()

    // An unknown field is marked as you type.
    await queryEditor(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.type(' nope')
    await expect(queryEditor(page)).toHaveText('{ notes(limit: 2) { total items { title } }  nope}')
    await expect(page.locator('.cm-lintRange-error').first()).toBeVisible()

    // The schema explorer writes a subscription by click: clear the editor, add noteChanged.
    await queryEditor(page).click()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Delete')
    await page.getByRole('button', { name: 'Schema explorer' }).click()
    const explorer = page.getByRole('navigation', { name: 'Schema explorer' })
    // It opens where Ctrl+click left it (NotePage); Back leads to the operations.
    await expect(explorer.getByRole('heading', { name: 'NotePage' })).toBeVisible()
    await explorer.getByRole('button', { name: 'Back' }).click()
    await explorer.getByRole('button', { name: 'subscription: Subscription' }).click()
    await expect(explorer).toContainText('Every create, update and delete of a note')
    await explorer.getByRole('button', { name: 'Add noteChanged to the query' }).click()
    await expect(queryEditor(page)).toContainText('subscription {  noteChanged {    kind  }}')

    await page.getByRole('button', { name: 'Subscribe' }).click()
    await expect(sessionStatus(page)).toHaveText('Connected')
    // The protocol says nothing when the server has registered the subscription: create notes until one is announced.
    let n = 0
    await expect(async () => {
      n += 1
      await fetch(`${playground.url}/api/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `From REST ${n}` })
      })
      await expect(logRow(page, /CREATED/)).not.toHaveCount(0, { timeout: 2_000 })
    }).toPass()
    await expect(logRow(page, /CREATED/).first()).toContainText(/in.*noteChanged.*"kind":"CREATED"/)
    await page.getByRole('button', { name: 'Unsubscribe' }).click()
    await expect(sessionStatus(page)).toHaveText('Closed')
  })
})

const screensDir = process.env['PARLEY_SCREENS']
test.describe('GraphQL screens', () => {
  test.skip(!screensDir, 'set PARLEY_SCREENS=<folder> to save screenshots of the GraphQL editor')
  for (const theme of ['light', 'dark'] as const) {
    test(`the GraphQL editor with the explorer and a subscription at 1280x800, ${theme}`, async ({ page, host }) => {
      test.setTimeout(300_000)
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.goto(host.url)
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme)
      await page.getByRole('combobox', { name: 'Method' }).fill('POST')
      await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/graphql`)
      await section(page, 'Body').click()
      await page.getByRole('radio', { name: 'GraphQL' }).check()
      await page.getByRole('button', { name: 'Fetch schema' }).click()
      await expect(page.getByRole('status', { name: 'Schema' })).toContainText('9 types')
      await queryEditor(page).click()
      await typeAndComplete(page, 'query($id: ID!) { note(id: $id) { ti', 'title')
      await page.getByRole('button', { name: 'Schema explorer' }).click()
      const explorer = page.getByRole('navigation', { name: 'Schema explorer' })
      await explorer.getByRole('button', { name: 'query: Query' }).click()
      await explorer.getByRole('button', { name: 'Open type Note of note' }).click()
      await queryEditor(page).click()
      await page.keyboard.type(' tex')
      await page.screenshot({ path: `${screensDir}/graphql-1280-${theme}-editor.png` })
      await page.keyboard.press('Escape')
      await queryEditor(page).click()
      await page.keyboard.press('Control+A')
      await page.keyboard.type('subscription { noteChanged { kind note { title } } }')
      await page.getByRole('button', { name: 'Subscribe' }).click()
      await expect(sessionStatus(page)).toHaveText('Connected')
      await expect(async () => {
        await fetch(`${playground.url}/api/notes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Shot ${theme} ${Math.random()}` })
        })
        await expect(logRow(page, /CREATED/)).not.toHaveCount(0, { timeout: 2_000 })
      }).toPass()
      await page.screenshot({ path: `${screensDir}/graphql-1280-${theme}-subscription.png` })
    })
  }
})
