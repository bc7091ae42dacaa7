import { readFile, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../src/core/services'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()

describe('files chosen in the window are copied into the data dir in chunks', () => {
  it('appends chunks in order to a private copy that bodies can name', async () => {
    const dataDir = await tempDir()
    const s = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const begun = await s.invoke('files.begin', { name: 'photo.bin' })
    if (!begun.ok) throw new Error(begun.error.message)
    const { uploadId, path } = begun.value as { uploadId: string; path: string }
    expect(path.startsWith(dataDir)).toBe(true)
    const parts = [Buffer.alloc(1000, 1), Buffer.alloc(500, 2)]
    for (const part of parts) await s.invoke('files.append', { uploadId, base64: part.toString('base64') })
    expect((await readFile(path)).equals(Buffer.concat(parts))).toBe(true)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await stat(dirname(path))).mode & 0o777).toBe(0o700)
    await s.dispose()
  })

  it('refuses a name that would leave its folder, and an id it never gave', async () => {
    const s = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    expect(await s.invoke('files.begin', { name: '../escape.txt' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await s.invoke('files.append', { uploadId: '0123456789abcdef01234567', base64: 'AA==' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_upload', hint: 'Choose the file again.' }
    })
    await s.dispose()
  })
})
