import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test, watchConsole } from './fixtures'
import { copySample, item, openCollection } from './collectionSteps'

/** Every file under a folder, recursively, with its text. */
async function allFiles(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return Promise.all(
    entries.filter((e) => e.isFile()).map(async (e) => ({ path: join(e.parentPath, e.name), text: await readFile(join(e.parentPath, e.name), 'utf8') }))
  )
}

test.describe('environments', () => {
  test('create an environment with a secret, pick it, rename and delete it; the secret never reaches the collection files', async ({ page, host }) => {
    const errors = watchConsole(page)
    const secret = 'sk-live-9f8e7d6c5b4a-do-not-commit'
    const dir = await copySample()
    await page.goto(host.url)
    await openCollection(page, dir)
    await expect(item(page, 'Parley playground')).toBeVisible()

    await page.getByRole('button', { name: 'Manage environments' }).click()
    const dialog = page.getByRole('dialog', { name: 'Manage environments' })
    await dialog.getByRole('button', { name: '+ New environment' }).click()
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Staging')
    await dialog.getByRole('textbox', { name: 'Variable 1 name' }).fill('baseUrl')
    await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill('https://staging.example.com')
    await dialog.getByRole('textbox', { name: 'Variable 2 name' }).fill('apiKey')
    await dialog.getByLabel('Variable 2 value').fill(secret)
    await dialog.getByRole('checkbox', { name: 'Variable 2 secret' }).check()
    // A secret is masked until revealed.
    await expect(dialog.getByLabel('Variable 2 value')).toHaveAttribute('type', 'password')
    await dialog.getByRole('button', { name: 'Show value of apiKey' }).click()
    await expect(dialog.getByLabel('Variable 2 value')).toHaveAttribute('type', 'text')
    await dialog.getByRole('button', { name: 'Hide value of apiKey' }).click()
    await expect(dialog.getByLabel('Variable 2 value')).toHaveAttribute('type', 'password')
    await dialog.getByRole('button', { name: 'Create environment' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Environment Staging saved.')

    const envFile = join(dir, 'environments/staging.yaml')
    const text = await readFile(envFile, 'utf8')
    expect(text).toContain('name: Staging')
    expect(text).toContain('apiKey')
    expect(text).toContain('https://staging.example.com')
    for (const file of await allFiles(dir)) expect(file.text, file.path).not.toContain(secret)

    // The secret value comes back from the data dir when the environment is reopened.
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    const picker = page.getByRole('combobox', { name: 'Environment' })
    await picker.selectOption({ label: 'Staging' })
    await page.reload()
    await expect(picker).toHaveValue('staging')
    await page.getByRole('button', { name: 'Manage environments' }).click()
    await expect(dialog.getByRole('button', { name: 'Staging' })).toHaveAttribute('aria-pressed', 'true')
    await expect(dialog.getByLabel('Variable 2 value')).toHaveValue(secret)

    // Rename keeps the file (its id); delete asks first.
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Staging EU')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Environment Staging EU saved.')
    expect(await readFile(envFile, 'utf8')).toContain('name: Staging EU')
    await dialog.getByRole('button', { name: 'Delete…' }).click()
    await dialog.getByRole('button', { name: 'Delete environment' }).click()
    await expect(dialog.getByRole('button', { name: 'Staging EU' })).toHaveCount(0)
    await expect.poll(async () => (await readdir(join(dir, 'environments')).catch((): string[] => [])).includes('staging.yaml')).toBe(false)
    await page.keyboard.press('Escape')
    await expect(picker).toHaveValue('')
    for (const file of await allFiles(dir)) expect(file.text, file.path).not.toContain(secret)
    expect(errors).toEqual([])
  })

  test('global variables are saved and shown again', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Manage environments' }).click()
    const dialog = page.getByRole('dialog', { name: 'Manage environments' })
    await expect(dialog.getByRole('button', { name: 'Global variables' })).toHaveAttribute('aria-pressed', 'true')
    await dialog.getByRole('textbox', { name: 'Variable 1 name' }).fill('region')
    await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill('eu-west-1')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Global variables saved.')
    await page.keyboard.press('Escape')
    await page.reload()
    await page.getByRole('button', { name: 'Manage environments' }).click()
    await expect(dialog.getByRole('textbox', { name: 'Variable 1 name' })).toHaveValue('region')
    await expect(dialog.getByRole('textbox', { name: 'Variable 1 value' })).toHaveValue('eu-west-1')
  })
})
