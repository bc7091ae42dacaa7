import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { electronPackageInfo, findElectronBinary } from './electronBinary'

export interface DownloadProgress {
  transferred: number
  total: number | null
}

type DownloadResult = { ok: true; path: string } | { ok: false; reason: string }

interface ElectronGet {
  downloadArtifact(details: Record<string, unknown>): Promise<string>
}

/** A download that has received nothing for this long is given up, so an offline machine does not hang. */
const stallMs = 30_000

/**
 * Fetches Electron's binary the way the electron package's own `install.js` does, with progress:
 * `@electron/get` (the installer's downloader, resolved from the electron package) puts the zip in
 * Electron's cache, then `install.js` itself runs, finds it there, unpacks it and writes `path.txt`.
 * Mirrors and caches set through ELECTRON_MIRROR / electron_config_cache are honoured by both.
 */
export async function downloadElectron(packageDir: string, onProgress: (progress: DownloadProgress) => void): Promise<DownloadResult> {
  const { version } = electronPackageInfo(packageDir)
  let electronGet: ElectronGet
  try {
    electronGet = (await import(createRequire(join(packageDir, 'package.json')).resolve('@electron/get'))) as ElectronGet
  } catch (error) {
    return { ok: false, reason: `Electron's downloader (@electron/get) could not be loaded: ${firstLine(error)}` }
  }
  const stall = new AbortController()
  let timer = setTimeout(() => stall.abort(), stallMs)
  try {
    await electronGet.downloadArtifact({
      version,
      artifactName: 'electron',
      cacheRoot: process.env['electron_config_cache'],
      // As install.js: the checksums shipped in the package, unless remote ones were asked for (a mirror's own builds).
      checksums:
        process.env['electron_use_remote_checksums'] || process.env['npm_config_electron_use_remote_checksums']
          ? undefined
          : (createRequire(join(packageDir, 'package.json'))('./checksums.json') as Record<string, string>),
      platform: process.env['ELECTRON_INSTALL_PLATFORM'] ?? process.env['npm_config_platform'] ?? process.platform,
      arch: process.env['ELECTRON_INSTALL_ARCH'] ?? process.env['npm_config_arch'] ?? process.arch,
      downloadOptions: {
        quiet: true,
        signal: stall.signal,
        getProgressCallback: (progress: DownloadProgress) => {
          clearTimeout(timer)
          timer = setTimeout(() => stall.abort(), stallMs)
          onProgress(progress)
          return Promise.resolve()
        }
      }
    })
  } catch (error) {
    return { ok: false, reason: stall.signal.aborted ? `the download stalled (nothing received for ${stallMs / 1000} s)` : firstLine(error) }
  } finally {
    clearTimeout(timer)
  }
  const install = await runInstallScript(packageDir)
  if (!install.ok) return install
  const binary = findElectronBinary(packageDir)
  return binary.path ? { ok: true, path: binary.path } : { ok: false, reason: `electron's install.js finished, but ${binary.reason}` }
}

function runInstallScript(packageDir: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], { cwd: packageDir, stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => resolve({ ok: false, reason: firstLine(error) }))
    child.on('exit', (code) =>
      resolve(code === 0 ? { ok: true } : { ok: false, reason: `electron's install.js failed: ${firstLine(stderr) || `exit code ${code}`}` })
    )
  })
}

/** Errors from fetch and friends carry their cause; one line of it is what the user needs. */
function firstLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  const text = error instanceof Error ? `${error.message}${cause}` : String(error)
  return text.trim().split('\n')[0] ?? text
}
