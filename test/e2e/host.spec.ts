import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'

/** The browser host: its token, and imports larger than one WebSocket message (16 MiB). */

let dir: string
test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-host-e2e-'))
})
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A HAR file of `entries` POSTs, each with a body of about `bodyChars` characters. */
function har(entries: number, bodyChars: number): string {
  const entry = (i: number) => ({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'POST',
      url: `https://api.example.com/items/${i}`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'text/plain' }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      postData: { mimeType: 'text/plain', text: `item ${i} ${'lorem ipsum "quoted" \\ '.repeat(Math.ceil(bodyChars / 24))}` }
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 }
  })
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'e2e', version: '1' }, entries: Array.from({ length: entries }, (_, i) => entry(i)) } })
}

test.describe('the browser host', () => {
  test('takes the token out of the address bar after the first load; a reload still gets in with the cookie', async ({ page, host, context }) => {
    await page.goto(host.url)
    await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
    expect(page.url()).toBe(`${host.origin}/`)
    const port = new URL(host.origin).port
    expect(await context.cookies(host.origin)).toEqual([
      expect.objectContaining({ name: `parley_token_${port}`, httpOnly: true, sameSite: 'Strict', path: '/' })
    ])
    await page.reload()
    await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
    expect(page.url()).toBe(`${host.origin}/`)
    // Core answers after the reload: the About dialog shows its data directory.
    await page.getByRole('button', { name: 'About Parley' }).click()
    await expect(page.getByRole('dialog', { name: 'About Parley' })).toContainText(host.dataDir)
  })

  test('imports a 17 MB HAR file chosen in the Import dialog, larger than one WebSocket message', async ({ page, host }) => {
    test.setTimeout(120_000)
    const file = join(dir, 'big.har')
    const text = har(17, 1_000_000)
    expect(Buffer.byteLength(text)).toBeGreaterThan(16 * 1024 * 1024)
    await writeFile(file, text)
    const target = join(dir, 'collections')
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('File to import').setInputFiles(file)
    await expect(dialog.getByRole('status', { name: 'Detected format' })).toHaveText('big.har: HAR (browser network log)', { timeout: 60_000 })
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText('17 requests', { timeout: 60_000 })
    await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
    expect((await readdir(target)).length).toBe(1)
  })

  test('refuses an import file over 50,000,000 characters with the limit and what to do', async ({ page, host }) => {
    const file = join(dir, 'huge.har')
    await writeFile(file, har(51, 1_000_000))
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('File to import').setInputFiles(file)
    await expect(dialog.getByRole('alert')).toContainText('Parley imports at most 50,000,000', { timeout: 30_000 })
    await expect(dialog.getByRole('alert')).toContainText('Split it')
    await expect(page.getByRole('status', { name: 'Core connection' })).toHaveText('Connected')
  })
})
