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
