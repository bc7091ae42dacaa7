import { describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir()

async function services() {
  return createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
}

describe('import and export through the contract', () => {
  it('curl.parse returns a request with defaults applied, and warnings', async () => {
    const s = await services()
    const result = await s.invoke('curl.parse', { command: "curl -s https://x.test/a -H 'X: 1'" })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({
      request: { method: 'GET', url: 'https://x.test/a', headers: [{ name: 'X', value: '1', enabled: true }], body: { type: 'none' } },
      warnings: [expect.stringContaining('-s only changes what curl prints')]
    })
    await s.dispose()
  })

  it('curl.parse answers not_curl with a hint for other text', async () => {
    const s = await services()
    const result = await s.invoke('curl.parse', { command: 'GET https://x.test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'not_curl' } })
    if (!result.ok) expect(result.error.hint).toMatch(/starts with curl/)
    await s.dispose()
  })

  it('export.curl fills in request defaults', async () => {
    const s = await services()
    const result = await s.invoke('export.curl', { request: { method: 'GET', url: 'https://x.test' } })
    expect(result).toEqual({ ok: true, value: { command: 'curl https://x.test \\\n  -L', warnings: [] } })
    await s.dispose()
  })
})

describe('snippets through the contract', () => {
  it('export.targets lists labels; export.snippet writes code; export.socketioSnippet writes a script', async () => {
    const s = await services()
    const targets = await s.invoke('export.targets', {})
    expect(targets.ok && (targets.value as { targets: Array<{ id: string }> }).targets.map((t) => t.id)).toContain('python-requests')
    const snippet = await s.invoke('export.snippet', { request: { method: 'GET', url: 'https://x.test/a' }, target: 'python-requests' })
    expect(snippet).toMatchObject({ ok: true, value: { code: expect.stringContaining('import requests'), warnings: [] } })
    const bad = await s.invoke('export.snippet', { request: { method: 'GET', url: 'https://x.test/a' }, target: 'cobol' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const sio = await s.invoke('export.socketioSnippet', { request: { url: 'http://x.test' } })
    expect(sio).toMatchObject({ ok: true, value: { code: expect.stringContaining("io('http://x.test'") } })
    await s.dispose()
  })
})
