import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const started: Services[] = []
afterEach(async () => {
  for (const services of started.splice(0)) await services.dispose()
})

const realPlayground = { command: process.execPath, args: ['--import', 'tsx', join(process.cwd(), 'src', 'playground', 'cli.ts')] }

const sampleCollectionDir = join(process.cwd(), 'resources', 'sample-collection')

async function servicesWith(playground?: { command: string; args: string[] }) {
  const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0, playground, sampleCollectionDir })
  started.push(services)
  return services
}

describe('starting the playground from the app', () => {
  it('starts the real demo server on a free loopback port, announces it, and stops it', async () => {
    const services = await servicesWith(realPlayground)
    const announced: unknown[] = []
    services.events.subscribe((name, payload) => name === 'playground.changed' && announced.push(payload))
    const result = await services.invoke('playground.start', {})
    expect(result).toMatchObject({ ok: true, value: { state: 'running', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } })
    if (!result.ok) return
    const { url } = result.value as { url: string }
    const notes = await fetch(`${url}/api/notes`)
    expect(notes.status).toBe(200)
    expect(await services.invoke('playground.start', {})).toEqual(result)
    expect(await services.invoke('playground.stop', {})).toMatchObject({ ok: true, value: { state: 'stopped', url: null } })
    await expect(fetch(`${url}/api/notes`)).rejects.toThrow()
    expect(announced.map((s) => (s as { state: string }).state)).toEqual(['starting', 'running', 'stopped'])
  })

  it('opens the sample collection pointed at the running playground, keeping edits across restarts', async () => {
    const services = await servicesWith(realPlayground)
    const first = await services.invoke('playground.start', {})
    if (!first.ok) throw new Error(first.error.message)
    const { url, collectionId } = first.value as { url: string; collectionId: string }
    expect(collectionId).toMatch(/^[0-9a-f]{16}$/)
    const resolved = await services.invoke('vars.resolve', { collectionId, text: '{{playground}}/api/notes {{playgroundWs}}/ws/echo' })
    expect(resolved).toMatchObject({ ok: true, value: { text: `${url}/api/notes ${url.replace('http', 'ws')}/ws/echo` } })
    const tree = await services.invoke('collection.tree', { collectionId })
    expect(tree).toMatchObject({ ok: true, value: { name: 'Parley playground', problems: [] } })
    await services.invoke('folder.create', { collectionId, parent: '', name: 'My experiments' })
    await services.invoke('playground.stop', {})
    const second = await services.invoke('playground.start', {})
    if (!second.ok) throw new Error(second.error.message)
    expect((second.value as { collectionId: string }).collectionId).toBe(collectionId)
    const again = await services.invoke('collection.tree', { collectionId })
    expect(JSON.stringify(again)).toContain('My experiments')
  })

  it('stops the playground when the app stops', async () => {
    const services = await servicesWith(realPlayground)
    const result = await services.invoke('playground.start', {})
    const { url } = (result as { ok: true; value: { url: string } }).value
    await services.dispose()
    await expect(fetch(`${url}/api/notes`)).rejects.toThrow()
  })

  it('explains a playground that cannot start', async () => {
    const services = await servicesWith({ command: process.execPath, args: ['-e', 'console.error("boom"); process.exit(3)', '--'] })
    const result = await services.invoke('playground.start', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'playground_failed', hint: expect.stringContaining('npm run playground') } })
    if (!result.ok) expect(result.error.message).toContain('boom')
    expect(await services.invoke('playground.status', {})).toMatchObject({ ok: true, value: { state: 'failed' } })
  })

  it('says so where the shell has no playground', async () => {
    const services = await servicesWith(undefined)
    expect(await services.invoke('playground.start', {})).toMatchObject({ ok: false, error: { code: 'playground_unavailable' } })
  })
})
