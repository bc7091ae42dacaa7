import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { item } from './collectionSteps'
import { expect, test } from './fixtures'
import { startRecordingServer } from './recordingServer'

type Recorder = Awaited<ReturnType<typeof startRecordingServer>>
let server: Recorder
let outside: string
let target: string
test.beforeEach(async () => {
  server = await startRecordingServer()
  outside = await mkdtemp(join(tmpdir(), 'parley-outside-'))
  target = await mkdtemp(join(tmpdir(), 'parley-import-'))
})
test.afterEach(async () => {
  await server.close()
  await rm(outside, { recursive: true, force: true })
  await rm(target, { recursive: true, force: true })
})

test('a file an imported collection names outside itself is flagged, refused at Send, and sent once the user allows it', async ({ page, host }) => {
  const secret = join(outside, 'id_rsa')
  await writeFile(secret, 'PRIVATE KEY FROM OUTSIDE')
  const collection = {
    info: { name: 'Uploader', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      {
        name: 'Upload key',
        request: { method: 'POST', url: `${server.url}/upload`, body: { mode: 'formdata', formdata: [{ key: 'key', type: 'file', src: secret }] } }
      }
    ]
  }
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import' })
  await dialog.getByRole('textbox', { name: 'Text to import' }).fill(JSON.stringify(collection))
  await dialog.getByRole('textbox', { name: 'Target folder' }).fill(target)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('region', { name: 'Import result' })).toContainText('Imported Uploader')
  await expect(dialog.getByRole('list', { name: 'Not carried over' })).toContainText(`reads ${secret}`)
  await expect(dialog.getByRole('list', { name: 'Not carried over' })).toContainText('Parley will refuse to send it')
  await page.keyboard.press('Escape')

  await item(page, 'Upload key').click()
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const refusal = page.getByRole('region', { name: 'Response' }).getByRole('alert')
  await expect(refusal).toContainText(secret)
  await expect(refusal).toContainText('file_not_allowed')
  expect(server.received).toHaveLength(0)

  await page.getByRole('button', { name: 'Allow this file' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Allowed' })).toContainText(secret)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => server.received.length).toBe(1)
  expect(server.last().body.toString()).toContain('PRIVATE KEY FROM OUTSIDE')
  await expect(page.getByRole('region', { name: 'Response' })).toContainText('200')
})
