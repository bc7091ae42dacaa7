import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPlayground, type Playground } from '../../src/playground/server'
import { item, openCollection } from './collectionSteps'
import { gotoApp, logRow } from './realtimeSteps'
import { expect, test, watchConsole } from './fixtures'

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

/**
 * A collection whose pre-request script sets a token, with folder "Team" sending a header and
 * Bearer auth from it: a WebSocket and a Socket.IO request in that folder, on the playground's
 * endpoints that echo the handshake's headers.
 */
async function writeCollection(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'parley-live-inherit-')), 'live')
  await mkdir(join(dir, 'team'), { recursive: true })
  await writeFile(
    join(dir, 'parley.yaml'),
    `parley: 1\nname: Live inheritance\ncredentials: files\nvariables:\n  - name: base\n    value: ${playground.url}\nscripts:\n  pre: pm.collectionVariables.set('token', 'from-the-script')\n`
  )
  await writeFile(
    join(dir, 'team/folder.yaml'),
    `name: Team\nheaders:\n  - name: X-Team\n    value: blue\nauth:\n  type: bearer\n  token: "{{token}}"\norder:\n  - headers.yaml\n  - handshake.yaml\nscripts:\n  post: pm.test('the folder post-response script ran', () => pm.expect(pm.collectionVariables.get('token')).to.equal('from-the-script'))\n`
  )
  await writeFile(join(dir, 'team/headers.yaml'), 'kind: websocket\nname: Headers\nurl: "{{base}}/ws/headers"\n')
  await writeFile(
    join(dir, 'team/handshake.yaml'),
    `kind: socketio\nname: Handshake\nurl: "{{base}}"\nclientVersion: v4\nsteps:\n  - type: emit\n    name: the handshake carried the folder's header and auth\n    event: handshake\n    ack:\n      predicate: "msg.data.headers['x-team'] === 'blue' && msg.data.headers.authorization === 'Bearer from-the-script'"\n`
  )
  return dir
}

test.describe('live requests inherit from their folder', () => {
  test.describe.configure({ timeout: 180_000 })

  test('Connect sends the folder header and the Bearer token a collection script set; Run steps passes and runs the folder post-response script', async ({
    page,
    host
  }) => {
    const errors = watchConsole(page)
    const dir = await writeCollection()
    await gotoApp(page, host.url)
    await openCollection(page, dir)
    await item(page, 'Team').click()

    await item(page, 'Headers').click()
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    // The playground greets with the headers it got in the handshake.
    await expect(logRow(page, '"x-team":"blue"')).toBeVisible()
    await expect(logRow(page, '"authorization":"Bearer from-the-script"')).toBeVisible()
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click()

    await item(page, 'Handshake').click()
    const pane = page.locator('.rt-pane')
    await pane.getByRole('tab', { name: 'Steps' }).click()
    await pane.getByRole('button', { name: 'Run steps' }).click()
    const results = pane.getByRole('region', { name: 'Step results' })
    await expect(results.getByRole('status')).toHaveText('All 3 tests passed')
    await expect(results.getByRole('listitem', { name: "Passed: the handshake carried the folder's header and auth" })).toBeVisible()
    await expect(results.getByRole('listitem', { name: 'Passed: the folder post-response script ran' })).toBeVisible()
    expect(errors).toEqual([])
  })
})
