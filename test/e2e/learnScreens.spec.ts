import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { learnStep, switchToSpanish } from './learnSteps'
import { gotoApp } from './realtimeSteps'

/**
 * Screenshots of every learning step in Spanish, to look at: after each step's button has done its
 * thing, at two sizes, light and dark. Not part of the default run:
 * `PARLEY_SCREENS=/tmp/shots npx playwright test -c playwright.config.ts test/e2e/learnScreens.spec.ts`.
 */
const outDir = process.env['PARLEY_SCREENS']
test.skip(!outDir, 'set PARLEY_SCREENS to a folder to take the screenshots')

const steps: { title: string; button: string; seen: (page: Page) => Promise<void> }[] = [
  {
    title: 'Qué es una API',
    button: 'Enviar GET /api/notes',
    seen: (page) => expect(page.locator('.rp-status-pill')).toContainText('200', { timeout: 30_000 })
  },
  { title: 'Crear: POST y 201', button: 'Enviar POST /api/notes', seen: (page) => expect(page.locator('.rp-status-pill')).toContainText('201') },
  { title: 'Un ETag caducado: 412', button: 'Enviar PATCH con un ETag antiguo', seen: (page) => expect(page.locator('.rp-status-pill')).toContainText('412') },
  { title: 'Eliminar: 204 y luego 404', button: 'Enviar DELETE /api/notes/1', seen: (page) => expect(page.locator('.rp-status-pill')).toContainText('204') },
  {
    title: 'Cliente-servidor frente a bidireccional',
    button: 'Conectar al ticker',
    seen: (page) => expect(page.locator('.rt-log').getByRole('listitem').filter({ hasText: 'tick' }).nth(1)).toBeVisible({ timeout: 30_000 })
  },
  {
    title: 'Difusión: uno envía y todos reciben',
    button: 'Abrir dos clientes y emitir',
    seen: (page) => expect(page.locator('.split-pane .rt-log').getByRole('listitem').filter({ hasText: 'chat:message' })).toHaveCount(2, { timeout: 30_000 })
  },
  {
    title: 'Confirmaciones (ack)',
    button: 'Emitir chat:send con ack',
    seen: (page) =>
      expect(page.locator('.rt-log').getByRole('listitem').filter({ hasText: 'chat:send' }).filter({ hasText: '"ok":true' }).first()).toBeVisible({
        timeout: 30_000
      })
  },
  {
    title: 'SSE: envío en un solo sentido',
    button: 'Abrir el reloj SSE',
    seen: (page) => expect(page.locator('.rt-log').getByRole('listitem').filter({ hasText: 'tick' }).nth(1)).toBeVisible({ timeout: 30_000 })
  }
]

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`learning steps in Spanish at ${size.width}x${size.height}, ${theme}`, async ({ page, host }) => {
      test.setTimeout(300_000)
      await page.setViewportSize(size)
      await gotoApp(page, host.url)
      await switchToSpanish(page)
      await page.getByRole('combobox', { name: 'Tema' }).selectOption(theme)
      await page.getByRole('tab', { name: 'Aprende' }).click()
      await page.screenshot({ path: `${outDir}/learn-${size.width}-${theme}-0-start.png` })
      for (const [index, step] of steps.entries()) {
        const region = await learnStep(page, step.title)
        await region.getByRole('button', { name: step.button }).click()
        await step.seen(page)
        await expect(region.getByRole('button', { name: step.button })).toBeEnabled()
        await page.screenshot({ path: `${outDir}/learn-${size.width}-${theme}-${index + 1}.png` })
      }
    })
  }
}
