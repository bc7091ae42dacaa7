import { expect, test } from './fixtures'

test('choosing Español in Settings turns the interface Spanish at once, and it stays Spanish after a reload', async ({ page, host }) => {
  await page.goto(host.url)
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByRole('combobox', { name: 'Language' }).selectOption('es')

  // At once, without closing the dialog: its own title and the top bar behind it.
  const ajustes = page.getByRole('dialog', { name: 'Ajustes' })
  await expect(ajustes.getByRole('combobox', { name: 'Idioma' })).toHaveValue('es')
  await expect(ajustes.getByRole('button', { name: 'Guardar límites' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: 'Importar', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Exportar', exact: true })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('button', { name: 'Importar', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Ajustes' }).click()
  await expect(page.getByRole('dialog', { name: 'Ajustes' }).getByRole('combobox', { name: 'Idioma' })).toHaveValue('es')

  // Back to the system's language (the test browser's is English).
  await page.getByRole('dialog', { name: 'Ajustes' }).getByRole('combobox', { name: 'Idioma' }).selectOption('system')
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' })).toHaveValue('system')
})

test('with the language left on "system", a Spanish system gets Spanish', async ({ browser, host }) => {
  const context = await browser.newContext({ locale: 'es-ES' })
  const page = await context.newPage()
  try {
    await page.goto(host.url)
    await expect(page.getByRole('button', { name: 'Importar', exact: true })).toBeVisible()
    // The first tab is made as the window starts, before the catalogs are in: it still reads in Spanish.
    const firstTab = page.getByRole('tablist', { name: 'Peticiones abiertas' }).getByRole('tab').first()
    await expect(firstTab).toContainText('Petición sin título')
    await page.getByRole('button', { name: 'Ajustes' }).click()
    await expect(page.getByRole('dialog', { name: 'Ajustes' }).getByRole('combobox', { name: 'Idioma' })).toHaveValue('system')
  } finally {
    await context.close()
  }
})
