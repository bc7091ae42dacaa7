import { startPlayground, type Playground } from '../../src/playground/server'
import { expect, test, watchConsole } from './fixtures'
import { gotoApp, logRow, openSession, sessionStatus } from './realtimeSteps'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

test.describe('realtime sessions as a user meets them', () => {
  test.describe.configure({ timeout: 60_000 })

  test('Socket.IO: fixing the auth and connecting again works while another session shares the connection', async ({ page, host }) => {
    const errors = watchConsole(page)
    await gotoApp(page, host.url)
    // Another session on the same server keeps the shared connection open.
    await openSession(page, 'socketio', playground.url)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(sessionStatus(page)).toHaveText('Connected')

    await openSession(page, 'socketio', playground.url)
    await page.getByRole('tab', { name: 'Connection' }).click()
    await page.getByRole('textbox', { name: 'Namespace' }).fill('/private')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(sessionStatus(page)).toHaveText('Error')
    await expect(page.locator('.rt-status-detail')).toHaveText('connect_error: invalid token')
    await expect(logRow(page, 'sharing the connection')).not.toHaveCount(0)

    await page.getByRole('textbox', { name: 'Auth payload (JSON)' }).fill('{"token":"parley"}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(sessionStatus(page)).toHaveText('Connected')
    await page.getByRole('tab', { name: 'Emit' }).click()
    await page.getByRole('textbox', { name: 'Event' }).fill('whoami')
    await page.getByRole('checkbox', { name: 'Wait for ack' }).check()
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await expect(logRow(page, /whoami.*"token":"parley"/)).toHaveCount(1)
    expect(errors).toEqual([])
  })
})
