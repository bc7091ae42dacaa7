import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../src/core/services'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const start = (dataDir: string) => createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })

describe('learning path progress in the settings', () => {
  it('starts with no step done', async () => {
    const s = await start(await tempDir())
    expect(await s.invoke('settings.get', undefined)).toMatchObject({ ok: true, value: { learnDone: [] } })
  })

  it('remembers the steps marked done across a restart, on disk, without touching other settings', async () => {
    const dataDir = await tempDir()
    const s = await start(dataDir)
    await s.invoke('settings.update', { theme: 'dark' })
    const seen: unknown[] = []
    s.events.subscribe((name, payload) => seen.push({ name, payload }))
    const result = await s.invoke('settings.update', { learnDone: ['api', 'broadcast'] })
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark', learnDone: ['api', 'broadcast'] } })
    expect(seen).toMatchObject([{ name: 'settings.changed', payload: { learnDone: ['api', 'broadcast'] } }])
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark', learnDone: ['api', 'broadcast'] })
    const again = await start(dataDir)
    expect(await again.invoke('settings.get', undefined)).toMatchObject({ ok: true, value: { theme: 'dark', learnDone: ['api', 'broadcast'] } })
  })

  it('refuses a step id that is not one, saying what an id looks like, and saves nothing', async () => {
    const dataDir = await tempDir()
    const s = await start(dataDir)
    const bad = await s.invoke('settings.update', { learnDone: ['../etc/passwd'] })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    if (!bad.ok) expect(bad.error.message).toContain('lowercase letters')
    const tooMany = await s.invoke('settings.update', { learnDone: Array.from({ length: 65 }, (_, i) => `step-${i}`) })
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    await expect(readFile(join(dataDir, 'settings.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a damaged progress in settings.json costs the progress only: the other settings survive', async () => {
    const dataDir = await tempDir()
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'dark', learnDone: 'all of them' }))
    const s = await start(dataDir)
    expect(await s.invoke('settings.get', undefined)).toMatchObject({ ok: true, value: { theme: 'dark', learnDone: [] } })
  })
})
