import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The installed electron package's folder, found without loading it (requiring it would start its download). */
export function electronPackageDir(fromDir: string = process.cwd()): string {
  return dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'))
}

/** What the electron package declares: its version and the Node its installer needs. */
export function electronPackageInfo(packageDir: string): { version: string; nodeRange: string } {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string; engines?: { node?: string } }
  return { version: manifest.version, nodeRange: manifest.engines?.node ?? '>=0' }
}

/**
 * The Electron executable if it is already on disk (where electron's own `install.js` puts it:
 * `dist/` plus the relative path it writes to `path.txt`), or the reason it is not.
 */
export function findElectronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): { path?: string; reason: string } {
  const override = env['ELECTRON_OVERRIDE_DIST_PATH']
  const pathFile = join(packageDir, 'path.txt')
  if (!override && !existsSync(pathFile)) {
    return { reason: `Electron's binary has not been downloaded (${pathFile} does not exist)` }
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const candidate = override ? join(override, relative) : join(packageDir, 'dist', relative)
  if (existsSync(candidate)) return { path: candidate, reason: 'found' }
  return { reason: `no Electron binary at ${candidate}` }
}
