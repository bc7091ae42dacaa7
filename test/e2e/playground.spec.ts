import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('a learner starts the playground, opens the sample collection and sends its first request', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start playground' }).click()
  const running = page.getByRole('status', { name: 'Playground' })
  await expect(running).toContainText(/Playground on 127\.0\.0\.1:\d+/, { timeout: 20_000 })
  const address = (await running.locator('code').textContent()) ?? ''
  const notes = await fetch(`http://${address}/api/notes`)
  expect(notes.status).toBe(200)

  const tree = page.getByRole('tree')
  await expect(tree.getByRole('treeitem', { name: /Parley playground/ })).toBeVisible()
  const rest = tree.getByRole('treeitem', { name: /^REST/ })
  if ((await rest.getAttribute('aria-expanded')) === 'false') await rest.click()
  await tree.getByRole('treeitem', { name: /List notes/ }).click()
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue('{{playground}}/api/notes?page=1&limit=10')
  // Hovering the URL shows what {{playground}} stands for, and where that value comes from.
  await page.getByRole('textbox', { name: 'URL' }).hover()
  const tooltip = page.getByRole('tooltip')
  await expect(tooltip.getByRole('row', { name: /playground/ })).toContainText(`http://${address}`)
  await expect(tooltip).toContainText('collection')
  await page.getByRole('button', { name: 'Send' }).click()
  const response = page.getByRole('region', { name: 'Response', exact: true })
  await expect(response).toContainText('200')
  await expect(response).toContainText('Welcome to Parley')

  await page.getByRole('button', { name: 'Stop playground' }).click()
  await expect(page.getByRole('button', { name: 'Start playground' })).toBeVisible()
  await expect(fetch(`http://${address}/api/notes`)).rejects.toThrow()
})

test('a saved Socket.IO request connects through its collection variables, and Ctrl+S writes edits to its file', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start playground' }).click()
  await expect(page.getByRole('status', { name: 'Playground' })).toContainText('Playground on', { timeout: 20_000 })
  const tree = page.getByRole('tree')
  const folder = tree.getByRole('treeitem', { name: /^Socket\.IO/ })
  if ((await folder.getAttribute('aria-expanded')) === 'false') await folder.click()
  await tree.getByRole('treeitem', { name: /^Private/ }).click()
  // {{playground}} resolves in core from the collection the tab came from.
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible({ timeout: 15_000 })
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click()

  await page.getByRole('tab', { name: 'Connection' }).click()
  await page.getByRole('textbox', { name: 'Auth payload (JSON)' }).fill('{"token":"changed"}')
  await page.keyboard.press('Control+s')
  const file = join(host.dataDir, 'playground-collection', 'socket-io', 'private.yaml')
  // The sample collection says `credentials: files` (its tokens are demo values), so the payload is written as typed.
  await expect.poll(() => readFile(file, 'utf8'), { timeout: 10_000 }).toContain(`auth: '{"token":"changed"}'`)
  const text = await readFile(file, 'utf8')
  expect(text).toContain('kind: socketio')
  expect(text).toContain('url: "{{playground}}"')
  expect(text).toContain('event: whoami')

  await page.getByRole('button', { name: 'Code', exact: true }).click()
  const code = page.getByRole('dialog', { name: 'Socket.IO client code' }).getByRole('textbox', { name: 'Generated code' })
  await expect(code).toContainText('socket.io-client')
  await expect(code).toContainText('/private')
  await expect(code).toContainText('whoami')
})
