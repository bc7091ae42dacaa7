import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The Electron executable if it is already on disk, without triggering electron's download
 * (requiring the `electron` package would start one). Undefined, with the reason, otherwise.
 */
export function findElectronBinary(): { path?: string; reason: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const candidate = override ? join(override, relative) : join(packageDir, 'dist', relative)
  if (existsSync(candidate)) return { path: candidate, reason: 'found' }
  return {
    reason:
      `No Electron binary at ${candidate}: this machine could not download it (npm ci installs only the package; ` +
      'the binary is fetched on first start). Run `npm start` on a machine that can reach the download, or set ' +
      'ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron, to run this suite.'
  }
}
