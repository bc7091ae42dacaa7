import { expect, test } from './fixtures'

test('a learner starts the playground from the status bar, reaches it, and stops it', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start playground' }).click()
  const running = page.getByRole('status', { name: 'Playground' })
  await expect(running).toContainText(/Playground on 127\.0\.0\.1:\d+/, { timeout: 20_000 })
  const address = (await running.locator('code').textContent()) ?? ''
  const notes = await fetch(`http://${address}/api/notes`)
  expect(notes.status).toBe(200)
  await page.getByRole('button', { name: 'Stop playground' }).click()
  await expect(page.getByRole('button', { name: 'Start playground' })).toBeVisible()
  await expect(fetch(`http://${address}/api/notes`)).rejects.toThrow()
})
