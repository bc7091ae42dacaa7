import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { createCollection, menuAction } from './collectionSteps'
import { expect, test, watchConsole } from './fixtures'

let playground: Playground
let base: string
test.beforeEach(async () => {
  playground = await startPlayground()
  base = await mkdtemp(join(tmpdir(), 'parley-oauth-'))
})
test.afterEach(async () => {
  await playground.close()
  await rm(base, { recursive: true, force: true })
})

/** Picks OAuth 2.0 with a grant in the Auth tab and fills the playground's endpoints. */
async function chooseOAuth(page: Page, grant: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: 'Auth' }).click()
  await fillOAuth(page.getByRole('tabpanel', { name: 'Auth' }), grant)
}

/** In an auth editor (a request's Auth tab or a folder's settings): OAuth 2.0 with the playground's endpoints. */
async function fillOAuth(auth: Locator, grant: string): Promise<void> {
  await auth.getByRole('combobox', { name: 'Auth type' }).selectOption('oauth2')
  await auth.getByRole('combobox', { name: 'Grant type' }).selectOption({ label: grant })
  if (grant.startsWith('Authorization code')) await auth.getByRole('textbox', { name: 'Authorization URL' }).fill(`${playground.url}/oauth/authorize`)
  if (grant === 'Device code') await auth.getByRole('textbox', { name: 'Device authorization URL' }).fill(`${playground.url}/oauth/device_authorization`)
  await auth.getByRole('textbox', { name: 'Token URL' }).fill(`${playground.url}/oauth/token`)
  await auth.getByRole('textbox', { name: 'Client ID' }).fill('parley-app')
  await auth.getByRole('textbox', { name: 'Scope' }).fill('openid notes')
}

/** "Get new token" in a token panel, then the user signs in on the playground's page in the popup. */
async function signInWithPopup(page: Page, panel: Locator): Promise<string> {
  const popupOpened = page.waitForEvent('popup')
  await panel.getByRole('button', { name: 'Get new token' }).click()
  const popup = await popupOpened
  await popup.getByLabel('Username').fill('parley')
  await popup.getByLabel('Password').fill('secret')
  const closed = popup.waitForEvent('close')
  await popup.getByRole('button', { name: 'Sign in' }).click()
  await closed
  await expect(panel.getByRole('textbox', { name: 'Access token' })).not.toHaveValue('')
  return panel.getByRole('textbox', { name: 'Access token' }).inputValue()
}

/** The server's admin revokes a token (RFC 7009); access_token: that token alone, otherwise its whole grant. */
async function revoke(page: Page, token: string, hint: 'access_token' | null): Promise<void> {
  const answer = await page.request.post(`${playground.url}/oauth/revoke`, {
    form: { token, client_id: 'parley-app', ...(hint ? { token_type_hint: hint } : {}) }
  })
  expect(answer.status()).toBe(200)
}

const shotDir = 'test-results/oauth-screens'

test.describe('OAuth 2.0 sign-in', () => {
  // A popup sign-in, a save and screenshots in two themes: room for a machine shared with other work.
  test.describe.configure({ timeout: 300_000 })

  test('authorization code with PKCE: sign in in the popup, see the token, call the protected endpoint; the token stays out of the saved file', async ({
    page,
    host
  }) => {
    const errors = watchConsole(page)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(host.url)
    const dir = join(base, 'oauth-api')
    await createCollection(page, 'OAuth API', dir)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/oauth/protected`)
    await chooseOAuth(page, 'Authorization code (PKCE)')
    const panel = page.getByRole('region', { name: 'OAuth token' })
    await expect(panel.getByText('No token yet.')).toBeVisible()

    const popupOpened = page.waitForEvent('popup')
    await panel.getByRole('button', { name: 'Get new token' }).click()
    const popup = await popupOpened
    await expect(popup.getByRole('heading', { name: 'Sign in to the Parley playground' })).toBeVisible()
    expect(new URL(popup.url()).searchParams.get('code_challenge_method')).toBe('S256')
    await popup.getByLabel('Username').fill('parley')
    await popup.getByLabel('Password').fill('secret')
    const closed = popup.waitForEvent('close')
    await popup.getByRole('button', { name: 'Sign in' }).click()
    await closed

    const details = panel.getByRole('definition')
    await expect(panel.getByRole('textbox', { name: 'Access token' })).not.toHaveValue('')
    await expect(details.filter({ hasText: 'openid notes' })).toBeVisible()
    await expect(details.filter({ hasText: /used automatically/ })).toBeVisible()
    const claims = panel.getByRole('table', { name: 'ID token claims' })
    await expect(claims.getByRole('row', { name: /name/ })).toContainText('Parley Playground')
    await expect(panel.getByRole('table', { name: 'Access token claims' }).getByRole('row', { name: /^sub/ })).toContainText('"parley"')
    const accessToken = await panel.getByRole('textbox', { name: 'Access token' }).inputValue()

    await mkdir(shotDir, { recursive: true })
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await panel.getByRole('button', { name: 'Get new token' }).scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${shotDir}/auth-tab-1280-${theme}.png` })
      await claims.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${shotDir}/auth-tab-claims-1280-${theme}.png` })
    }

    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByLabel('Status 200 OK')).toBeVisible()

    // Saved: the file has the OAuth settings, never the token.
    await page.keyboard.press('Control+s')
    const save = page.getByRole('dialog', { name: 'Save request' })
    await save.getByRole('textbox', { name: 'Name' }).fill('Protected')
    await save.getByRole('button', { name: 'Save' }).click()
    await expect(save).toBeHidden()
    await expect.poll(() => readdir(dir)).toContain('protected.yaml')
    const onDisk = await readFile(join(dir, 'protected.yaml'), 'utf8')
    expect(onDisk).toContain('grant: authorization_code')
    expect(onDisk).not.toContain(accessToken)
    expect(onDisk).not.toContain(accessToken.split('.')[1]!)
    for (const file of await readdir(dir, { recursive: true })) {
      if (file.endsWith('.yaml')) expect(await readFile(join(dir, file), 'utf8')).not.toContain(accessToken)
    }

    // A redirect carrying a state Parley never issued is refused, and the token stays.
    const forged = await page.request.get(`${new URL(host.url).origin}/oauth/callback?code=stolen&state=not-ours`)
    expect(forged.status()).toBe(400)
    expect(await forged.text()).toContain('refused')

    await panel.getByRole('button', { name: 'Clear token' }).click()
    await expect(panel.getByText('No token yet.')).toBeVisible()
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByRole('alert').filter({ hasText: /no OAuth 2.0 token/ })).toBeVisible()
    expect(errors).toEqual([])
  })

  test('device code: the code shows, the user approves elsewhere, the token arrives', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/oauth/protected`)
    await chooseOAuth(page, 'Device code')
    const panel = page.getByRole('region', { name: 'OAuth token' })
    await panel.getByRole('button', { name: 'Get new token' }).click()
    const code = await panel.getByLabel('User code').textContent()
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)

    // The user approves on "another device": a second page on the verification URI.
    const phone = await page.context().newPage()
    await phone.goto(`${playground.url}/oauth/device`)
    await phone.getByLabel('Code shown on the device').fill(code!)
    await phone.getByLabel('Username').fill('parley')
    await phone.getByLabel('Password').fill('secret')
    await phone.getByRole('button', { name: 'Allow' }).click()
    await expect(phone.getByText('Device connected')).toBeVisible()
    await phone.close()

    await expect(panel.getByRole('textbox', { name: 'Access token' })).not.toHaveValue('')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByLabel('Status 200 OK')).toBeVisible()
  })

  test('a revoked token is refreshed on the 401 and the request goes through; with the grant revoked the 401 says to sign in again', async ({ page, host }) => {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/oauth/protected`)
    await chooseOAuth(page, 'Authorization code (PKCE)')
    const panel = page.getByRole('region', { name: 'OAuth token' })
    const first = await signInWithPopup(page, panel)

    await revoke(page, first, 'access_token')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByLabel('Status 200 OK')).toBeVisible()
    await expect(page.getByRole('list', { name: 'Warnings' })).toBeHidden()
    // The token panel shows the refreshed token, not the revoked one it showed before the send.
    const accessToken = panel.getByRole('textbox', { name: 'Access token' })
    await expect(accessToken).not.toHaveValue(first)
    await expect(accessToken).not.toHaveValue('')

    // The whole grant revoked (the renewed tokens came from it): nothing is left to refresh with.
    await revoke(page, first, null)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByLabel(/^Status 401/)).toBeVisible()
    await expect(page.getByRole('list', { name: 'Warnings' })).toContainText(/refused the OAuth 2\.0 token.*Sign in again/)
  })

  test('OAuth 2.0 on a folder: sign in from the folder settings, a request inheriting it gets 200', async ({ page, host }) => {
    await page.goto(host.url)
    await createCollection(page, 'Folder OAuth', join(base, 'folder-oauth'))
    await menuAction(page, 'Folder OAuth', 'New folder')
    const folderDialog = page.getByRole('dialog', { name: 'New folder' })
    await folderDialog.getByRole('textbox', { name: 'Name' }).fill('Secure')
    await folderDialog.getByRole('button', { name: 'Create' }).click()
    await menuAction(page, 'Secure', 'Settings…')
    const settings = page.getByRole('dialog', { name: 'Folder settings: Secure' })
    await settings.getByRole('tab', { name: 'Auth' }).click()
    await fillOAuth(settings, 'Authorization code (PKCE)')
    const panel = settings.getByRole('region', { name: 'OAuth token' })
    await expect(panel.getByText('No token yet.')).toBeVisible()
    await signInWithPopup(page, panel)
    await expect(panel.getByRole('table', { name: 'ID token claims' }).getByRole('row', { name: /name/ })).toContainText('Parley Playground')
    await settings.getByRole('button', { name: 'Save' }).click()
    await expect(settings).toBeHidden()

    await menuAction(page, 'Secure', 'New request')
    const requestDialog = page.getByRole('dialog', { name: 'New request' })
    await requestDialog.getByRole('textbox', { name: 'Name' }).fill('Protected')
    await requestDialog.getByRole('button', { name: 'Create' }).click()
    // The new request opens in its own tab once core has written and read it back: type there, not in the tab before.
    await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { selected: true })).toContainText('Protected')
    await page.getByRole('textbox', { name: 'URL' }).fill(`${playground.url}/oauth/protected`)
    await page.getByRole('tablist', { name: 'Request sections' }).getByRole('tab', { name: /Auth/ }).click()
    await page.getByRole('combobox', { name: 'Auth type' }).selectOption('inherit')
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${playground.url}/oauth/protected`)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByLabel('Status 200 OK')).toBeVisible()
  })
})
