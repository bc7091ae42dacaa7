import { createHash } from 'node:crypto'
import { chmod, copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'
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

/** A zip with one stored (uncompressed) file, made executable, as Electron's release zips hold the binary. */
function zipOf(name: string, content: Buffer): Buffer {
  const fileName = Buffer.from(name)
  const crc = crc32(content)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(content.length, 18)
  local.writeUInt32LE(content.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE((3 << 8) | 20, 4) // made by Unix, so the mode below counts
  central.writeUInt16LE(20, 6)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(content.length, 20)
  central.writeUInt32LE(content.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38)
  const body = Buffer.concat([local, fileName, content])
  const directory = Buffer.concat([central, fileName])
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(body.length, 16)
  return Buffer.concat([body, directory, end])
}

/** A copy of the installed electron package in a temp node_modules, so its install.js writes there and not into ours. */
async function electronPackageCopy(root: string): Promise<string> {
  const real = electronPackageDir()
  const copy = join(root, 'node_modules', 'electron')
  await mkdir(copy, { recursive: true })
  for (const file of await readdir(real, { withFileTypes: true })) {
    if (file.isFile() && file.name !== 'path.txt') await copyFile(join(real, file.name), join(copy, file.name))
  }
  // install.js's own dependencies, from the real install.
  for (const scope of ['@electron', '@electron-internal']) await symlink(join(dirname(real), scope), join(root, 'node_modules', scope))
  return copy
}

async function withEnv<T>(values: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]))
  Object.assign(process.env, values)
  try {
    return await run()
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

describe("downloading Electron with its installer's downloader", () => {
  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    "fetches the release zip with progress, then electron's install.js unpacks it and records path.txt",
    async () => {
      const root = await tempDir()
      const packageDir = await electronPackageCopy(root)
      const { version } = electronPackageInfo(packageDir)
      const zipName = `electron-v${version}-linux-x64.zip`
      const zip = zipOf('electron', Buffer.from('#!/bin/sh\necho stand-in for Electron\n'))
      const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`
      const requested: string[] = []
      const mirror = createServer((request, response) => {
        requested.push(request.url ?? '')
        if (request.url?.endsWith(`/${zipName}`)) response.writeHead(200, { 'content-length': zip.length }).end(zip)
        else if (request.url?.endsWith('/SHASUMS256.txt')) response.writeHead(200).end(sums)
        else response.writeHead(404).end()
      })
      servers.push(mirror)
      await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve))
      const { port } = mirror.address() as { port: number }
      const progress: { transferred: number; total: number | null }[] = []
      const result = await withEnv(
        // A mirror's own build is checked against the mirror's SHASUMS256.txt, as install.js allows.
        { ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_use_remote_checksums: '1', electron_config_cache: join(root, 'cache') },
        () => downloadElectron(packageDir, (step) => progress.push({ transferred: step.transferred, total: step.total }))
      )
      expect(result).toEqual({ ok: true, path: join(packageDir, 'dist', 'electron') })
      expect(await readFile(join(packageDir, 'path.txt'), 'utf8')).toBe('electron')
      expect(await readFile(join(packageDir, 'dist', 'electron'), 'utf8')).toContain('stand-in for Electron')
      // Progress reaches the whole zip (SHASUMS256.txt, fetched for the check, reports too).
      expect(progress).toContainEqual({ transferred: zip.length, total: zip.length })
      expect(requested.filter((url) => url.endsWith(zipName))).toHaveLength(1)
    }
  )

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
