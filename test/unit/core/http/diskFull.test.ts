import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpEngine } from '../../../../src/core/http/engine'
import type { ParleyError } from '../../../../src/shared/errors'
import { useSmallDisk } from '../../support/smallDisk'
import { req, startHttpServer } from './testServers'

const smallDisk = useSmallDisk('2m')
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

describe('a full disk', () => {
  it('stops an endless download with disk_full naming the data directory, and the next request still works', { timeout: 60_000 }, async (ctx) => {
    const disk = await smallDisk()
    if (disk.skip !== undefined) return ctx.skip(disk.skip)
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const server = await startHttpServer((request, res) => {
      if (request.url === '/small') return res.end('still here')
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    })
    cleanup.push(() => server.close())
    const dataDir = join(disk.dir, 'data')
    const engine = await createHttpEngine({ dataDir, env: {} })
    cleanup.push(() => engine.dispose())

    // No size limit: only the 2 MB disk can stop this body; the send must end rather than buffer it.
    const error = await engine.send('endless', req({ method: 'GET', url: `${server.url}/endless`, settings: { maxResponseBytes: 0 } })).then(
      () => undefined,
      (e: ParleyError) => e
    )
    expect(error).toMatchObject({ code: 'disk_full' })
    expect(error!.message).toContain(join(dataDir, 'bodies'))
    expect(error!.hint).toMatch(/Free some space/)
    // The half-written body is gone, so the space is free again.
    expect(await readdir(join(dataDir, 'bodies'))).toEqual([])
    const after = await engine.send('small', req({ method: 'GET', url: `${server.url}/small` }))
    expect(after.body).toMatchObject({ kind: 'inline', text: 'still here' })
  })
})
