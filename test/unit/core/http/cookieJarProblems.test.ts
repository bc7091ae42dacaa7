import { open, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpEngine } from '../../../../src/core/http/engine'
import { createServices } from '../../../../src/core/services'
import { useSmallDisk } from '../../support/smallDisk'
import { useTempDir } from '../../support/tempDir'
import { req, startHttpServer } from './testServers'

const tempDir = useTempDir()
const smallDisk = useSmallDisk('1m')
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** Writes zeros into `path` until the disk refuses: what a full disk looks like to the next writer. */
async function fillDisk(path: string): Promise<void> {
  const handle = await open(path, 'w')
  try {
    for (;;) await handle.write(Buffer.alloc(64 * 1024))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    await handle.close()
  }
}

describe('the cookie jar on disk', () => {
  it('keeps a damaged cookies.json aside, starts empty and reports it once', async () => {
    const dataDir = await tempDir()
    await writeFile(join(dataDir, 'cookies.json'), '{"version":"tough-cookie@4", "cookies": [ damaged')
    const s = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    cleanup.push(() => s.dispose())
    const first = await s.invoke('app.problems', {})
    expect(first).toMatchObject({ ok: true, value: { problems: [{ code: 'cookies_damaged' }] } })
    const names = await readdir(dataDir)
    const aside = names.find((name) => name.startsWith('cookies.json.damaged-'))
    expect(aside).toBeDefined()
    expect((first as { value: { problems: { message: string }[] } }).value.problems[0]!.message).toContain(aside!)
    expect(await readFile(join(dataDir, aside!), 'utf8')).toBe('{"version":"tough-cookie@4", "cookies": [ damaged')
    expect(await s.invoke('cookies.list', {})).toMatchObject({ ok: true, value: { cookies: [] } })
    // Told once: a second window asking later is not shown it again.
    expect(await s.invoke('app.problems', {})).toMatchObject({ ok: true, value: { problems: [] } })
  })

  it('a missing cookies.json is no problem', async () => {
    const s = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    cleanup.push(() => s.dispose())
    expect(await s.invoke('app.problems', {})).toMatchObject({ ok: true, value: { problems: [] } })
  })

  it('a cookie that cannot be saved on a full disk still applies, and the response says it was not saved', async (ctx) => {
    const disk = await smallDisk()
    if (disk.skip !== undefined) return ctx.skip(disk.skip)
    const server = await startHttpServer((_req, res) => {
      res.setHeader('set-cookie', 'session=abc; Path=/')
      res.end('ok')
    })
    cleanup.push(() => server.close())
    const engine = await createHttpEngine({ dataDir: disk.dir, env: {} })
    cleanup.push(() => engine.dispose())
    await fillDisk(join(disk.dir, 'filler'))
    const response = await engine.send('cookie', req({ method: 'GET', url: server.url }))
    expect(response.status).toBe(200)
    expect(response.warnings.join(' ')).toMatch(/cookie jar could not be written|is full/)
    expect(response.cookiesSet.map((c) => c.name)).toEqual(['session'])
    expect((await engine.listCookies()).map((c) => c.name)).toEqual(['session'])
  })
})
