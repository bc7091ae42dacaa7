import { expect, test } from './fixtures'
import { englishIn, englishOnlyTexts, learnStep, switchToSpanish } from './learnSteps'
import { gotoApp } from './realtimeSteps'

/**
 * A Spanish-speaking learner, from the first start: switches Parley to Spanish, opens "Aprende" and
 * follows the path with its buttons (the playground starts by itself) until their message is
 * broadcast to two clients side by side; the progress survives a reload. No English on the way.
 */
test('a learner follows the learning path in Spanish up to a message broadcast to two clients', async ({ page, host }) => {
  test.setTimeout(600_000)
  const english = await englishOnlyTexts()
  await gotoApp(page, host.url)
  await switchToSpanish(page)
  await page.getByRole('tab', { name: 'Aprende' }).click()
  const panel = page.getByRole('tabpanel', { name: 'Aprende' })
  await expect(panel.getByRole('heading', { name: 'Aprende con Parley' })).toBeVisible()
  await expect(panel).toContainText('0 de 8 hechos')
  expect(await englishIn(panel, english)).toEqual([])
  expect.soft(await englishIn(page.locator('body'), english), 'English anywhere on the first screen').toEqual([])

  // 1. What an API is: the first button starts the playground and sends GET /api/notes.
  let step = await learnStep(page, 'Qué es una API')
  await step.getByRole('button', { name: 'Enviar GET /api/notes' }).click()
  const status = page.locator('.rp-status-pill')
  await expect(status).toContainText('200', { timeout: 30_000 })
  await expect(page.locator('.rp-response-panel')).toContainText('Bienvenido a Parley')
  await expect(page.locator('.rp-response-panel')).not.toContainText('Welcome to Parley')
  await step.getByRole('checkbox', { name: 'He leído las notas en el JSON' }).click()
  await expect(panel).toContainText('1 de 8 hechos')

  // 2. Create: 201, then 409 the second time.
  step = page.getByRole('region', { name: 'Crear: POST y 201' })
  await step.getByRole('button', { name: 'Enviar POST /api/notes' }).click()
  await expect(status).toContainText('201')
  await step.getByRole('button', { name: 'Enviar POST /api/notes' }).click()
  await expect(status).toContainText('409')
  await step.getByRole('checkbox', { name: 'He visto el 201, y el 409 la segunda vez' }).click()

  // 3. A stale ETag: 412.
  step = page.getByRole('region', { name: 'Un ETag caducado: 412' })
  await step.getByRole('button', { name: 'Enviar PATCH con un ETag antiguo' }).click()
  await expect(status).toContainText('412')
  // The step's request asks for Spanish (Accept-Language: es, in its Headers), so the playground answers in Spanish.
  await expect(page.locator('.rp-response-panel')).toContainText('If-Match no coincide con la versión actual de esta nota')
  await step.getByRole('checkbox', { name: 'He visto el 412' }).click()

  // 4. Delete: 204, then 404.
  step = page.getByRole('region', { name: 'Eliminar: 204 y luego 404' })
  await step.getByRole('button', { name: 'Enviar DELETE /api/notes/1' }).click()
  await expect(status).toContainText('204')
  await step.getByRole('button', { name: 'Enviar DELETE /api/notes/1' }).click()
  await expect(status).toContainText('404')
  await expect(page.locator('.rp-response-panel')).toContainText('No hay ninguna nota con id')
  await step.getByRole('checkbox', { name: 'He visto el 204 y luego el 404' }).click()

  // 5. Bidirectional: the ticker pushes without being asked.
  step = page.getByRole('region', { name: 'Cliente-servidor frente a bidireccional' })
  await step.getByRole('button', { name: 'Conectar al ticker' }).click()
  const log = page.locator('.rt-pane .rt-log')
  await expect(log.getByRole('listitem').filter({ hasText: 'tick' }).nth(1)).toBeVisible({ timeout: 30_000 })
  await step.getByRole('checkbox', { name: 'He recibido ticks sin pedirlos' }).click()

  // 6. Broadcast: the Chat twice side by side; both panes show the chat:message with the text.
  step = page.getByRole('region', { name: 'Difusión: uno envía y todos reciben' })
  await step.getByRole('button', { name: 'Abrir dos clientes y emitir' }).click()
  const left = page.getByRole('region', { name: 'Panel izquierdo: Chat' })
  const right = page.getByRole('region', { name: 'Panel derecho: Chat (2)' })
  for (const pane of [left, right]) {
    await expect(pane.getByRole('listitem').filter({ hasText: 'chat:message' }).filter({ hasText: '¡Hola a todos!' })).toHaveCount(1, { timeout: 30_000 })
  }
  await expect(page.getByRole('toolbar', { name: 'Lado a lado' })).toBeVisible()
  await step.getByRole('checkbox', { name: 'He visto mi mensaje difundido a los dos clientes' }).click()
  await expect(panel).toContainText('6 de 8 hechos')
  expect(await englishIn(panel, english)).toEqual([])
  expect(await englishIn(page.getByRole('toolbar', { name: 'Lado a lado' }), english)).toEqual([])
  expect.soft(await englishIn(page.locator('body'), english), 'English anywhere on the broadcast screen').toEqual([])

  // The progress is remembered: after a reload the path still says six steps done, in Spanish.
  await page.reload()
  await page.getByRole('tab', { name: 'Aprende' }).click()
  await expect(page.getByRole('tabpanel', { name: 'Aprende' })).toContainText('6 de 8 hechos')
  await expect(page.getByRole('region', { name: 'Confirmaciones (ack)' })).toBeVisible()
})

test('the acknowledgement and SSE steps do their thing; the command palette opens the path', async ({ page, host }) => {
  test.setTimeout(300_000)
  await gotoApp(page, host.url)
  await switchToSpanish(page)
  await page.keyboard.press('Control+k')
  await page.getByRole('dialog').getByRole('combobox').fill('Aprende')
  await page
    .getByRole('dialog')
    .getByRole('option', { name: /Aprende: abrir la ruta de aprendizaje/ })
    .click()
  await expect(page.getByRole('tabpanel', { name: 'Aprende' })).toBeVisible()
  let step = await learnStep(page, 'Confirmaciones (ack)')
  await step.getByRole('button', { name: 'Emitir chat:send con ack' }).click()
  const pane = page.locator('.rt-pane')
  await expect(pane.getByRole('listitem').filter({ hasText: 'chat:message' })).toHaveCount(1, { timeout: 30_000 })
  // The emit's row carries its ack ({ ok: true, id }) and the round trip.
  await expect(pane.getByRole('listitem').filter({ hasText: 'chat:send' }).filter({ hasText: '"ok":true' })).toContainText(/ack/)

  step = await learnStep(page, 'SSE: envío en un solo sentido')
  await step.getByRole('button', { name: 'Abrir el reloj SSE' }).click()
  await expect(page.locator('.rt-pane').getByRole('listitem').filter({ hasText: 'tick' }).nth(1)).toBeVisible({ timeout: 30_000 })
})
