import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { HttpRunOutput } from '../../../../src/shared/scripts'
import { useTempDir } from '../../support/tempDir'

/**
 * Test scripts of a Postman collection (items copied unchanged from newman's own fixtures) run
 * in Parley against a loopback server that answers like postman-echo.com; only the host changes.
 */

interface PostmanItem {
  name: string
  event?: { listen: 'test' | 'prerequest'; script: { exec: string | string[] } }[]
  request: { url: string; method: string; header?: { key: string; value: string }[]; body?: { mode: string; raw?: string } }
}

const tempDir = useTempDir()
let services: Services
let echoUrl: string
let closeServer: () => Promise<void>

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => resolve(body))
  })

beforeAll(async () => {
  const server = createServer((request, response) => {
    void readBody(request).then((data) => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      const args = Object.fromEntries(url.searchParams)
      const send = (value: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers })
        response.end(JSON.stringify(value))
      }
      if (url.pathname === '/headers') send({ headers: request.headers })
      else if (url.pathname === '/response-headers') send(args, args)
      else if (url.pathname === '/post') send({ args, data, form: {}, json: null, headers: request.headers, url: `https://postman-echo.com${request.url}` })
      else send({ args, headers: request.headers, url: `https://postman-echo.com${request.url}` })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  echoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  closeServer = () => new Promise((resolve) => server.close(() => resolve()))
  services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
})
afterAll(async () => {
  await services.dispose()
  await closeServer()
})

const scriptOf = (item: PostmanItem, listen: 'test' | 'prerequest'): string | undefined => {
  const exec = item.event?.find((e) => e.listen === listen)?.script.exec
  return exec === undefined ? undefined : Array.isArray(exec) ? exec.join('\n') : exec
}

it('runs the test scripts of a Postman collection unchanged, and they pass', async () => {
  const collection = JSON.parse(await readFile('test/fixtures/scripts/postman-echo-tests.postman_collection.json', 'utf8')) as { item: PostmanItem[] }
  let total = 0
  for (const item of collection.item) {
    const pre = scriptOf(item, 'prerequest')
    const post = scriptOf(item, 'test')
    const raw = item.request.body?.mode === 'raw' ? item.request.body.raw : undefined
    const result = await services.invoke('http.run', {
      requestId: crypto.randomUUID(),
      name: item.name,
      request: {
        method: item.request.method,
        url: item.request.url.replace('https://postman-echo.com', echoUrl),
        headers: (item.request.header ?? []).map((h) => ({ name: h.key, value: h.value })),
        body: raw === undefined ? { type: 'none' } : { type: 'text', text: raw, contentType: 'text/plain' }
      },
      scripts: { ...(pre ? { pre } : {}), ...(post ? { post } : {}) }
    })
    if (!result.ok) throw new Error(`${item.name}: ${result.error.message}`)
    const out = result.value as HttpRunOutput
    expect(out.scriptErrors, item.name).toEqual([])
    expect(
      out.tests.filter((t) => !t.passed),
      item.name
    ).toEqual([])
    total += out.tests.length
  }
  expect(total).toBe(12)
})
