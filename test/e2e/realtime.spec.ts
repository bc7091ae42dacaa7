import { io as ioClient } from 'socket.io-client'
import type { Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { coreCall, gotoApp, logRow as row, messageLog as log, openSession, sessionStatus as status } from './realtimeSteps'
import { expect, test, watchConsole } from './fixtures'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

async function addArg(page: Page, type: string, value: string) {
  await page.getByRole('button', { name: '+ Add argument' }).click()
  const index = await page.getByRole('list', { name: 'Arguments' }).getByRole('listitem').count()
  await page.getByRole('combobox', { name: `Argument ${index} type` }).selectOption(type)
  if (type !== 'null') await page.getByRole('textbox', { name: `Argument ${index} value` }).fill(value)
}

test.describe('live realtime sessions through the browser host', () => {
  // Each test drives a real host, server and browser on a shared two-core machine.
  test.describe.configure({ timeout: 60_000 })
  test('Socket.IO: refused without a valid auth payload, connected with one', async ({ page, host }) => {
    const errors = watchConsole(page)
    await gotoApp(page, host.url)
    await openSession(page, 'socketio', playground.url)
    await page.getByRole('tab', { name: 'Connection' }).click()
    await page.getByRole('textbox', { name: 'Namespace' }).fill('/private')
    await page.getByRole('textbox', { name: 'Auth payload (JSON)' }).fill('{"token": "wrong"}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Error')
    await expect(page.locator('.rt-status-detail')).toHaveText('connect_error: invalid token')
    await expect(row(page, 'connect_error: invalid token')).toHaveCount(1)

    await page.getByRole('textbox', { name: 'Auth payload (JSON)' }).fill('{"token": parley}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(page.getByRole('alert')).toContainText('not valid JSON at position 10')

    await page.getByRole('textbox', { name: 'Auth payload (JSON)' }).fill('{"token": "parley"}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')
    await expect(page.locator('.rt-status-detail')).toContainText('(websocket)')
    await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click()
    await expect(status(page)).toHaveText('Closed')
    expect(errors).toEqual([])
  })

  test('Socket.IO: emit several typed args with an ack, see the ack attached; broadcasts and binary both ways', async ({ page, host }) => {
    test.setTimeout(90_000)
    const errors = watchConsole(page)
    await gotoApp(page, host.url)
    await openSession(page, 'socketio', playground.url)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')

    await page.getByRole('textbox', { name: 'Event' }).fill('echo')
    await addArg(page, 'json', '{"a": [1, 2]}')
    await addArg(page, 'text', 'hello')
    await addArg(page, 'number', '42')
    await addArg(page, 'binary-base64', 'AAEC/w==')
    await page.getByRole('checkbox', { name: 'Wait for ack' }).check()
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    const emitRow = row(page, /^.*echo.*ack · /)
    await expect(emitRow).toHaveCount(1)
    await expect(emitRow).toContainText('{"a":[1,2]}, "hello", 42, <binary 4 B>')
    await emitRow.getByRole('button', { expanded: false }).click()
    await expect(emitRow.getByRole('region', { name: 'Acknowledgement' })).toContainText(/Ack · 4 arguments · RTT [\d.]+ ms/)
    await expect(emitRow.getByRole('region', { name: 'Acknowledgement' }).getByLabel('Hex dump')).toContainText('00 01 02 ff')
    // The ack did not become a row of its own: one outgoing echo.
    await expect(row(page, /echo/)).toHaveCount(1)

    // Saved emits go out with one click.
    await page.getByRole('textbox', { name: 'Event' }).fill('binary')
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Remove argument 1' }).click()
    await addArg(page, 'binary-base64', 'AQIDBA==')
    await page.getByRole('checkbox', { name: 'Wait for ack' }).uncheck()
    await page.getByRole('button', { name: 'Save emit' }).click()
    await page.getByRole('button', { name: 'Send saved emit binary' }).click()
    const reply = row(page, 'binary:reply')
    await expect(reply).toHaveCount(1)
    await expect(reply).toContainText('<binary 4 B>')
    await reply.getByRole('button').first().click()
    await expect(reply.getByLabel('Hex dump')).toContainText('01 02 03 04')
    await expect(reply.getByLabel('Base64')).toHaveText('AQIDBA==')

    // A broadcast from a second, real client arrives.
    const other = ioClient(playground.url, { transports: ['websocket'] })
    try {
      await new Promise<void>((resolve) => other.on('connect', () => resolve()))
      other.emit('chat:send', 'hello from another client')
      await expect(row(page, 'chat:message')).toContainText('hello from another client')
    } finally {
      other.close()
    }

    // Switching a listener off stops logging that event.
    await page.getByRole('tab', { name: 'Listeners' }).click()
    await page.getByRole('combobox', { name: 'Event name' }).fill('chat:message')
    await page.getByRole('button', { name: 'Add listener' }).click()
    await page.getByRole('switch', { name: 'Listen to chat:message' }).uncheck()
    const second = ioClient(playground.url, { transports: ['websocket'] })
    try {
      await new Promise<void>((resolve) => second.on('connect', () => resolve()))
      await new Promise<void>((resolve) => second.emit('chat:send', 'not logged', () => resolve()))
      // The broadcast went out before this reply on the same socket: once the reply shows, the
      // broadcast has been received, and not logged.
      await page.getByRole('tab', { name: 'Emit' }).click()
      await page.getByRole('button', { name: 'Send saved emit binary' }).click()
      await expect(row(page, 'binary:reply')).toHaveCount(2)
      await expect(row(page, 'chat:message')).toHaveCount(1)
    } finally {
      second.close()
    }

    // Filters: by direction and by regex.
    await page.getByRole('combobox', { name: 'Direction filter' }).selectOption('out')
    await expect(log(page).getByRole('listitem')).toHaveCount(3)
    await page.getByRole('combobox', { name: 'Direction filter' }).selectOption('all')
    await page.getByRole('checkbox', { name: 'Regex' }).check()
    await page.getByRole('textbox', { name: 'Filter messages' }).fill('^\\{"text"')
    await expect(log(page).getByRole('listitem')).toHaveCount(1)
    await page.getByRole('textbox', { name: 'Filter messages' }).fill('')
    expect(errors).toEqual([])
  })

  test('Socket.IO: {{variables}} in the URL and in emit arguments are resolved on connect and emit', async ({ page, host }) => {
    await gotoApp(page, host.url)
    await coreCall(page, 'globals.save', {
      variables: [
        { name: 'pg', value: playground.url },
        { name: 'who', value: 'world' }
      ]
    })
    await openSession(page, 'socketio', '{{pg}}')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')
    await page.getByRole('textbox', { name: 'Event' }).fill('echo')
    await addArg(page, 'text', 'hello {{who}}')
    await page.getByRole('checkbox', { name: 'Wait for ack' }).check()
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await expect(row(page, /echo.*ack ·/)).toContainText('"hello world"')
  })

  test('WebSocket: echo and the close code and reason', async ({ page, host }) => {
    await gotoApp(page, host.url)
    const ws = playground.url.replace('http:', 'ws:')
    await openSession(page, 'websocket', `${ws}/ws/echo`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('hello websocket')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(log(page).getByRole('listitem').filter({ hasText: 'hello websocket' })).toHaveCount(2)
    await page.getByRole('combobox', { name: 'Message type' }).selectOption('binary-base64')
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('3q2+7w==')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(row(page, /binary.*4 B/)).toHaveCount(2)
    await page.getByRole('button', { name: 'Ping' }).click()
    await expect(row(page, 'pong')).toHaveCount(1)

    // Pause holds the view still while messages keep arriving; resume shows them.
    const rows = log(page).getByRole('listitem')
    const before = await rows.count()
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.getByRole('combobox', { name: 'Message type' }).selectOption('text')
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('while paused')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Resume (2 new)' })).toBeVisible()
    await expect(rows).toHaveCount(before)
    await page.getByRole('button', { name: 'Resume (2 new)' }).click()
    await expect(rows.filter({ hasText: 'while paused' })).toHaveCount(2)

    // Export writes every message of the session, read back from core, as NDJSON.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export NDJSON' }).click()])
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8')
    const exported = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; direction: string; kind: string })
    expect(exported.map((m) => m.seq)).toEqual(exported.map((_, i) => i + 1))
    expect(exported.filter((m) => m.direction === 'in').map((m) => m.kind)).toEqual(['text', 'binary', 'pong', 'text'])
    await page.getByRole('textbox', { name: 'Close code' }).fill('4001')
    await page.getByRole('textbox', { name: 'Close reason' }).fill('bye')
    await page.getByRole('button', { name: 'Close with code' }).click()
    await expect(status(page)).toHaveText('Closed')
    await expect(page.locator('.rt-status-detail')).toHaveText('closed by you: 4001 bye')

    await page.getByRole('textbox', { name: 'URL' }).fill(`${ws}/ws/close?code=4001&reason=bye`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(page.locator('.rt-status-detail')).toHaveText('closed by the server: 4001 bye')
  })

  test('SSE: the clock ticks arrive with their ids; a background tab keeps receiving', async ({ page, host }) => {
    test.setTimeout(90_000)
    await gotoApp(page, host.url)
    await openSession(page, 'sse', `${playground.url}/sse/clock?interval=100`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')
    await expect(row(page, 'tick').first()).toContainText('"n":1')
    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
    const sseTab = tabs.nth((await tabs.count()) - 1)
    // Another tab in front while ten more ticks reach core; they land in the SSE tab's log.
    const received = async (): Promise<number> =>
      (await coreCall<{ sessions: Array<{ kind: string; in: number }> }>(page, 'session.list')).sessions.find((s) => s.kind === 'sse')?.in ?? 0
    const before = await received()
    await openSession(page, 'websocket', 'ws://127.0.0.1:1/')
    await expect.poll(received, { timeout: 20_000 }).toBeGreaterThan(before + 10)
    await sseTab.click()
    await expect.poll(async () => row(page, 'tick').count()).toBeGreaterThan(0)
    // Ticks keep coming every 100 ms; stop following the tail first, as a reader does, so the rows hold still.
    const follow = page.getByRole('button', { name: 'Follow', exact: true })
    await expect(follow).toHaveAttribute('aria-pressed', 'true')
    await follow.click()
    await expect(follow).toHaveAttribute('aria-pressed', 'false')
    await row(page, 'tick').first().getByRole('button').click()
    await expect(log(page).getByRole('region', { name: 'Details' }).first()).toContainText('id')
    await expect
      .poll(async () => Number((await page.locator('.rt-log-meta').textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? 0))
      .toBeGreaterThan(10)
  })

  test('100,000 messages: every one counted, and the log still scrolls from end to start', async ({ page, host }) => {
    test.setTimeout(120_000)
    await gotoApp(page, host.url)
    await openSession(page, 'socketio', playground.url)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')
    await page.getByRole('textbox', { name: 'Event' }).fill('burst')
    await addArg(page, 'json', '{"count": 100000}')
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await expect(row(page, 'burst:done')).toHaveCount(1, { timeout: 90_000 })
    await expect(page.locator('.rt-log-meta')).toContainText('100,0')
    await expect(page.getByLabel('Counters')).toContainText('in 100,001')
    // Only a window of rows exists in the DOM, whatever the count.
    expect(await log(page).getByRole('listitem').count()).toBeLessThan(80)
    await log(page).evaluate((el) => el.scrollTo({ top: 0 }))
    await expect(row(page, /connecting to/)).toHaveCount(1)
    await log(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }))
    await expect(row(page, /"i":4999\d\}/).first()).toBeVisible()
  })

  /** The page background of each theme (--bg in app/styles.css). */
  const bodyColour = { light: 'rgb(246, 247, 249)', dark: 'rgb(22, 24, 29)' } as const

  test('a busy session in light and dark themes: each theme is drawn in its own palette (screenshots kept for people)', async ({ page, host }) => {
    test.setTimeout(90_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await gotoApp(page, host.url)
    await openSession(page, 'socketio', playground.url)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(status(page)).toHaveText('Connected')
    await page.getByRole('textbox', { name: 'Event' }).fill('multi')
    await page.getByRole('checkbox', { name: 'Wait for ack' }).check()
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await page.getByRole('button', { name: 'Save emit' }).click()
    await page.getByRole('textbox', { name: 'Event' }).fill('chat:send')
    await addArg(page, 'text', 'hello everyone')
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await page.getByRole('button', { name: 'Save emit' }).click()
    await page.getByRole('textbox', { name: 'Event' }).fill('echo')
    await page.getByRole('textbox', { name: 'Argument 1 value' }).fill('hi')
    await addArg(page, 'binary-base64', 'AAECAwQFBgcICQ==')
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await page.getByRole('button', { name: 'Save emit' }).click()
    await page.getByRole('textbox', { name: 'Event' }).fill('nobody-answers')
    await page.getByRole('spinbutton', { name: 'Ack timeout (ms)' }).fill('300')
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await expect(row(page, 'ack timed out')).toHaveCount(1)
    await page.getByText('Timeline', { exact: true }).click()
    await expect(page.getByRole('img', { name: /Timeline of the last/ })).toBeVisible()
    const timelineShots: Buffer[] = []
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(bodyColour[theme])
      timelineShots.push(await page.screenshot({ path: test.info().outputPath(`realtime-timeline-${theme}.png`) }))
    }
    expect(timelineShots[0]!.equals(timelineShots[1]!), 'the light and dark screenshots are the same picture').toBe(false)
    await page.getByText('Log', { exact: true }).click()
    await page.getByRole('textbox', { name: 'Event' }).fill('burst')
    await page.getByRole('button', { name: 'Remove argument 2' }).click()
    await page.getByRole('combobox', { name: 'Argument 1 type' }).selectOption('json')
    await page.getByRole('textbox', { name: 'Argument 1 value' }).fill('{"count": 5000}')
    await page.getByRole('checkbox', { name: 'Wait for ack' }).uncheck()
    await page.getByRole('button', { name: 'Emit', exact: true }).click()
    await expect(row(page, 'burst:done')).toHaveCount(1, { timeout: 15_000 })
    await page.getByRole('button', { name: 'Send saved emit echo' }).click()
    await expect(row(page, /echo.*ack ·/)).toHaveCount(1)
    await row(page, /echo.*ack ·/)
      .last()
      .getByRole('button')
      .first()
      .click()
    await expect(page.locator('.rt-log-meta')).toContainText('5,0')
    const logShots: Buffer[] = []
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(bodyColour[theme])
      logShots.push(await page.screenshot({ path: test.info().outputPath(`realtime-log-${theme}.png`) }))
    }
    expect(logShots[0]!.equals(logShots[1]!), 'the light and dark screenshots are the same picture').toBe(false)
  })
})
