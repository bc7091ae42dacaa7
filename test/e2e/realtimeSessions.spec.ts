import type { Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { expect, test, watchConsole } from './fixtures'
import { coreCall, gotoApp, logRow, openSession, sessionStatus } from './realtimeSteps'

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

/** The number of messages the log holds, from its "N of M messages shown" line. */
async function shownCount(page: Page): Promise<number> {
  const text = await page.getByText(/ of [\d,]+ messages shown/).innerText()
  return Number(text.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''))
}

test.describe('live sessions and a reload', () => {
  test.describe.configure({ timeout: 90_000 })

  test('reloading the window reattaches to the running sessions, with their logs; closing a tab closes its session', async ({ page, host }) => {
    const errors = watchConsole(page)
    await gotoApp(page, host.url)
    await openSession(page, 'sse', `${playground.url}/sse/clock?interval=200`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(sessionStatus(page)).toHaveText('Connected')
    await expect(logRow(page, /"n":3\b/)).toHaveCount(1)
    const sseShown = await shownCount(page)

    await openSession(page, 'socketio', `${playground.url}/ticker`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(sessionStatus(page)).toHaveText('Connected')
    // The ticker counts for the whole server: remember which ticks this session saw.
    const ticks = logRow(page, /"n":\d+,"at"/)
    await expect.poll(() => ticks.count()).toBeGreaterThanOrEqual(1)
    const firstTick = (await ticks.first().innerText()).match(/"n":\d+/)![0]
    const ticksBefore = await ticks.count()

    // A session no tab shows (opened by another page that is gone) is closed once the window is back.
    await coreCall(page, 'session.open', { sessionId: 'orphan', kind: 'sse', request: { url: `${playground.url}/sse/clock` } })

    await page.reload()
    // The Socket.IO tab comes back in front, connected, with what it had and what arrives since.
    await expect(page.locator('.rt-pane').getByRole('textbox', { name: 'URL' })).toHaveValue(`${playground.url}/ticker`)
    await expect(sessionStatus(page)).toHaveText('Connected')
    await expect(logRow(page, firstTick)).toHaveCount(1)
    await expect.poll(() => ticks.count()).toBeGreaterThan(ticksBefore)
    await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()

    await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /SSE/ }).click()
    await expect(page.locator('.rt-pane').getByRole('textbox', { name: 'URL' })).toHaveValue(`${playground.url}/sse/clock?interval=200`)
    await expect(sessionStatus(page)).toHaveText('Connected')
    // Its whole log came back (the list is virtualized: count, not rows), and it keeps growing.
    await expect.poll(() => shownCount(page)).toBeGreaterThan(sseShown)

    // Closing the SSE tab ends its session in core.
    await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { selected: true }).press('Delete')
    await expect
      .poll(async () => {
        const { sessions } = await coreCall<{ sessions: { sessionId: string; kind: string; state: string }[] }>(page, 'session.list')
        return sessions.map((s) => `${s.sessionId === 'orphan' ? 'orphan ' : ''}${s.kind} ${s.state}`).sort()
      })
      .toEqual(['orphan sse closed', 'socketio connected', 'sse closed'])
    expect(errors).toEqual([])
  })
})
