import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'

const fixtures = join(process.cwd(), 'test', 'fixtures', 'convert')
let target: string
test.beforeEach(async () => {
  target = await mkdtemp(join(tmpdir(), 'parley-import-'))
})
test.afterEach(async () => {
  await rm(target, { recursive: true, force: true })
})

test.describe('bringing collections in and taking them out', () => {
  test('a pasted Postman collection becomes a collection, and what does not fit is listed', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByRole('textbox', { name: 'Text to import' }).fill(await readFile(join(fixtures, 'postman-v2.1-collection.json'), 'utf8'))
    await expect(dialog.getByRole('status', { name: 'Detected format' })).toHaveText('Postman collection (v2.0 / v2.1)')
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Preview' }).click()
    await expect(dialog.getByRole('region', { name: 'Import preview' })).toContainText('Will import Notes API')
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    const result = dialog.getByRole('region', { name: 'Import result' })
    await expect(result).toContainText(/Imported Notes API: \d+ requests/)
    // What has no place in Parley is named, not dropped; the collection's pre-request script is kept, in parley.yaml.
    const notCarried = dialog.getByRole('list', { name: 'Not carried over' })
    await expect(notCarried).toContainText('hawk auth is not supported')
    await expect(notCarried).not.toContainText(/script/i)
    const collectionFile = (await readdir(target, { recursive: true })).find((file) => file.endsWith('parley.yaml'))
    expect(await readFile(join(target, collectionFile ?? 'parley.yaml'), 'utf8')).toContain("pm.variables.set('ts', Date.now());")
    await page.keyboard.press('Escape')
    await expect(page.getByRole('tree').getByRole('treeitem', { name: /Notes API/ })).toBeVisible()
  })

  test('an OpenAPI file chosen from disk imports one request per operation', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('File to import').setInputFiles(join(fixtures, 'petstore-openapi-3.0.yaml'))
    await expect(dialog.getByRole('status', { name: 'Detected format' })).toContainText('OpenAPI 3.x / Swagger 2.0')
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText(/Imported .+: (1[0-9]|2[0-9]) requests/)
  })

  test('a request is copied out as code in the language chosen', async ({ page, host, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
    await page.goto(host.url)
    await page.getByRole('combobox', { name: 'Method' }).fill('POST')
    await page.getByRole('textbox', { name: 'URL' }).fill('https://api.example.com/notes?draft=1')
    await page.getByRole('button', { name: 'Code' }).click()
    const dialog = page.getByRole('dialog', { name: 'Code' })
    await dialog.getByRole('combobox', { name: 'Language' }).selectOption('python-requests')
    await expect(dialog.getByRole('textbox', { name: 'Generated code' })).toContainText('requests.post')
    await dialog.getByRole('combobox', { name: 'Language' }).selectOption('go')
    await expect(dialog.getByRole('textbox', { name: 'Generated code' })).toContainText('http.NewRequest')
    await dialog.getByRole('button', { name: 'Copy code' }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('https://api.example.com/notes?draft=1')
  })

  test('a collection is exported as a Postman v2.1 file', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByRole('textbox', { name: 'Text to import' }).fill(await readFile(join(fixtures, 'postman-v2.1-collection.json'), 'utf8'))
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('region', { name: 'Import result' })).toBeVisible()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Export' }).click()
    const exportDialog = page.getByRole('dialog', { name: 'Export' })
    const download = page.waitForEvent('download')
    await exportDialog.getByRole('button', { name: 'Export as Postman v2.1' }).click()
    const file = await (await download).path()
    const exported = JSON.parse(await readFile(file, 'utf8')) as { info: { name: string; schema: string }; item: unknown[] }
    expect(exported.info.name).toBe('Notes API')
    expect(exported.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json')
    expect(exported.item.length).toBeGreaterThan(0)
  })
})

test.describe('Insomnia v5, Bruno folders, OpenAPI with $ref files', () => {
  test('an Insomnia v5 file imports with its folders and realtime requests, and a collection exports as Insomnia v5', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('File to import').setInputFiles(join(fixtures, 'insomnia-v5.yaml'))
    await expect(dialog.getByRole('status', { name: 'Detected format' })).toHaveText('insomnia-v5.yaml: Insomnia export (v4 JSON / v5 YAML)')
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText('Imported Chat service: 4 requests, 1 folder, 2 environments')
    await expect(dialog.getByRole('list', { name: 'Not carried over' })).toContainText('gRPC requests are not supported')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('tree').getByRole('treeitem', { name: /Chat service/ })).toBeVisible()

    await page.getByRole('button', { name: 'Export' }).click()
    const exportDialog = page.getByRole('dialog', { name: 'Export' })
    await exportDialog.getByRole('combobox', { name: 'Collection to export' }).selectOption({ label: 'Chat service' })
    const download = page.waitForEvent('download')
    await exportDialog.getByRole('button', { name: 'Export as Insomnia v5' }).click()
    const text = await readFile(await (await download).path(), 'utf8')
    expect(text).toMatch(/^type: collection\.insomnia\.rest\/5\.0$/m)
    expect(text).toContain('name: Live feed')
    await expect(exportDialog.getByRole('status')).toContainText('Exported Chat service as an Insomnia v5 collection.')
  })

  test('a Bruno collection folder chosen from disk imports', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('Bruno collection folder').setInputFiles(join(fixtures, 'bruno-collection'))
    await expect(dialog.getByRole('status', { name: 'Detected format' })).toHaveText('bruno-collection: Bruno collection')
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText('Imported Accounts API: 4 requests, 1 folder, 2 environments')
    await expect(dialog.getByRole('list', { name: 'Not carried over' })).toContainText('broken.bru')
  })

  test('an OpenAPI spec chosen with the file its $ref points to imports with the example from that file', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('File to import').setInputFiles([join(fixtures, 'openapi-refs', 'openapi.yaml'), join(fixtures, 'openapi-refs', 'dog.yaml')])
    await expect(dialog.getByRole('status', { name: 'Detected format' })).toContainText('OpenAPI 3.x / Swagger 2.0')
    await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText('Imported Kennel: 1 request')
    await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText('Everything in the file was carried over.')
    const saved = await readFile(join(target, 'kennel', 'add-a-dog.yaml'), 'utf8')
    expect(saved).toContain('beagle')
  })
})
