import { readFile, readdir, writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, watchConsole } from './fixtures'
import { copySample, createCollection, item, menuAction, openCollection, treeNames } from './collectionSteps'

test.describe('collections in the sidebar', () => {
  test('create a collection, add a folder and requests, rename, duplicate, move, delete and undo', async ({ page, host }) => {
    const errors = watchConsole(page)
    const dir = join(await mkdtemp(join(tmpdir(), 'parley-new-')), 'my-api')
    await page.goto(host.url)
    await createCollection(page, 'My API', dir)
    await expect(item(page, 'My API')).toBeVisible()
    expect(await readFile(join(dir, 'parley.yaml'), 'utf8')).toContain('name: My API')

    await menuAction(page, 'My API', 'New folder')
    let dialog = page.getByRole('dialog', { name: 'New folder' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Users')
    await dialog.getByRole('button', { name: 'Create' }).click()
    await expect(item(page, 'Users')).toBeVisible()

    await menuAction(page, 'My API', 'New request')
    dialog = page.getByRole('dialog', { name: 'New request' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('List users')
    await dialog.getByRole('button', { name: 'Create' }).click()
    await expect(item(page, 'List users')).toBeVisible()
    // The new request opens in a tab.
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /List users/ })).toBeVisible()
    expect(await readFile(join(dir, 'list-users.yaml'), 'utf8')).toContain('name: List users')

    await menuAction(page, 'List users', 'Rename')
    dialog = page.getByRole('dialog', { name: 'Rename request' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('All users')
    await dialog.getByRole('button', { name: 'Rename' }).click()
    await expect(item(page, 'All users')).toBeVisible()
    await expect(item(page, 'List users')).toHaveCount(0)
    // The open tab follows the rename.
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /All users/ })).toBeVisible()

    await menuAction(page, 'All users', 'Duplicate')
    dialog = page.getByRole('dialog', { name: 'Duplicate request' })
    await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('All users copy')
    await dialog.getByRole('button', { name: 'Duplicate' }).click()
    await expect(item(page, 'All users copy')).toBeVisible()

    // Drag a request into the folder.
    await item(page, 'All users copy').dragTo(item(page, 'Users'))
    await expect.poll(async () => (await readdir(join(dir, 'users'))).filter((f) => f.endsWith('.yaml'))).toContain('all-users-copy.yaml')
    await expect(item(page, 'Users')).toHaveAttribute('aria-expanded', 'true')
    await expect(item(page, 'All users copy')).toHaveAttribute('aria-level', '3')

    // Move back with the menu's folder chooser.
    await menuAction(page, 'All users copy', 'Move to…')
    dialog = page.getByRole('dialog', { name: 'Move All users copy' })
    await dialog.getByRole('combobox', { name: 'Move to folder' }).selectOption({ label: 'My API (top level)' })
    await dialog.getByRole('button', { name: 'Move' }).click()
    await expect(item(page, 'All users copy')).toHaveAttribute('aria-level', '2')
    expect(await readdir(dir)).toContain('all-users-copy.yaml')

    // Reorder by dropping one request on the upper half of the other.
    const [first, second] = (await treeNames(page)).filter((n) => n.startsWith('All users'))
    await item(page, second!).dragTo(item(page, first!), { targetPosition: { x: 40, y: 3 } })
    await expect.poll(async () => (await treeNames(page)).filter((n) => n.startsWith('All users'))).toEqual([second, first])
    const fileOf = (name: string): string => `${name.toLowerCase().replace(/ /g, '-')}.yaml`
    const order = (await readFile(join(dir, 'parley.yaml'), 'utf8')).match(/order:\n((?:\s+- .+\n?)+)/)?.[1] ?? ''
    expect(order.indexOf(fileOf(second!))).toBeGreaterThanOrEqual(0)
    expect(order.indexOf(fileOf(second!))).toBeLessThan(order.indexOf(fileOf(first!)))

    await menuAction(page, 'All users', 'Delete')
    dialog = page.getByRole('dialog', { name: 'Delete All users' })
    await expect(dialog).toContainText('all-users.yaml')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(item(page, 'All users')).toHaveCount(0)
    expect(await readdir(dir)).not.toContain('all-users.yaml')
    await page.getByRole('status', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click()
    await expect(item(page, 'All users')).toBeVisible()
    expect(await readdir(dir)).toContain('all-users.yaml')
    expect(errors).toEqual([])
  })

  test('the tree is keyboard operable and a click opens a request; Ctrl+S writes only what changed', async ({ page, host }) => {
    const dir = await copySample()
    await page.goto(host.url)
    await openCollection(page, dir)
    const root = item(page, 'Parley playground')
    await expect(root).toHaveAttribute('aria-expanded', 'true')
    await root.focus()
    await page.keyboard.press('ArrowDown')
    await expect(item(page, 'REST')).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await expect(item(page, 'REST')).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press('ArrowRight')
    await expect(item(page, 'List notes')).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(item(page, 'Get a note')).toBeFocused()
    await page.keyboard.press('ArrowLeft')
    await expect(item(page, 'REST')).toBeFocused()
    await page.keyboard.press('ArrowLeft')
    await expect(item(page, 'REST')).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('Enter')
    await expect(item(page, 'REST')).toHaveAttribute('aria-expanded', 'true')
    // Every kind gets its badge.
    await page.keyboard.press('End')
    await expect(page.getByRole('tree', { name: 'Parley playground' })).toContainText('GET')

    await item(page, 'Get a note').click()
    const tabs = page.getByRole('tablist', { name: 'Open requests' })
    await expect(tabs.getByRole('tab', { name: /Get a note/ })).toHaveAttribute('aria-selected', 'true')
    const url = page.getByRole('textbox', { name: 'URL' })
    await expect(url).toHaveValue('{{playground}}/api/notes/1')
    const file = join(dir, 'rest/get-a-note.yaml')
    const before = await readFile(file, 'utf8')
    await url.fill('{{playground}}/api/notes/2')
    await expect(tabs.getByLabel('unsaved changes')).toBeVisible()
    await page.keyboard.press('Control+s')
    await expect(tabs.getByLabel('unsaved changes')).toHaveCount(0)
    expect(await readFile(file, 'utf8')).toBe(before.replace('/api/notes/1', '/api/notes/2'))
  })

  test('an untitled request is saved into a chosen collection and folder', async ({ page, host }) => {
    const dir = await copySample()
    await page.goto(host.url)
    await openCollection(page, dir)
    await page.getByRole('textbox', { name: 'URL' }).fill('https://example.com/health')
    await page.keyboard.press('Control+s')
    const dialog = page.getByRole('dialog', { name: 'Save request' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Health check')
    await dialog.getByRole('combobox', { name: 'Folder' }).selectOption({ label: '\u00a0\u00a0REST' })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    expect(await readFile(join(dir, 'rest/health-check.yaml'), 'utf8')).toContain('url: https://example.com/health')
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /Health check/ })).toBeVisible()
  })

  test('a save over a file changed on disk asks which version to keep; keeping mine overwrites it', async ({ page, host }) => {
    const dir = await copySample()
    const file = join(dir, 'rest/get-a-note.yaml')
    await page.goto(host.url)
    await openCollection(page, dir)
    await item(page, 'REST').click()
    await item(page, 'Get a note').click()
    await page.getByRole('textbox', { name: 'URL' }).fill('{{playground}}/api/notes/mine')
    const original = await readFile(file, 'utf8')
    await writeFile(file, original.replace('/api/notes/1', '/api/notes/theirs'))
    await page.keyboard.press('Control+s')
    const dialog = page.getByRole('dialog', { name: 'The file changed on disk' })
    await expect(dialog).toContainText('rest/get-a-note.yaml')
    await dialog.getByRole('button', { name: 'Keep my version' }).click()
    await expect(dialog).toBeHidden()
    await expect.poll(() => readFile(file, 'utf8')).toContain('/api/notes/mine')
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByLabel('unsaved changes')).toHaveCount(0)
  })

  test('a change on disk under unsaved edits shows a banner; using the disk version replaces the edits', async ({ page, host }) => {
    const dir = await copySample()
    const file = join(dir, 'rest/get-a-note.yaml')
    await page.goto(host.url)
    await openCollection(page, dir)
    await item(page, 'REST').click()
    await item(page, 'Get a note').click()
    const url = page.getByRole('textbox', { name: 'URL' })
    await url.fill('{{playground}}/api/notes/mine')
    const original = await readFile(file, 'utf8')
    await writeFile(file, original.replace('/api/notes/1', '/api/notes/theirs'))
    const banner = page.getByRole('alert', { name: 'rest/get-a-note.yaml changed on disk' })
    await expect(banner).toBeVisible({ timeout: 10_000 })
    // Nothing was overwritten either way while the choice is open.
    await expect(url).toHaveValue('{{playground}}/api/notes/mine')
    expect(await readFile(file, 'utf8')).toContain('/api/notes/theirs')
    await banner.getByRole('button', { name: 'Use the version on disk' }).click()
    await expect(banner).toBeHidden()
    await expect(url).toHaveValue('{{playground}}/api/notes/theirs')
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByLabel('unsaved changes')).toHaveCount(0)

    // The banner's "Keep my version" writes the edits over the disk version.
    await url.fill('{{playground}}/api/notes/mine-again')
    await writeFile(file, original.replace('/api/notes/1', '/api/notes/theirs-again'))
    await expect(banner).toBeVisible({ timeout: 10_000 })
    await banner.getByRole('button', { name: 'Keep my version' }).click()
    await expect(banner).toBeHidden()
    await expect.poll(() => readFile(file, 'utf8')).toContain('/api/notes/mine-again')
  })

  test('a clean tab follows its file; a broken file shows path and line; a new file appears; search finds requests', async ({ page, host }) => {
    const dir = await copySample()
    await writeFile(join(dir, 'rest/broken.yaml'), 'kind: http\nname: Broken\nmethod: GET\nurl: [unclosed\n')
    await page.goto(host.url)
    await openCollection(page, dir)
    const problems = page.getByRole('group', { name: 'Files that could not be read in Parley playground' })
    await expect(problems).toContainText('rest/broken.yaml:')
    await expect(problems.locator('code')).toHaveText(/^rest\/broken\.yaml:\d+$/)
    // The rest loads.
    await item(page, 'REST').click()
    await expect(item(page, 'Get a note')).toBeVisible()
    await expect(item(page, 'Socket.IO')).toBeVisible()

    await item(page, 'Get a note').click()
    const file = join(dir, 'rest/get-a-note.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('/api/notes/1', '/api/notes/42'))
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue('{{playground}}/api/notes/42', { timeout: 10_000 })

    await writeFile(join(dir, 'rest/from-git.yaml'), 'kind: http\nname: From git\nmethod: PUT\nurl: https://example.com/x\n')
    await expect(item(page, 'From git')).toBeVisible({ timeout: 10_000 })
    await expect(item(page, 'From git')).toContainText('PUT')

    await page.getByRole('searchbox', { name: 'Search requests' }).fill('digest')
    const results = page.getByRole('list', { name: 'Search results' })
    await expect(results.getByRole('button')).toHaveCount(1)
    await results.getByRole('button', { name: /Digest/ }).click()
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /Digest/ })).toBeVisible()
  })

  test('close collection removes it from the sidebar and leaves its files', async ({ page, host }) => {
    const dir = await copySample()
    await page.goto(host.url)
    await openCollection(page, dir)
    await menuAction(page, 'Parley playground', 'Close collection')
    await expect(item(page, 'Parley playground')).toHaveCount(0)
    await expect(page.getByText('No collections yet')).toBeVisible()
    expect(await readdir(dir)).toContain('parley.yaml')
  })
})
