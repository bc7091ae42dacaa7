import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startPlayground } from '../../src/playground/server'
import { expect, test } from './fixtures'
import { startRecordingServer } from './recordingServer'

type Recorder = Awaited<ReturnType<typeof startRecordingServer>>
let server: Recorder
let files: string
test.beforeAll(async () => {
  server = await startRecordingServer()
  files = await mkdtemp(join(tmpdir(), 'parley-files-'))
})
test.afterAll(async () => {
  await server.close()
  await rm(files, { recursive: true, force: true })
})

async function open(page: Page, url: string): Promise<void> {
  await page.getByRole('textbox', { name: 'URL' }).fill(url)
}

async function sendAndWait(page: Page, before = server.received.length): Promise<void> {
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => server.received.length).toBe(before + 1)
}

const section = (page: Page, name: string) => page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name })

test.describe('composing a request and sending it', () => {
  test('params sync with the URL both ways and only enabled ones are sent; headers too', async ({ page, host }) => {
    await page.goto(host.url)
    await open(page, `${server.url}/items?a=1&tag=x%20y`)
    await expect(page.getByRole('textbox', { name: 'Param 1 name' })).toHaveValue('a')
    await expect(page.getByRole('textbox', { name: 'Param 2 value' })).toHaveValue('x y')
    await page.getByRole('textbox', { name: 'New param name' }).fill('b')
    await page.getByRole('textbox', { name: 'Param 3 value' }).fill('2')
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${server.url}/items?a=1&tag=x+y&b=2`)
    await page.getByRole('checkbox', { name: 'Param 1 enabled' }).uncheck()
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${server.url}/items?tag=x+y&b=2`)
    await section(page, 'Headers').click()
    await page.getByRole('combobox', { name: 'New header name' }).fill('X-Trace')
    await page.getByRole('combobox', { name: 'Header 1 value' }).fill('abc')
    await page.getByRole('combobox', { name: 'New header name' }).fill('X-Off')
    await page.getByRole('combobox', { name: 'Header 2 value' }).fill('no')
    await page.getByRole('checkbox', { name: 'Header 2 enabled' }).uncheck()
    const before = server.received.length
    await page.getByRole('textbox', { name: 'URL' }).press('Control+Enter')
    await expect.poll(() => server.received.length).toBe(before + 1)
    const received = server.last()
    expect(received.method).toBe('GET')
    expect(received.url).toBe('/items?tag=x+y&b=2')
    expect(received.headers['x-trace']).toBe('abc')
    expect(received.headers['x-off']).toBeUndefined()
    await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('200')
  })

  test('Format JSON pretty-prints a valid body and explains an invalid one', async ({ page, host }) => {
    await page.goto(host.url)
    await section(page, 'Body').click()
    await page.getByRole('radio', { name: 'JSON' }).check()
    const body = page.getByRole('textbox', { name: 'Body', exact: true })
    await body.fill('{"a":1,"b":[true,null]}')
    await page.getByRole('button', { name: 'Format JSON' }).click()
    await expect(body).toHaveText('{  "a": 1,  "b": [    true,    null  ]}')
    await body.fill('{"a":')
    await page.getByRole('button', { name: 'Format JSON' }).click()
    await expect(page.getByRole('alert')).toContainText('Not formatted')
    await expect(body).toHaveText('{"a":')
  })

  test('tabs are reordered by dragging', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill('https://first.example/')
    await page.getByRole('button', { name: 'New request' }).click()
    await page.getByRole('textbox', { name: 'URL' }).fill('https://second.example/')
    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
    await expect(tabs.nth(0)).toContainText('first.example')
    await tabs.nth(1).dragTo(tabs.nth(0))
    await expect(tabs.nth(0)).toContainText('second.example')
    await expect(tabs.nth(1)).toContainText('first.example')
  })

  test('a custom method goes out as typed', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Method' }).fill('PURGE')
    await open(page, `${server.url}/cache`)
    await sendAndWait(page)
    expect(server.last().method).toBe('PURGE')
  })

  test('each body type arrives byte-exact', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Method' }).fill('POST')
    await open(page, `${server.url}/bodies`)
    await section(page, 'Body').click()

    await page.getByRole('radio', { name: 'JSON' }).check()
    await page.getByRole('textbox', { name: 'Body', exact: true }).fill('{"hello":"wörld","n":[1,2]}')
    await sendAndWait(page)
    expect(server.last().body.toString('utf8')).toBe('{"hello":"wörld","n":[1,2]}')
    expect(server.last().headers['content-type']).toMatch(/^application\/json/)

    await page.getByRole('radio', { name: 'XML' }).check()
    await page.getByRole('textbox', { name: 'Body', exact: true }).fill('<note><to>you</to></note>')
    await sendAndWait(page)
    expect(server.last().body.toString('utf8')).toBe('<note><to>you</to></note>')
    expect(server.last().headers['content-type']).toMatch(/xml/)

    await page.getByRole('radio', { name: 'Text' }).check()
    await page.getByRole('textbox', { name: 'Content-Type' }).fill('text/csv')
    await page.getByRole('textbox', { name: 'Body', exact: true }).fill('a,b\n1,2')
    await sendAndWait(page)
    expect(server.last().body.toString('utf8')).toBe('a,b\n1,2')
    expect(server.last().headers['content-type']).toMatch(/^text\/csv/)

    await page.getByRole('radio', { name: 'Form URL-encoded' }).check()
    await page.getByRole('textbox', { name: 'New field name' }).fill('name')
    await page.getByRole('textbox', { name: 'Field 1 value' }).fill('Ada Lovelace')
    await page.getByRole('textbox', { name: 'New field name' }).fill('lang')
    await page.getByRole('textbox', { name: 'Field 2 value' }).fill('en&fr')
    await sendAndWait(page)
    expect(server.last().body.toString('utf8')).toBe('name=Ada+Lovelace&lang=en%26fr')
    expect(server.last().headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)

    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))
    const file = join(files, 'blob.bin')
    await writeFile(file, bytes)
    await page.getByRole('radio', { name: 'Binary file' }).check()
    await page.getByRole('textbox', { name: 'File to send' }).fill(file)
    // A path typed by hand lies outside the data dir: Send refuses it until the user allows it.
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByRole('alert')).toContainText(file)
    await page.getByRole('button', { name: 'Allow this file' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Allowed' })).toContainText(file)
    await sendAndWait(page)
    expect(server.last().body.equals(bytes)).toBe(true)

    await page.getByRole('radio', { name: 'Multipart form' }).check()
    await page.getByRole('button', { name: 'Add text part' }).click()
    await page.getByRole('textbox', { name: 'Part 1 name' }).fill('title')
    await page.getByRole('textbox', { name: 'Part 1 value' }).fill('hello')
    await page.getByRole('button', { name: 'Add file part' }).click()
    await page.getByRole('textbox', { name: 'Part 2 name' }).fill('upload')
    await page.getByRole('textbox', { name: 'Part 2 file path' }).fill(file)
    await sendAndWait(page)
    const multipart = server.last()
    expect(multipart.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    const text = multipart.body.toString('latin1')
    expect(text).toContain('name="title"')
    expect(text).toContain('filename="blob.bin"')
    expect(multipart.body.includes(bytes)).toBe(true)

    await page.getByRole('radio', { name: 'GraphQL' }).check()
    await page.getByRole('textbox', { name: 'GraphQL query' }).fill('query Q($id: ID!) { note(id: $id) { title } }')
    await page.getByRole('textbox', { name: 'GraphQL variables' }).fill('{"id": 7}')
    await page.getByRole('textbox', { name: 'Operation name' }).fill('Q')
    await sendAndWait(page)
    expect(JSON.parse(server.last().body.toString('utf8'))).toEqual({
      query: 'query Q($id: ID!) { note(id: $id) { title } }',
      variables: { id: 7 },
      operationName: 'Q'
    })
  })

  test('a file chosen with the file picker is sent byte for byte, as a binary body and as a multipart part', async ({ page, host }) => {
    // 9 MB: copied to core in three chunks.
    const bytes = Buffer.alloc(9 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE((i * 2654435761) >>> 0, i)
    const file = join(files, 'picked.dat')
    await writeFile(file, bytes)
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Method' }).fill('POST')
    await open(page, `${server.url}/upload`)
    await section(page, 'Body').click()
    await page.getByRole('radio', { name: 'Binary file' }).check()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Choose file to send' }).click()
    await (await chooser).setFiles(file)
    await expect(page.getByRole('textbox', { name: 'File to send' })).toHaveValue(/uploads\/[0-9a-f]{24}\/picked\.dat$/, { timeout: 20_000 })
    await sendAndWait(page)
    expect(server.last().body.equals(bytes)).toBe(true)

    await page.getByRole('radio', { name: 'Multipart form' }).check()
    await page.getByRole('button', { name: 'Add file part' }).click()
    await page.getByRole('textbox', { name: 'Part 1 name' }).fill('upload')
    const partChooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Choose file for part 1' }).click()
    await (await partChooser).setFiles(file)
    await expect(page.getByRole('textbox', { name: 'Part 1 file path' })).toHaveValue(/picked\.dat$/, { timeout: 20_000 })
    await sendAndWait(page)
    const received = server.last()
    expect(received.body.toString('latin1')).toContain('filename="picked.dat"')
    expect(received.body.includes(bytes)).toBe(true)
  })

  test('each auth type is sent as the server expects', async ({ page, host }) => {
    await page.goto(host.url)
    await open(page, `${server.url}/private`)
    await section(page, 'Auth').click()
    const auth = page.getByRole('combobox', { name: 'Auth type' })

    await auth.selectOption('basic')
    await page.getByRole('textbox', { name: 'Username' }).fill('ada')
    await page.getByLabel('Password').fill('s3cret:x')
    await sendAndWait(page)
    expect(server.last().headers.authorization).toBe(`Basic ${Buffer.from('ada:s3cret:x').toString('base64')}`)

    await auth.selectOption('bearer')
    await page.getByLabel('Token').fill('tok-123')
    await sendAndWait(page)
    expect(server.last().headers.authorization).toBe('Bearer tok-123')

    await auth.selectOption('apikey')
    await page.getByRole('textbox', { name: 'Key' }).fill('X-API-Key')
    await page.getByLabel('Value').fill('k-1')
    await sendAndWait(page)
    expect(server.last().headers['x-api-key']).toBe('k-1')
    await page.getByRole('combobox', { name: 'Add API key to' }).selectOption('query')
    await sendAndWait(page)
    expect(server.last().url).toBe('/private?X-API-Key=k-1')

    await auth.selectOption('awsv4')
    await page.getByRole('textbox', { name: 'Access key ID' }).fill('AKIDEXAMPLE')
    await page.getByLabel('Secret access key').fill('wJalrXUtnFEMI')
    await page.getByRole('textbox', { name: 'Service' }).fill('execute-api')
    await sendAndWait(page)
    expect(server.last().headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/
    )
  })

  test('OAuth 2.0 client credentials: the token is fetched, then sent', async ({ page, host }) => {
    await page.goto(host.url)
    await open(page, `${server.url}/protected`)
    await section(page, 'Auth').click()
    await page.getByRole('combobox', { name: 'Auth type' }).selectOption('oauth2')
    await page.getByRole('textbox', { name: 'Token URL' }).fill(`${server.url}/token`)
    await page.getByRole('textbox', { name: 'Client ID' }).fill('app')
    await page.getByLabel('Client secret').fill('shh')
    const before = server.received.length
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => server.received.length).toBe(before + 2)
    const [tokenRequest, resourceRequest] = server.received.slice(before)
    expect(tokenRequest!.url).toBe('/token')
    expect(tokenRequest!.headers.authorization).toBe(`Basic ${Buffer.from('app:shh').toString('base64')}`)
    expect(tokenRequest!.body.toString()).toContain('grant_type=client_credentials')
    expect(resourceRequest!.headers.authorization).toBe('Bearer tok-from-server')
  })

  test('digest auth answers the playground challenge', async ({ page, host }) => {
    const playground = await startPlayground({ port: 0 })
    try {
      await page.goto(host.url)
      await open(page, `${playground.url}/auth/digest`)
      await section(page, 'Auth').click()
      await page.getByRole('combobox', { name: 'Auth type' }).selectOption('digest')
      await page.getByRole('textbox', { name: 'Username' }).fill('parley')
      await page.getByLabel('Password').fill('secret')
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('200')
    } finally {
      await playground.close()
    }
  })

  test('redirects can be left unfollowed from the settings', async ({ page, host }) => {
    const playground = await startPlayground({ port: 0 })
    try {
      await page.goto(host.url)
      await open(page, `${playground.url}/redirect/2`)
      await section(page, 'Settings').click()
      await page.getByRole('checkbox', { name: 'Follow redirects' }).uncheck()
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('302')
    } finally {
      await playground.close()
    }
  })

  test('a large body kept on disk is removed once a new send replaces its response', async ({ page, host }) => {
    const playground = await startPlayground({ port: 0 })
    try {
      const bodies = join(host.dataDir, 'bodies')
      const files = async () => (await readdir(bodies).catch((): string[] => [])).filter((name) => !name.startsWith('.'))
      await page.goto(host.url)
      await open(page, `${playground.url}/json/large?mb=6`)
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('200', { timeout: 20_000 })
      await expect.poll(files).toHaveLength(1)
      const [first] = await files()
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect.poll(async () => (await files()).includes(first!), { timeout: 20_000 }).toBe(false)
      await expect.poll(files).toHaveLength(1)
    } finally {
      await playground.close()
    }
  })

  test('Esc cancels a request in flight', async ({ page, host }) => {
    const playground = await startPlayground({ port: 0 })
    try {
      await page.goto(host.url)
      await open(page, `${playground.url}/delay/10000`)
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await expect(page.getByRole('button', { name: 'Cancel' }).first()).toBeVisible()
      await page.getByRole('textbox', { name: 'URL' }).press('Escape')
      await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText(/cancelled/i)
      await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeVisible()
    } finally {
      await playground.close()
    }
  })

  test('pasting a cURL command fills the request, and Copy as cURL gives one back', async ({ page, host, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
    await page.goto(host.url)
    const command = `curl '${server.url}/orders?limit=5' -X POST -H 'Content-Type: application/json' -H 'X-Trace: t1' --data-raw '{"item":"tea"}' -u ada:pw`
    await page.getByRole('textbox', { name: 'URL' }).focus()
    await page.evaluate((text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, command)
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${server.url}/orders?limit=5`)
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST')
    await sendAndWait(page)
    const received = server.last()
    expect(received.method).toBe('POST')
    expect(received.headers['x-trace']).toBe('t1')
    expect(received.headers.authorization).toBe(`Basic ${Buffer.from('ada:pw').toString('base64')}`)
    expect(received.body.toString()).toBe('{"item":"tea"}')
    await page.getByRole('button', { name: 'Copy as cURL' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Copied as cURL' })).toBeVisible()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toMatch(/^curl /)
    expect(copied).toContain(`${server.url}/orders?limit=5`)
  })
})
