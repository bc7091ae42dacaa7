import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronPackageDir, electronPackageInfo, findElectronBinary } from '../../../scripts/launch/electronBinary'
import { downloadElectron } from '../../../scripts/launch/electronDownload'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir('parley-electron-install-')
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

describe("finding Electron's binary", () => {
  it('follows path.txt into dist/, as the installer writes them', async () => {
    const dir = await tempDir()
    expect(findElectronBinary(dir, {}).path).toBeUndefined()
    expect(findElectronBinary(dir, {}).reason).toContain('has not been downloaded')
    await writeFile(join(dir, 'path.txt'), 'electron')
    expect(findElectronBinary(dir, {}).reason).toBe(`no Electron binary at ${join(dir, 'dist', 'electron')}`)
    await mkdir(join(dir, 'dist'))
    await writeFile(join(dir, 'dist', 'electron'), '#!/bin/sh\n')
    await chmod(join(dir, 'dist', 'electron'), 0o755)
    expect(findElectronBinary(dir, {}).path).toBe(join(dir, 'dist', 'electron'))
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'electron'), '')
    expect(findElectronBinary(join(dir, 'no-package'), { ELECTRON_OVERRIDE_DIST_PATH: dir }).path).toBe(join(dir, 'electron'))
  })

  it("reads the installed package's version and the Node its installer needs", () => {
    const info = electronPackageInfo(electronPackageDir())
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(info.nodeRange).toMatch(/>=/)
  })
})

describe("downloading Electron with its installer's downloader", () => {
  it('reports a download that cannot be had as one line naming the reason', async () => {
    const requested: string[] = []
    const server = createServer((request, response) => {
      requested.push(request.url ?? '')
      response.writeHead(404).end('not here')
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    const previous = { mirror: process.env['ELECTRON_MIRROR'], cache: process.env['electron_config_cache'] }
    process.env['ELECTRON_MIRROR'] = `http://127.0.0.1:${port}/`
    process.env['electron_config_cache'] = await tempDir()
    try {
      const packageDir = electronPackageDir()
      const { version } = electronPackageInfo(packageDir)
      const result = await downloadElectron(packageDir, () => undefined)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.reason).toMatch(/404/)
      expect(!result.ok && result.reason).not.toContain('\n')
      expect(requested.some((url) => url.includes(`electron-v${version}-`))).toBe(true)
    } finally {
      if (previous.mirror === undefined) delete process.env['ELECTRON_MIRROR']
      else process.env['ELECTRON_MIRROR'] = previous.mirror
      if (previous.cache === undefined) delete process.env['electron_config_cache']
      else process.env['electron_config_cache'] = previous.cache
    }
  })
})
