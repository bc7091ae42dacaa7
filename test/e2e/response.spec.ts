import { mkdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { Locator, Page } from '@playwright/test'
import { startPlayground } from '../../src/playground/server'
import { selfSignedCert, startHttpsServer } from '../unit/core/http/testServers'
import { expect, test, watchConsole } from './fixtures'

type Playground = Awaited<ReturnType<typeof startPlayground>>
let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

const response = (page: Page): Locator => page.getByRole('region', { name: 'Response' })
const sections = (page: Page): Locator => page.getByRole('tablist', { name: 'Response sections' })
const section = (page: Page, name: string): Locator => sections(page).getByRole('tab', { name: new RegExp(`^${name}`) })
const bodyView = (page: Page, name: string): Locator => page.getByRole('group', { name: 'Body view' }).getByRole('button', { name, exact: true })

/** Types the URL and sends it through the composer, then waits for the response's status line. */
async function send(page: Page, url: string): Promise<void> {
  await page.getByRole('textbox', { name: 'URL' }).fill(url)
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByRole('group', { name: 'Response summary' }).or(response(page).getByRole('alert')).first()).toBeVisible({ timeout: 15_000 })
}

const shotDir = 'test-results/response-screens'
async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(shotDir, { recursive: true })
  await page.screenshot({ path: `${shotDir}/${name}.png` })
}

test.describe('the response pane', () => {
  test('shows the empty state before anything is sent', async ({ page, host }) => {
    await page.goto(host.url)
    await expect(response(page)).toContainText('Send a request to see its response here')
  })

  test('a JSON response: status line, pretty view, search, tree and JSONPath', async ({ page, host }) => {
    const errors = watchConsole(page)
    await page.goto(host.url)
    await send(page, `${playground.url}/json/large?mb=0.01`)
    const summary = page.getByRole('group', { name: 'Response summary' })
    await expect(summary.getByLabel('Status 200 OK')).toHaveClass(/rp-status-2xx/)
    await expect(summary).toContainText('Time')
    await expect(summary).toContainText('10.2 KB')
    await expect(summary).toContainText('HTTP/1.1')
    await expect(summary.getByLabel(/^Size 10\.2 KB\. Body 10\.2 KB decoded, 10\.2 KB on the wire/)).toBeVisible()
    await expect(section(page, 'Body')).toHaveAttribute('aria-selected', 'true')

    // Pretty: CodeMirror, pretty-printed, with syntax colours and fold markers.
    const code = page.getByRole('textbox', { name: 'Response body' })
    await expect(code).toContainText('"name": "item 0"')
    await expect(response(page).locator('.cm-foldGutter')).toBeVisible()
    await shoot(page, 'json-pretty-light')

    // Search marks every hit and steps through them.
    await page.getByRole('searchbox', { name: 'Search body' }).fill('lazy dog')
    await expect(response(page).getByText(/^1 of \d+$/)).toBeVisible()
    const hits = Number(
      (await response(page)
        .getByText(/^1 of \d+$/)
        .textContent())!.split(' of ')[1]
    )
    expect(hits).toBeGreaterThan(10)
    await expect(response(page).locator('.cm-search-hit')).not.toHaveCount(0)
    await page.getByRole('button', { name: 'Next match' }).click()
    await expect(response(page).getByText(`2 of ${hits}`)).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search body' }).fill('no such thing anywhere')
    await expect(response(page).getByText('No matches')).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search body' }).fill('')

    // JSON tree: lazily expanded, with types and counts.
    await bodyView(page, 'JSON Tree').click()
    const tree = page.getByRole('tree', { name: 'JSON tree' })
    await expect(tree.getByRole('treeitem', { name: 'mb: number 0.01' })).toBeVisible()
    const items = tree.getByRole('treeitem', { name: /^items: array of \d+ items$/ })
    await expect(items).toHaveAttribute('aria-expanded', 'false')
    await items.click()
    await expect(items).toHaveAttribute('aria-expanded', 'true')
    const first = tree.getByRole('treeitem', { name: '0: object with 6 keys', exact: true })
    await first.click()
    await expect(tree.getByRole('treeitem', { name: 'name: string "item 0"', exact: true })).toBeVisible()
    await expect(tree.getByRole('treeitem', { name: 'active: boolean false' })).toContainText('boolean')
    await first.press('ArrowLeft')
    await expect(tree.getByRole('treeitem', { name: 'name: string "item 0"', exact: true })).toHaveCount(0)
    await first.press('ArrowDown')
    await expect(tree.getByRole('treeitem', { name: '1: object with 6 keys', exact: true })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(tree.getByRole('treeitem', { name: 'name: string "item 1"', exact: true })).toBeVisible()
    await shoot(page, 'json-tree-light')

    // JSONPath: evaluated in the worker, matches listed with their paths.
    await page.getByRole('textbox', { name: 'JSONPath filter' }).fill('$.items[2].name')
    const matches = page.getByRole('region', { name: 'JSONPath matches' })
    await expect(matches).toContainText('1 match')
    await expect(matches).toContainText('"item 2"')
    await expect(matches).toContainText("$['items'][2]['name']")
    await page.getByRole('textbox', { name: 'JSONPath filter' }).fill('$.items[?(@.id < 5)].id')
    await expect(matches).toContainText('5 matches')
    await page.getByRole('textbox', { name: 'JSONPath filter' }).fill('$.nothing.here')
    await expect(matches).toContainText('No matches')
    await page.getByRole('textbox', { name: 'JSONPath filter' }).fill('$.items[?(@.id <)]')
    await expect(matches.locator('.error-text')).toContainText('Expected expression after <')
    await page.getByRole('button', { name: 'Clear JSONPath filter' }).click()
    await expect(matches).toHaveCount(0)

    // Raw: the text exactly as received, on one line.
    await bodyView(page, 'Raw').click()
    await expect(page.getByRole('region', { name: 'Raw response body' })).toContainText('{"mb":0.01,"items":[{"id":0,')
    expect(errors).toEqual([])
  })

  test('save downloads the body under a sensible name, copy puts the text on the clipboard', async ({ page, host, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.goto(host.url)
    await send(page, `${playground.url}/json/large?mb=0.01`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save body to a file' }).click()])
    expect(download.suggestedFilename()).toBe('large.json')
    const saved = await readFile((await download.path())!, 'utf8')
    expect(saved.length).toBe(10486)
    expect(JSON.parse(saved).items[0].name).toBe('item 0')
    await page.getByRole('button', { name: 'Copy body to the clipboard' }).click()
    await expect(response(page).getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeVisible()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied.startsWith('{\n  "mb": 0.01,\n  "items": [')).toBe(true)
  })

  test('keyboard: the response sections are a tablist driven by the arrow keys', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/get`)
    await section(page, 'Body').focus()
    await page.keyboard.press('ArrowRight')
    await expect(section(page, 'Headers')).toBeFocused()
    await expect(section(page, 'Headers')).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('tabpanel', { name: /^Headers/ })).toBeVisible()
    await page.keyboard.press('End')
    await expect(section(page, 'Compare')).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('Home')
    await expect(section(page, 'Body')).toHaveAttribute('aria-selected', 'true')
  })

  test('HTML previews in a sandboxed iframe where the page script does not run', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/html`)
    await expect(page.getByRole('textbox', { name: 'Response body' })).toContainText('<script>')
    await bodyView(page, 'Preview').click()
    const frame = page.locator('iframe[title="HTML preview"]')
    await expect(frame).toHaveAttribute('sandbox', '')
    expect(await frame.getAttribute('srcdoc')).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`)
    const content = page.frameLocator('iframe[title="HTML preview"]')
    await expect(content.getByRole('heading', { name: 'Parley playground' })).toBeVisible()
    await expect(content.locator('#script-status')).toHaveText('JavaScript did not run (a sandboxed preview should show this).')
    await shoot(page, 'html-preview-light')
  })

  test('an image previews from a blob: URL, and its bytes show as a hex dump', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/image/png`)
    const image = response(page).getByRole('img', { name: 'Response image' })
    await expect(image).toBeVisible()
    expect(await image.getAttribute('src')).toMatch(/^blob:/)
    await expect(response(page)).toContainText('64 × 64 px')
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64)
    await bodyView(page, 'Raw').click()
    await expect(page.getByRole('region', { name: 'Response body as hex' })).toContainText('00000000  89 50 4e 47 0d 0a 1a 0a')
    await expect(bodyView(page, 'Pretty')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Copy body to the clipboard' })).toBeDisabled()
  })

  test('text is decoded with the charset the server named; XML gets its own colours', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/charset/latin1`)
    await expect(page.getByRole('textbox', { name: 'Response body' })).toContainText('Café naïve')
    await send(page, `${playground.url}/charset/shift_jis`)
    await expect(page.getByRole('textbox', { name: 'Response body' })).toContainText(/[\u3040-\u30ff\u4e00-\u9fff]/)
    await send(page, `${playground.url}/xml`)
    const code = page.getByRole('textbox', { name: 'Response body' })
    await expect(code).toContainText('<?xml')
    await expect(code.locator('span').first()).toBeVisible()
    await expect(bodyView(page, 'JSON Tree')).toHaveCount(0)
    await shoot(page, 'xml-light')
  })

  test('the headers table keeps every header in order', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/json/large?mb=0.01`)
    await section(page, 'Headers').click()
    const table = page.getByRole('table', { name: 'Response headers' })
    await expect(table.getByRole('row', { name: /content-type application\/json; charset=utf-8/i })).toBeVisible()
    await expect(table.getByRole('row', { name: /content-length 10486/i })).toBeVisible()
    const count = Number(await section(page, 'Headers').locator('.count-badge').textContent())
    await expect(table.locator('tbody tr')).toHaveCount(count)
  })

  test('redirects: each hop with method, URL, status and headers, then the final response', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/redirect/3`)
    await expect(section(page, 'Redirects')).toContainText('3')
    await section(page, 'Redirects').click()
    const chain = page.getByRole('list', { name: 'Redirect chain' })
    await expect(chain.getByRole('listitem')).toHaveCount(4)
    await expect(chain.getByRole('listitem').nth(0)).toContainText(`GET${playground.url}/redirect/3302 Found`)
    await expect(chain.getByRole('listitem').nth(3)).toContainText(`${playground.url}/get200 OK`)
    await chain.getByText(`${playground.url}/redirect/2`).click()
    await expect(page.getByRole('table', { name: 'Headers of hop 2' }).getByRole('row', { name: /location/i })).toBeVisible()
    await expect(page.getByText(/3 redirects, [\d.]+ (ms|s) in all/)).toBeVisible()
    await shoot(page, 'redirects-light')
    await section(page, 'Timing').click()
    await expect(page.getByRole('img', { name: /^Timing waterfall of 4 exchanges/ })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Timing in milliseconds' }).locator('tbody tr')).toHaveCount(4)
  })

  test('cookies set by the response and the jar for its host', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/cookies/set?flavour=oat`)
    await expect(section(page, 'Cookies')).toContainText('1')
    await section(page, 'Cookies').click()
    await expect(page.getByRole('table', { name: 'Cookies set by this response' }).getByRole('row', { name: /flavour oat 127\.0\.0\.1 \// })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Cookie jar for 127.0.0.1' }).getByRole('row', { name: /flavour oat/ })).toBeVisible()
    await shoot(page, 'cookies-light')
  })

  test('the timing waterfall is a picture with a summary, a legend and the numbers', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/delay/60`)
    await section(page, 'Timing').click()
    const picture = page.getByRole('img', { name: /^Timing waterfall of 1 exchange/ })
    await expect(picture).toBeVisible()
    for (const phase of ['DNS', 'Connect', 'TLS', 'Sent', 'Waiting (TTFB)', 'Download']) {
      await expect(picture).toHaveAttribute('aria-label', new RegExp(`${phase.replace(/[()]/g, '\\$&')} [\\d.]+ ms`))
      await expect(page.getByRole('list', { name: 'Legend' })).toContainText(phase)
      await expect(page.getByRole('columnheader', { name: phase })).toBeVisible()
    }
    expect(await picture.locator('rect').count()).toBeGreaterThanOrEqual(3)
    // The server waited 60 ms before answering: most of it is time to first byte, all of it is in the total.
    const cells = page.getByRole('table', { name: 'Timing in milliseconds' }).locator('tbody tr td')
    expect(parseFloat((await cells.nth(4).textContent()) ?? '0')).toBeGreaterThanOrEqual(30)
    expect(parseFloat((await cells.nth(6).textContent()) ?? '0')).toBeGreaterThanOrEqual(58)
    await shoot(page, 'timing-light')
  })

  test('TLS: protocol, cipher, trust and the certificate chain of an https response', async ({ page, host }) => {
    const pems = await selfSignedCert('parley-tls.test')
    const server = await startHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end('{"secure":true}')
    })
    try {
      await page.goto(host.url)
      // Verified (the default), a self-signed certificate is an engine error with a way out.
      await send(page, `${server.url}/`)
      await expect(response(page).getByRole('alert')).toContainText(/self[- ]signed/i)
      await page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: 'Settings' }).click()
      await page.getByRole('checkbox', { name: /Verify TLS certificates/ }).uncheck()
      await send(page, `${server.url}/`)
      await expect(section(page, 'TLS')).toBeVisible()
      await section(page, 'TLS').click()
      const session = page.getByRole('definition')
      await expect(session.filter({ hasText: /^TLSv1\.[23]$/ })).toHaveCount(1)
      await expect(page.getByRole('list', { name: 'Certificate chain' })).toContainText('parley-tls.test')
      await expect(page.getByText(/^Not trusted/)).toBeVisible()
      await expect(page.getByRole('list', { name: 'Certificate chain' })).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/)
      await expect(page.getByRole('list', { name: 'Certificate chain' })).toContainText('127.0.0.1')
      await shoot(page, 'tls-light')
    } finally {
      await server.close()
    }
  })

  test('4xx is amber and 5xx is red, with their reasons', async ({ page, host }) => {
    await page.goto(host.url)
    await send(page, `${playground.url}/status/404`)
    // The theme's own colours, resolved the way the browser paints them.
    const themeColour = (variable: string): Promise<string> =>
      page.evaluate((name) => {
        const probe = document.createElement('span')
        probe.style.color = `var(${name})`
        document.body.append(probe)
        const colour = getComputedStyle(probe).color
        probe.remove()
        return colour
      }, variable)
    const warn = await themeColour('--warn')
    const error = await themeColour('--error')
    const notFound = page.getByRole('group', { name: 'Response summary' }).getByLabel('Status 404 Not Found')
    await expect(notFound).toHaveText('404 Not Found')
    expect(warn).toBe('rgb(183, 110, 0)')
    await expect(notFound).toHaveCSS('color', warn)
    await shoot(page, 'status-404-light')
    await send(page, `${playground.url}/status/500`)
    const failed = page.getByRole('group', { name: 'Response summary' }).getByLabel('Status 500 Internal Server Error')
    await expect(failed).toHaveText('500 Internal Server Error')
    await expect(failed).toHaveCSS('color', error)
  })

  test('an engine error shows its message, hint and code where the response would be', async ({ page, host }) => {
    // A port that was free a moment ago and that nothing listens on now.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer()
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number }
        probe.close(() => resolve(free))
      })
    })
    await page.goto(host.url)
    await send(page, `http://127.0.0.1:${port}/`)
    const alert = response(page).getByRole('alert')
    await expect(alert).toContainText('refused the connection')
    await expect(alert).toContainText('Is the server running and listening on that port?')
    await expect(alert).toContainText('connection_refused')
    await shoot(page, 'error-light')
  })

  test('while sending: progress and a Cancel that ends in "Request cancelled"', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/delay/10000`)
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(response(page).getByRole('progressbar', { name: 'Response progress' })).toBeVisible()
    await expect(response(page)).toContainText(/Connecting|Sending|Waiting|Starting/)
    await shoot(page, 'sending-light')
    await response(page).getByRole('button', { name: 'Cancel' }).click()
    await expect(response(page)).toContainText('Request cancelled')
  })

  test('a 20 MB JSON body opens, scrolls, searches and switches views', async ({ page, host }) => {
    // How fast, and how long the main thread is ever busy, is measured by test/bench/large-response.bench.ts:
    // timing is a benchmark's business. This test checks that everything a user does works.
    test.setTimeout(180_000)
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/json/large?mb=20`)
    await page.getByRole('button', { name: 'Send' }).click()
    const viewer = page.getByRole('region', { name: 'Response body' })
    await expect(viewer).toContainText('"name": "item 0"', { timeout: 60_000 })
    await expect(page.getByRole('status', { name: /^Loading the body/ })).toHaveCount(0, { timeout: 60_000 })
    // Scroll to the end: the viewer keeps drawing lines there.
    await viewer.evaluate((element) => (element.scrollTop = element.scrollHeight))
    await expect(viewer).toContainText('"name": "item', { timeout: 30_000 })
    await expect.poll(() => viewer.evaluate((element) => element.scrollTop)).toBeGreaterThan(0)
    // Switch sections and views and come back to it.
    await section(page, 'Headers').click()
    await section(page, 'Timing').click()
    await section(page, 'Body').click()
    await bodyView(page, 'Raw').click()
    await bodyView(page, 'JSON Tree').click()
    await page.getByRole('treeitem', { name: /^items:/ }).click({ timeout: 30_000 })
    await expect(page.getByRole('treeitem', { name: /^\[0 … 9999\]/ })).toBeVisible({ timeout: 30_000 })
    await bodyView(page, 'Pretty').click()
    // Search finds lines all through the document, and the viewer jumps to them.
    await page.getByRole('searchbox', { name: 'Search body' }).fill('"item 150000"')
    await expect(page.getByText('1 of 1 line · 1 match')).toBeVisible({ timeout: 30_000 })
    await expect(viewer).toContainText('"name": "item 150000"')
    await shoot(page, 'large-json-search-light')
  })

  test('screens in the dark theme look finished too', async ({ page, host }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(host.url)
    // The screenshots are for people; what the test checks is that the page is drawn in the dark palette.
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)')
    await send(page, `${playground.url}/json/large?mb=0.01`)
    await shoot(page, 'json-pretty-dark')
    await bodyView(page, 'JSON Tree').click()
    await page.getByRole('treeitem', { name: /^items:/ }).click()
    await page.getByRole('textbox', { name: 'JSONPath filter' }).fill('$.items[0:3].name')
    await expect(page.getByRole('region', { name: 'JSONPath matches' })).toContainText('3 matches')
    await shoot(page, 'json-tree-dark')
    await send(page, `${playground.url}/redirect/2`)
    await section(page, 'Timing').click()
    await shoot(page, 'timing-dark')
    await section(page, 'Headers').click()
    await shoot(page, 'headers-dark')
    await send(page, `${playground.url}/status/503`)
    await shoot(page, 'status-503-dark')
    await send(page, `${playground.url}/image/png`)
    await shoot(page, 'image-dark')
  })
})
