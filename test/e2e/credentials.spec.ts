import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCollection, menuAction } from './collectionSteps'
import { expect, test } from './fixtures'
import { startRecordingServer } from './recordingServer'

type Recorder = Awaited<ReturnType<typeof startRecordingServer>>
let server: Recorder
let base: string
test.beforeEach(async () => {
  server = await startRecordingServer()
  base = await mkdtemp(join(tmpdir(), 'parley-credentials-'))
})
test.afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

const token = 'tok-e2e-never-in-git-7781'

test('a bearer token typed in the UI is saved out of the collection file, yet Send carries it; the collection can keep it in files instead', async ({
  page,
  host
}) => {
  const dir = join(base, 'team-api')
  await page.goto(host.url)
  await createCollection(page, 'Team API', dir)

  await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/private`)
  await page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: 'Auth' }).click()
  await page.getByRole('combobox', { name: 'Auth type' }).selectOption('bearer')
  await page.getByLabel('Token').fill(token)
  await page.keyboard.press('Control+s')
  const save = page.getByRole('dialog', { name: 'Save request' })
  await save.getByRole('textbox', { name: 'Name' }).fill('Private')
  await save.getByRole('button', { name: 'Save' }).click()
  await expect(save).toBeHidden()

  const file = join(dir, 'private.yaml')
  await expect.poll(() => readdir(dir)).toContain('private.yaml')
  const onDisk = await readFile(file, 'utf8')
  expect(onDisk).toContain('type: bearer')
  expect(onDisk).not.toContain(token)

  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => server.received.length).toBe(1)
  expect(server.last().headers.authorization).toBe(`Bearer ${token}`)

  // A team that wants credentials in its files says so on the collection.
  await menuAction(page, 'Team API', 'Credentials…')
  const dialog = page.getByRole('dialog', { name: 'Credentials of Team API' })
  const choices = dialog.getByRole('radiogroup', { name: 'Keep auth credentials' })
  await expect(choices.getByRole('radio', { name: /Encrypted on this machine/ })).toBeChecked()
  await choices.getByRole('radio', { name: /In the collection files/ }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => readFile(file, 'utf8')).toContain(`token: ${token}`)
  expect(await readFile(join(dir, 'parley.yaml'), 'utf8')).toContain('credentials: files')

  // The open tab follows the rewritten file: the next save is not taken for a conflict.
  await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/private?v=2`)
  await page.keyboard.press('Control+s')
  await expect.poll(() => readFile(file, 'utf8')).toContain('/private?v=2')
  await expect(page.getByRole('dialog', { name: 'The file changed on disk' })).toHaveCount(0)
  expect(await readFile(file, 'utf8')).toContain(`token: ${token}`)
})
