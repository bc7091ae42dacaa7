import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { startPlayground } from '../../src/playground/server'
import { item, menuAction, openCollection } from './collectionSteps'
import { expect, test, watchConsole } from './fixtures'

type Playground = Awaited<ReturnType<typeof startPlayground>>
let playground: Playground
/** A server whose /hold answers only once a test lets it go: the run is caught mid-way, deterministically. */
let holdServer: Server
let holdUrl: string
let release: () => void = () => undefined
let released: Promise<void>

test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
  released = new Promise((resolve) => (release = resolve))
  holdServer = createServer((_request, response) => {
    void released.then(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"held":true}'))
  })
  await new Promise<void>((resolve) => holdServer.listen(0, '127.0.0.1', resolve))
  holdUrl = `http://127.0.0.1:${(holdServer.address() as AddressInfo).port}`
})
test.afterAll(async () => {
  release()
  await playground.close()
  await new Promise((resolve) => holdServer.close(resolve))
})

/** A small collection on disk: folder "API" with a passing request, one held by the test, one that fails its row. */
async function writeCollection(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'parley-runner-')), 'runner-test')
  await mkdir(join(dir, 'api'), { recursive: true })
  await writeFile(
    join(dir, 'parley.yaml'),
    `parley: 1\nname: Runner test\nvariables:\n  - name: base\n    value: ${playground.url}\n  - name: hold\n    value: ${holdUrl}\norder:\n  - api\n  - quick\n`
  )
  await writeFile(join(dir, 'api/folder.yaml'), 'name: API\norder:\n  - list-notes.yaml\n  - held.yaml\n  - missing-note.yaml\n')
  await writeFile(
    join(dir, 'api/list-notes.yaml'),
    [
      'kind: http',
      'name: List notes',
      'method: GET',
      'url: "{{base}}/api/notes?limit=1"',
      'scripts:',
      "  post: pm.test('answered for ' + pm.iterationData.get('label'), () => pm.response.to.have.status(Number(pm.iterationData.get('expected'))))",
      'assertions:',
      '  - target: status',
      '    expected: "200"',
      ''
    ].join('\n')
  )
  await mkdir(join(dir, 'quick'), { recursive: true })
  await writeFile(join(dir, 'quick/folder.yaml'), 'name: Quick\n')
  await writeFile(
    join(dir, 'quick/ping.yaml'),
    'kind: http\nname: Ping\nmethod: GET\nurl: "{{base}}/api/notes?limit=1"\nassertions:\n  - target: status\n    expected: "200"\n'
  )
  await writeFile(join(dir, 'api/held.yaml'), 'kind: http\nname: Held\nmethod: GET\nurl: "{{hold}}/hold"\n')
  await writeFile(
    join(dir, 'api/missing-note.yaml'),
    [
      'kind: http',
      'name: Missing note',
      'method: GET',
      'url: "{{base}}/api/notes/987654"',
      'assertions:',
      '  - target: status',
      '    expected: "200"',
      ''
    ].join('\n')
  )
  return dir
}

const results = (page: Page): Locator => page.getByRole('tree', { name: 'Run results' })
const totals = (page: Page): Locator => page.getByRole('group', { name: 'Run totals' })

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir('test-results/runner-screens', { recursive: true })
  await page.screenshot({ path: `test-results/runner-screens/${name}.png` })
}

test.describe('collection runner', () => {
  test.describe.configure({ timeout: 180_000 })

  test('runs a folder twice with a CSV data file: live results, totals, a failure with its message, re-run failed, JUnit saved', async ({ page, host }) => {
    const errors = watchConsole(page)
    const dir = await writeCollection()
    const csv = join(dir, '..', 'rows.csv')
    await writeFile(csv, 'label,expected\nfirst row,200\nsecond row,200\n')
    await page.goto(host.url)
    await openCollection(page, dir)
    await menuAction(page, 'API', 'Run folder')
    const dialog = page.getByRole('dialog', { name: 'Run folder: API' })
    await expect(dialog).toBeVisible()
    const options = dialog.getByRole('form', { name: 'Run options' })
    await options.getByRole('spinbutton', { name: 'Iterations' }).fill('2')
    const chooser = page.waitForEvent('filechooser')
    await options.getByRole('button', { name: 'Choose data file' }).click()
    await (await chooser).setFiles(csv)
    await expect(options.getByRole('textbox', { name: 'Data file (CSV or JSON)' })).toHaveValue(/rows\.csv$/)
    await options.getByRole('button', { name: 'Run', exact: true }).click()

    // Live: the first request has passed while the second is still held by the server.
    await expect(results(page).getByRole('treeitem', { name: 'Passed: List notes, iteration 1' })).toBeVisible()
    await expect(results(page).getByRole('treeitem', { name: 'Passed: answered for first row' })).toBeVisible()
    await expect(results(page).getByRole('treeitem', { name: 'Held: running…' })).toBeVisible()
    await expect(dialog.getByRole('status', { name: /^Running: iteration 1 of 2/ })).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Cancel run' })).toBeVisible()
    await expect(totals(page)).toContainText('1 request of 6')
    await shoot(page, 'runner-live-1280-light')
    release()

    await expect(dialog.getByRole('status', { name: /^Finished in/ })).toBeVisible()
    await expect(totals(page)).toContainText('6 requests of 6')
    await expect(totals(page)).toContainText('4 passed')
    await expect(totals(page)).toContainText('2 failed')
    await expect(totals(page)).toContainText('Tests: 4 passed, 2 failed')
    await expect(results(page).getByRole('treeitem', { name: 'Passed: answered for second row' })).toBeVisible()
    const failure = results(page).getByRole('treeitem', { name: 'Failed: status == 200' })
    await expect(failure).toHaveCount(2)
    await expect(failure.first()).toContainText('expected 200, got 404')
    await expect(results(page).getByRole('treeitem', { name: 'Failed: Missing note, iteration 2' })).toBeVisible()

    // Screens in both themes and sizes.
    await shoot(page, 'runner-1280-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await shoot(page, 'runner-1280-dark')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await shoot(page, 'runner-1920-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await shoot(page, 'runner-1920-light')

    // Failed only.
    await dialog.getByRole('checkbox', { name: 'Show failed only' }).check()
    await expect(results(page).getByRole('treeitem', { name: /^Passed: / })).toHaveCount(0)
    await expect(results(page).getByRole('treeitem', { name: /^Failed: Missing note/ })).toHaveCount(2)
    await dialog.getByRole('checkbox', { name: 'Show failed only' }).uncheck()

    // Re-run failed: only the missing note runs again, in both iterations.
    await dialog.getByRole('button', { name: 'Re-run failed' }).click()
    await expect(dialog.getByRole('status', { name: /^Finished in/ })).toBeVisible()
    await expect(totals(page)).toContainText('2 requests of 2')
    await expect(results(page).getByRole('treeitem', { name: /List notes/ })).toHaveCount(0)
    await expect(results(page).getByRole('treeitem', { name: /^Failed: Missing note/ })).toHaveCount(2)

    // Save as JUnit: the browser downloads it.
    await dialog.getByRole('combobox', { name: 'Save results as' }).selectOption('junit')
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Save results' }).click()
    const xml = await readFile((await (await download).path())!, 'utf8')
    expect(xml).toContain('<testsuites')
    expect(xml).toContain('Missing note')
    expect(xml).toContain('expected 200, got 404')
    await expect(dialog.getByRole('status').filter({ hasText: 'Downloaded JUnit XML results' })).toBeVisible()
    expect(errors).toEqual([])
  })

  test('the command palette opens the runner; a bad data file is said in words', async ({ page, host }) => {
    const dir = await writeCollection()
    await page.goto(host.url)
    await openCollection(page, dir)
    await page.keyboard.press('ControlOrMeta+K')
    await page.getByRole('combobox', { name: /Find a request/ }).fill('run collection runner test')
    await page.getByRole('option', { name: /Run collection: Runner test/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Run collection: Runner test' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('textbox', { name: 'Data file (CSV or JSON)' }).fill(join(dir, 'nope.csv'))
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(dialog.getByRole('alert')).toContainText('nope.csv')
  })

  test('a long run stays a short DOM: the results tree is virtualised', async ({ page, host }) => {
    const dir = await writeCollection()
    await page.goto(host.url)
    await openCollection(page, dir)
    await menuAction(page, 'Quick', 'Run folder')
    const dialog = page.getByRole('dialog', { name: 'Run folder: Quick' })
    await dialog.getByRole('spinbutton', { name: 'Iterations' }).fill('150')
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(dialog.getByRole('status', { name: /^Finished in/ })).toBeVisible({ timeout: 150_000 })
    await expect(totals(page)).toContainText('150 requests of 150')
    await expect(totals(page)).toContainText('Tests: 150 passed, 0 failed')
    // 450 rows (iteration, request, test per iteration); only those near the view are in the page.
    const rendered = await results(page).getByRole('treeitem').count()
    expect(rendered).toBeGreaterThan(0)
    expect(rendered).toBeLessThan(100)
    await results(page).evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect(results(page).getByRole('treeitem', { name: 'Passed: Ping, iteration 150' })).toBeVisible()
  })

  test('a folder script written in the folder settings runs on send', async ({ page, host }) => {
    const dir = await writeCollection()
    await page.goto(host.url)
    await openCollection(page, dir)
    await menuAction(page, 'API', 'Settings…')
    const settings = page.getByRole('dialog', { name: 'Folder settings: API' })
    await settings.getByRole('tab', { name: /^Scripts/ }).click()
    await settings.getByRole('radio', { name: 'Post-response' }).check()
    const editor = settings.getByRole('textbox', { name: 'Folder post-response script' })
    await editor.click()
    await page.keyboard.insertText("pm.test('checked by the folder', () => pm.expect(pm.response.code).to.equal(200))")
    await shoot(page, 'folder-scripts-1280-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await shoot(page, 'folder-scripts-1280-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await settings.getByRole('button', { name: 'Save' }).click()
    await expect(settings).toBeHidden()
    expect(await readFile(join(dir, 'api/folder.yaml'), 'utf8')).toContain("pm.test('checked by the folder'")

    await item(page, 'API').click()
    await item(page, 'List notes').click()
    await page.getByRole('button', { name: 'Send' }).click()
    await page
      .getByRole('tablist', { name: 'Response sections' })
      .getByRole('tab', { name: /^Tests/ })
      .click()
    await expect(page.getByRole('list', { name: 'Test results' }).getByRole('listitem', { name: 'Passed: checked by the folder' })).toBeVisible()
  })
})
