import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WsWebSocket from 'ws'
import { createServices, type Services } from '../../../../src/core/services'
import { startHost, type Host } from '../../../../src/host/server'
import { createHostBridge } from '../../../../src/renderer/app/hostBridge'
import { initI18n } from '../../../../src/renderer/i18n'
import { hostMaxFrameBytes } from '../../../../src/shared/wire'
import { useTempDir } from '../../support/tempDir'

/**
 * The renderer's host bridge, run in Node against a real host: ws stands in for the browser's
 * WebSocket, and a recorder for window.history.
 */

/** The browser's WebSocket as ws provides it; errors reach onclose as in a browser, never thrown. */
class BrowserLikeSocket extends WsWebSocket {
  constructor(url: string) {
    super(url)
    this.on('error', () => undefined)
  }
}
/** Swapped in after a test, so the bridge's reconnect loop stops instead of dialling a closed host. */
class DeadSocket {
  static readonly OPEN = 1
  readonly readyState = 0
  send(): void {}
}

const tempDir = useTempDir()
const running: { host: Host; services: Services }[] = []
const replaced: Array<[string, string]> = []
const g = globalThis as unknown as { WebSocket: unknown; window: unknown }

afterEach(async () => {
  g.WebSocket = DeadSocket
  for (const { host, services } of running.splice(0)) {
    await host.close()
    await services.dispose()
  }
  replaced.splice(0)
})

async function start(): Promise<Host> {
  const dataDir = await tempDir()
  const rendererDir = join(dataDir, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>')
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '1.2.3', statusIntervalMs: 0 })
  const host = await startHost({ services, rendererDir, token: 'test-token' })
  running.push({ host, services })
  g.WebSocket = BrowserLikeSocket
  g.window = { history: { state: null, replaceState: (_state: unknown, _title: string, url: string) => replaced.push(['replaceState', url]) } }
  return host
}

function bridgeTo(host: Host, search: string) {
  return createHostBridge({ protocol: 'http:', host: `127.0.0.1:${host.port}`, pathname: '/', search, hash: '#top' } as Location)
}

describe('the host bridge', () => {
  // The bridge's own messages come from the catalogs, as in the window (main.tsx awaits the same).
  beforeAll(() => initI18n())

  it('takes the token out of the address bar, keeping the rest of the address', async () => {
    const host = await start()
    const bridge = bridgeTo(host, '?token=test-token&theme=dark')
    expect(replaced).toEqual([['replaceState', '/?theme=dark#top']])
    expect(await bridge.invoke('app.info', {})).toMatchObject({ ok: true, value: { name: 'Parley' } })
  })

  it('refuses a call larger than the host accepts, before sending it; the connection stays usable', async () => {
    const host = await start()
    const bridge = bridgeTo(host, '?token=test-token')
    expect(await bridge.invoke('app.info', {})).toMatchObject({ ok: true })
    const big = await bridge.invoke('vars.resolve', { text: 'x'.repeat(hostMaxFrameBytes) })
    expect(big).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringContaining('Nothing was sent'), hint: expect.any(String) } })
    // Multi-byte text is measured in bytes, as the host measures it.
    const wide = await bridge.invoke('vars.resolve', { text: 'é'.repeat(hostMaxFrameBytes / 2) })
    expect(wide).toMatchObject({ ok: false, error: { code: 'too_large' } })
    expect(await bridge.invoke('app.info', {})).toMatchObject({ ok: true })
  })
})
