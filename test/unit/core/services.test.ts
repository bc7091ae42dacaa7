import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../src/core/services'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()

async function services(statusIntervalMs = 0) {
  const dataDir = await tempDir()
  return { dataDir, services: await createServices({ dataDir, shell: 'browser', appVersion: '9.9.9', statusIntervalMs }) }
}

describe('core services behind the contract', () => {
  it('answers app.info with real versions and the data directory', async () => {
    const { dataDir, services: s } = await services()
    const result = await s.invoke('app.info', {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({
      name: 'Parley',
      version: '9.9.9',
      shell: 'browser',
      dataDir,
      versions: { node: process.versions.node, v8: process.versions.v8, electron: null }
    })
  })

  it('refuses an unknown call by name, with a hint', async () => {
    const { services: s } = await services()
    const result = await s.invoke('app.selfDestruct', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } })
    if (!result.ok) expect(result.error.hint).toBeTruthy()
  })

  it('refuses invalid input, names the field, and changes nothing', async () => {
    const { dataDir, services: s } = await services()
    const result = await s.invoke('settings.update', { theme: 'purple' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    if (!result.ok) expect(result.error.message).toContain('theme')
    await expect(readFile(join(dataDir, 'settings.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
    const unknownKey = await s.invoke('settings.update', { theme: 'dark', colour: 'red' })
    expect(unknownKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('saves settings atomically and announces the change as an event', async () => {
    const { dataDir, services: s } = await services()
    const seen: unknown[] = []
    s.events.subscribe((name, payload) => seen.push({ name, payload }))
    const result = await s.invoke('settings.update', { theme: 'dark' })
    const expected = {
      theme: 'dark',
      language: 'system',
      verifyTls: true,
      proxyUrl: '',
      maxResponseBytes: 1024 ** 3,
      idleTimeoutMs: 60_000,
      maxDecompressionRatio: 100,
      learnDone: []
    }
    expect(result).toEqual({ ok: true, value: expected })
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(expected)
    expect(seen).toEqual([{ name: 'settings.changed', payload: expected }])
    const again = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    expect(await again.invoke('settings.get', undefined)).toEqual({ ok: true, value: expected })
  })

  it('reports a damaged settings file instead of overwriting it, and starts with defaults', async () => {
    const dataDir = await tempDir()
    await writeFile(join(dataDir, 'settings.json'), '{ not json')
    const s = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const result = await s.invoke('settings.get', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'settings_unreadable' } })
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).toBe('{ not json')
  })

  it('pushes app.status on its interval', async () => {
    const { services: s } = await services(20)
    const status = await new Promise<unknown>((resolve) => s.events.subscribe((name, payload) => name === 'app.status' && resolve(payload)))
    expect(status).toMatchObject({ uptimeSeconds: expect.any(Number), memoryRssBytes: expect.any(Number) })
    await s.dispose()
  })
})
