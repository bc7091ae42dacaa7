import { access, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../src/core/services'
import { useSmallDisk } from '../support/smallDisk'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const smallDisk = useSmallDisk('2m')

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

  it('stops a copy at the first write error of a full disk with disk_full, freeing what it had written', async (ctx) => {
    const disk = await smallDisk()
    if (disk.skip !== undefined) return ctx.skip(disk.skip)
    const dataDir = join(disk.dir, 'data')
    const s = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    try {
      const begun = await s.invoke('files.begin', { name: 'big.bin' })
      if (!begun.ok) throw new Error(begun.error.message)
      const { uploadId, path } = begun.value as { uploadId: string; path: string }
      const chunk = Buffer.alloc(512 * 1024, 7).toString('base64')
      let result = await s.invoke('files.append', { uploadId, base64: chunk })
      for (let i = 0; i < 10 && result.ok; i++) result = await s.invoke('files.append', { uploadId, base64: chunk })
      expect(result).toMatchObject({ ok: false, error: { code: 'disk_full' } })
      expect(!result.ok && result.error.message).toContain(join(dataDir, 'uploads'))
      await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' })
      // The copy stays stopped: a later chunk gets the same answer, not a half-file.
      expect(await s.invoke('files.append', { uploadId, base64: chunk })).toMatchObject({ ok: false, error: { code: 'disk_full' } })
      // And core goes on: a small copy now fits again.
      const small = await s.invoke('files.begin', { name: 'small.txt' })
      if (!small.ok) throw new Error(small.error.message)
      expect(await s.invoke('files.append', { uploadId: (small.value as { uploadId: string }).uploadId, base64: 'aGk=' })).toMatchObject({
        ok: true,
        value: { size: 2 }
      })
    } finally {
      await s.dispose()
    }
  })
})
