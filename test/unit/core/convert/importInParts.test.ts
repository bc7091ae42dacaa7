import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { importMaxChars, importPartMaxChars, type ImportResult } from '../../../../src/shared/convert'
import type { CallResult } from '../../../../src/shared/errors'
import { useTempDir } from '../../support/tempDir'

/** An import file longer than one call may carry travels in parts: import.begin, import.append. */

const tempDir = useTempDir()
const opened: Services[] = []
afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose()
})

async function services(): Promise<Services> {
  const s = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
  opened.push(s)
  return s
}

/** A HAR file of `entries` POSTs, each with a body of `bodyChars` characters. */
function har(entries: number, bodyChars: number): string {
  const entry = (i: number) => ({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'POST',
      url: `https://api.example.com/items/${i}`,
      httpVersion: 'HTTP/1.1',
      headers: [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      postData: { mimeType: 'text/plain', text: `${i}:${'x'.repeat(bodyChars)}` }
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 }
  })
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: Array.from({ length: entries }, (_, i) => entry(i)) } })
}

async function value<T = unknown>(result: Promise<CallResult>): Promise<T> {
  const r = await result
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value as T
}

describe('importing a text sent in parts', () => {
  it('detects, previews and imports a 5-million-character HAR file sent in parts', async () => {
    const s = await services()
    const text = har(5, 1_000_000)
    expect(text.length).toBeGreaterThan(2 * importPartMaxChars)
    const { importId } = await value<{ importId: string }>(s.invoke('import.begin', {}))
    let chars = 0
    for (let offset = 0; offset < text.length; offset += importPartMaxChars) {
      ;({ chars } = await value<{ chars: number }>(s.invoke('import.append', { importId, text: text.slice(offset, offset + importPartMaxChars) })))
    }
    expect(chars).toBe(text.length)
    expect(await value(s.invoke('import.detect', { importId }))).toEqual({ format: 'har' })
    const target = await tempDir()
    expect(await value(s.invoke('import.preview', { importId, targetDir: target }))).toMatchObject({ format: 'har', imported: 5 })
    const result = await value<ImportResult>(s.invoke('import.run', { importId, targetDir: target }))
    expect(result).toMatchObject({ format: 'har', imported: 5, collectionId: expect.any(String) })
    expect((await readdir(result.collectionPath, { recursive: true })).length).toBeGreaterThan(5)
  })

  it(`refuses a text over ${importMaxChars.toLocaleString('en')} characters with what to do`, async () => {
    const s = await services()
    const { importId } = await value<{ importId: string }>(s.invoke('import.begin', {}))
    const part = 'a'.repeat(importPartMaxChars)
    for (let sent = 0; sent + importPartMaxChars <= importMaxChars; sent += importPartMaxChars) {
      await value(s.invoke('import.append', { importId, text: part }))
    }
    const over = await s.invoke('import.append', { importId, text: 'a' })
    expect(over).toMatchObject({
      ok: false,
      error: { code: 'import_too_large', message: expect.stringContaining('50,000,000'), hint: expect.stringMatching(/split/i) }
    })
    // The refused text is forgotten, not kept half-sent.
    expect(await s.invoke('import.detect', { importId })).toMatchObject({ ok: false, error: { code: 'unknown_import' } })
  })

  it('answers clearly for a text too long for one call, an unknown id, or both text and id', async () => {
    const s = await services()
    expect(await s.invoke('import.detect', { text: 'a'.repeat(importPartMaxChars + 1) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('import.begin') }
    })
    expect(await s.invoke('import.run', { importId: 'f'.repeat(24), targetDir: await tempDir() })).toMatchObject({
      ok: false,
      error: { code: 'unknown_import', hint: 'Choose the file again.' }
    })
    const { importId } = await value<{ importId: string }>(s.invoke('import.begin', {}))
    expect(await s.invoke('import.detect', { importId, text: 'curl x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await s.invoke('import.detect', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
