import { selfSignedCert, startHttpServer, startHttpsServer } from '../unit/core/http/testServers'
import { expect, test } from './fixtures'

test('turning TLS verification off in Settings lets a self-signed server answer', async ({ page, host }) => {
  const pems = await selfSignedCert()
  const server = await startHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('{"secure":"enough"}'))
  try {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/hello`)
    await page.getByRole('button', { name: 'Send' }).click()
    const response = page.getByRole('region', { name: 'Response', exact: true })
    await expect(response.getByRole('alert')).toContainText(/certificate/i)
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('checkbox', { name: /Verify TLS certificates for every request/ }).uncheck()
    await expect(dialog.getByRole('status')).toHaveText('Every request now accepts untrusted certificates.')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(response).toContainText('200')
    await expect(response).toContainText('enough')
    expect(server.seen.at(-1)?.url).toBe('/hello')
  } finally {
    await server.close()
  }
})

test('a proxy that is not an http(s) URL is refused with the reason', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByRole('textbox', { name: 'Proxy for all requests' }).fill('socks5://proxy:1080')
  await dialog.getByRole('button', { name: 'Save proxy' }).click()
  await expect(dialog.getByRole('alert')).toContainText('a proxy is written http://host:port')
})

test('a response size limit set in Settings stops an endless body with a clear error and shows the part received', async ({ page, host }) => {
  const line = Buffer.from('endless line of the body\n'.repeat(2000))
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    const pump = (): void => {
      while (!res.destroyed && res.write(line));
      if (!res.destroyed) res.once('drain', pump)
    }
    pump()
  })
  try {
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await expect(dialog.getByRole('spinbutton', { name: /Response size limit/ })).toHaveValue('1024')
    await dialog.getByRole('spinbutton', { name: /Response size limit/ }).fill('1')
    await dialog.getByRole('button', { name: 'Save limits' }).click()
    await expect(dialog.getByRole('status')).toContainText('Response limits saved')
    await page.keyboard.press('Escape')
    await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/endless`)
    await page.getByRole('button', { name: 'Send' }).click()
    const response = page.getByRole('region', { name: 'Response', exact: true })
    const stopped = response.getByRole('alert', { name: 'Download stopped' })
    await expect(stopped).toContainText('larger than the 1 MB limit')
    await expect(stopped).toContainText('response_too_large')
    await expect(response.getByRole('group', { name: 'Response summary' })).toContainText('200')
    await expect(response.getByRole('group', { name: 'Response summary' })).toContainText('1.00 MB')
    await expect(response).toContainText('endless line of the body')
  } finally {
    await server.close()
  }
})

test("an idle timeout set in the request's Settings tab stops a server that goes silent, showing what came", async ({ page, host }) => {
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.write('the only line\n')
  })
  try {
    await page.goto(host.url)
    await page.getByRole('textbox', { name: 'URL' }).fill(`${server.url}/stalls`)
    await page.getByRole('tab', { name: 'Settings' }).click()
    const idle = page.getByRole('spinbutton', { name: /Idle timeout between bytes/ })
    await expect(idle).toHaveAttribute('placeholder', 'As in Settings')
    await expect(page.getByRole('spinbutton', { name: /Decompression ratio limit/ })).toHaveAttribute('placeholder', 'As in Settings')
    await idle.fill('0.5')
    await page.getByRole('button', { name: 'Send' }).click()
    const response = page.getByRole('region', { name: 'Response', exact: true })
    const stopped = response.getByRole('alert', { name: 'Download stopped' })
    await expect(stopped).toContainText('sent nothing for 500 ms')
    await expect(stopped).toContainText('idle_timeout')
    await expect(response).toContainText('the only line')
  } finally {
    await server.close()
  }
})
