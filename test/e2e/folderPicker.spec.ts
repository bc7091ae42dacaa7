import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, startHostProcess, stopHostProcess, test, watchConsole } from './fixtures'
import { gotoApp } from './realtimeSteps'

/** A host whose home folder is a temp folder, so browsing from "home" is something the test owns. */
const homeTest = test.extend<{ home: string; hostUrl: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  home: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'parley-home-'))
    const home = join(root, 'ada')
    await mkdir(join(home, 'projects'), { recursive: true })
    await mkdir(join(home, '.secret-stuff'))
    await use(home)
    await rm(root, { recursive: true, force: true })
  },
  hostUrl: async ({ home }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'))
    const { child, url } = await startHostProcess(dataDir, { HOME: home })
    await use(url)
    await stopHostProcess(child)
    await rm(dataDir, { recursive: true, force: true })
  }
})

homeTest.describe('choosing a folder', () => {
  homeTest.describe.configure({ timeout: 60_000 })

  homeTest('New collection: browse from home, make a new folder, choose it', async ({ page, home, hostUrl }) => {
    const errors = watchConsole(page)
    await gotoApp(page, hostUrl)
    await page.getByRole('button', { name: 'New collection' }).click()
    const dialog = page.getByRole('dialog', { name: 'New collection' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Picked API')
    await dialog.getByRole('button', { name: 'Browse…' }).click()

    const picker = page.getByRole('dialog', { name: 'Choose a folder for the collection' })
    await expect(picker).toBeVisible()
    const folders = picker.getByRole('list', { name: 'Folders' })
    // It starts at the home folder, hidden folders hidden until asked for.
    await expect(picker.getByRole('navigation', { name: 'Current folder' })).toHaveText('~')
    await expect(folders.getByRole('button')).toHaveText(['projects'])
    await picker.getByRole('checkbox', { name: 'Show hidden folders' }).check()
    await expect(folders.getByRole('button')).toHaveText(['.secret-stuff', 'projects'])
    await folders.getByRole('button', { name: 'projects' }).click()
    await expect(picker.getByRole('navigation', { name: 'Current folder' })).toHaveText('~/projects')
    await expect(picker.getByRole('button', { name: 'Parent folder' })).toBeEnabled()

    await picker.getByRole('button', { name: 'New folder' }).click()
    await picker.getByRole('textbox', { name: 'New folder name' }).fill('picked-api')
    await picker.getByRole('button', { name: 'Create folder' }).click()
    await expect(picker.getByRole('navigation', { name: 'Current folder' })).toHaveText('~/projects/picked-api')
    await picker.getByRole('button', { name: 'Choose this folder' }).click()
    await expect(picker).toBeHidden()

    // Back in New collection, still open, with the chosen path filled in.
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('textbox', { name: 'Folder path' })).toHaveValue(join(home, 'projects', 'picked-api'))
    await dialog.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('treeitem', { name: 'Picked API', exact: true })).toBeVisible()
    expect((await stat(join(home, 'projects', 'picked-api', 'parley.yaml'))).isFile()).toBe(true)
    expect(errors).toEqual([])
  })

  homeTest('a typed ~/ path expands to the home folder; a relative path is refused with a clear message', async ({ page, home, hostUrl }) => {
    await gotoApp(page, hostUrl)
    await page.getByRole('button', { name: 'New collection' }).click()
    const dialog = page.getByRole('dialog', { name: 'New collection' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Typed')
    await dialog.getByRole('textbox', { name: 'Folder path' }).fill('my-apis/typed')
    await dialog.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(dialog.getByRole('alert')).toContainText('"my-apis/typed" is a relative path')
    await expect(dialog.getByRole('alert')).toContainText(`${join(home, 'my-apis/typed')} (or ~/my-apis/typed)`)

    await dialog.getByRole('textbox', { name: 'Folder path' }).fill('~/my-apis/typed')
    await dialog.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('treeitem', { name: 'Typed', exact: true })).toBeVisible()
    expect((await stat(join(home, 'my-apis', 'typed', 'parley.yaml'))).isFile()).toBe(true)
  })
})
