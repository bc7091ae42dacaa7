import { mkdir, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createServices, type Services } from '../../../src/core/services'
import { startHost, type Host } from '../../../src/host/server'
import { decodeServerFrame } from '../../../src/shared/wire'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const running: { host: Host; services: Services }[] = []
afterEach(async () => {
  for (const { host, services } of running.splice(0)) {
    await host.close()
    await services.dispose()
  }
})

async function start(statusIntervalMs = 0) {
  const dataDir = await tempDir()
  const rendererDir = join(dataDir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Parley</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(dataDir, 'secret.txt'), 'outside the renderer')
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '1.2.3', statusIntervalMs })
  const host = await startHost({ services, rendererDir, token: 'test-token' })
  running.push({ host, services })
  return { host, base: `http://127.0.0.1:${host.port}` }
}

/** Opens the contract socket; resolves with it once open, or rejects with the HTTP status of a refusal. */
function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_request, response) => reject(new Error(`status ${response.statusCode}`)))
    ws.once('error', reject)
  })
}

function nextFrame(ws: WebSocket, predicate: (frame: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = decodeServerFrame(data.toString()) as Record<string, unknown>
      if (!predicate(frame)) return
      ws.off('message', onMessage)
      resolve(frame)
    }
    ws.on('message', onMessage)
  })
}

describe('the browser host', () => {
  it('binds to loopback and prints a tokenised URL', async () => {
    const { host } = await start()
    expect(host.address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: host.port })
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=test-token`)
    // From this machine's other addresses, the port is closed.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
    for (const other of others) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const socket = connect({ host: other!.address, port: host.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve(null)
        })
        socket.once('error', resolve)
      })
      expect(error?.code, other!.address).toBe('ECONNREFUSED')
    }
  })

  it('serves the renderer with the token and sets a cookie for later requests', async () => {
    const { base } = await start()
    const page = await fetch(`${base}/?token=test-token`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Parley</title>')
    const cookie = page.headers.get('set-cookie')
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/)
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: `parley_token_${new URL(base).port}=test-token` } })
    expect(asset.status).toBe(200)
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('names its cookie after its port, so two hosts do not share or overwrite one cookie', async () => {
    const { base, host } = await start()
    const cookie = (await fetch(`${base}/?token=test-token`)).headers.get('set-cookie') ?? ''
    expect(cookie).toBe(`parley_token_${host.port}=test-token; Path=/; HttpOnly; SameSite=Strict`)
    const name = `parley_token_${host.port}`
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie: `${name}=test-token` } })).status).toBe(200)
    // The cookie of a host on another port opens nothing here.
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie: `parley_token_1=test-token; parley_token=test-token` } })).status).toBe(403)
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/contract`, { cookie: `${name}=test-token` })
    ws.close()
  })

  it('answers 400, not 500, to a malformed % escape or address', async () => {
    const { host } = await start()
    const { request } = await import('node:http')
    const statusOf = (path: string, headers: Record<string, string> = {}): Promise<number> =>
      new Promise((resolve, reject) => {
        request({ host: '127.0.0.1', port: host.port, path, headers: { cookie: `parley_token_${host.port}=test-token`, ...headers } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
          .on('error', reject)
          .end()
      })
    expect(await statusOf('/%zz')).toBe(400)
    expect(await statusOf('/assets/%E0%A4%A.js')).toBe(400)
    expect(await statusOf('http://[::1/')).toBe(400)
    const upgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' }
    expect(await statusOf('http://[::1/contract', upgrade)).toBe(400)
    expect((await fetch(`http://127.0.0.1:${host.port}/?token=test-token`)).status).toBe(200)
  })

  it('answers 403 without the token, with a wrong token, from a foreign Origin or Host', async () => {
    const { base, host } = await start()
    expect((await fetch(`${base}/`)).status).toBe(403)
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(403)
    expect((await fetch(`${base}/?token=test-token`, { headers: { origin: 'https://evil.example' } })).status).toBe(403)
    const rebinding = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ get }) => {
        get({ host: '127.0.0.1', port: host.port, path: '/?token=test-token', headers: { host: 'evil.example' } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }).on('error', reject)
      }, reject)
    })
    expect(rebinding).toBe(403)
  })

  it('does not serve files outside the renderer folder', async () => {
    const { base } = await start()
    const response = await fetch(`${base}/..%2fsecret.txt?token=test-token`)
    expect(response.status).toBe(404)
  })

  it('refuses the contract socket without the token or from a foreign Origin', async () => {
    const { host } = await start()
    const url = `ws://127.0.0.1:${host.port}/contract`
    await expect(openSocket(url, { origin: `http://127.0.0.1:${host.port}` })).rejects.toThrow('status 403')
    await expect(openSocket(`${url}?token=test-token`, { origin: 'https://evil.example' })).rejects.toThrow('status 403')
    const ws = await openSocket(`${url}?token=test-token`, { origin: `http://127.0.0.1:${host.port}` })
    ws.close()
  })

  it('round-trips a call over the socket', async () => {
    const { host } = await start()
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/contract`, {
      cookie: `parley_token_${host.port}=test-token`,
      origin: `http://127.0.0.1:${host.port}`
    })
    const reply = nextFrame(ws, (f) => f['type'] === 'result')
    ws.send(JSON.stringify({ type: 'call', id: 7, name: 'app.info', input: {} }))
    expect(await reply).toMatchObject({ type: 'result', id: 7, result: { ok: true, value: { name: 'Parley', version: '1.2.3', shell: 'browser' } } })
    ws.close()
  })

  it('answers a malformed frame and a bad input with readable errors, and stays open', async () => {
    const { host } = await start()
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/contract?token=test-token`, {})
    const frameError = nextFrame(ws)
    ws.send('this is not json')
    expect(await frameError).toMatchObject({ type: 'error', error: { code: 'invalid_frame', hint: expect.any(String) } })
    const inputError = nextFrame(ws)
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'settings.update', input: { theme: 42 } }))
    expect(await inputError).toMatchObject({ type: 'result', id: 1, result: { ok: false, error: { code: 'invalid_input' } } })
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })

  it('pushes core events to every connected window', async () => {
    const { host } = await start(25)
    const url = `ws://127.0.0.1:${host.port}/contract?token=test-token`
    const [a, b] = await Promise.all([openSocket(url, {}), openSocket(url, {})])
    const isStatus = (f: Record<string, unknown>): boolean => f['type'] === 'event' && f['name'] === 'app.status'
    const [first, second] = await Promise.all([nextFrame(a!, isStatus), nextFrame(b!, isStatus)])
    expect(first).toMatchObject({ payload: { now: expect.any(String) } })
    expect(second).toMatchObject({ payload: { now: expect.any(String) } })
    const changed = nextFrame(b!, (f) => f['name'] === 'settings.changed')
    a!.send(JSON.stringify({ type: 'call', id: 1, name: 'settings.update', input: { theme: 'light' } }))
    expect(await changed).toMatchObject({ payload: { theme: 'light' } })
    a!.close()
    b!.close()
  })
})
