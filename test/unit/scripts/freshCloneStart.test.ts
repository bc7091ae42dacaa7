import { spawn, spawnSync } from 'node:child_process'
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { electronPackageDir, findElectronBinary } from '../../../scripts/launch/electronBinary'
import { useTempDir } from '../support/tempDir'

/**
 * A newcomer's `npm start` on a machine that cannot get Electron's binary: a fresh clone of this
 * repository, its dependencies, `npm start`, and the printed address serves the app.
 *
 * The clone's node_modules is a hard-linked copy of this checkout's (seconds, instead of a minute or
 * more of `npm ci` over the network per run), minus the two things `npm ci` never puts there:
 * electron's `dist/` and `path.txt` (electron 45 has no install script; its binary arrives only by its
 * installer). The test checks that precondition instead of assuming it. Electron's download is pointed
 * at a loopback mirror that has no Electron, so the fallback is the branch that runs on any machine,
 * with or without network or a recent Node.js. PARLEY_FRESH_CLONE_NPM_CI=1 runs a real `npm ci` in the
 * clone instead of the hard-linked copy (it needs the npm registry).
 */
const repoRoot = process.cwd()
const tempDir = useTempDir('parley-fresh-')
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

function hardLinkTree(from: string, to: string, skip: (relativePath: string) => boolean, base = from): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name)
    const target = join(to, entry.name)
    if (skip(relative(base, source))) continue
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target)
    else if (entry.isDirectory()) hardLinkTree(source, target, skip, base)
    else if (lstatSync(source).isFile()) linkSync(source, target)
  }
}

/** A mirror with no Electron on it: every download answers 404. */
async function emptyMirror(): Promise<string> {
  const server = createServer((_request, response) => response.writeHead(404).end('no electron here'))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}/`
}

const isGitCheckout = existsSync(join(repoRoot, '.git'))

describe('npm start in a fresh clone, where Electron cannot be downloaded', () => {
  it.skipIf(!isGitCheckout)(
    'says why in one line, starts the browser host, serves the app at the printed address and stops on Ctrl-C',
    { timeout: 600_000 },
    async () => {
      const temp = await tempDir()
      const clone = join(temp, 'parley')
      const cloned = spawnSync('git', ['clone', '--quiet', repoRoot, clone], { encoding: 'utf8' })
      expect(cloned.stderr).toBe('')
      if (process.env['PARLEY_FRESH_CLONE_NPM_CI'] === '1') {
        const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, encoding: 'utf8', shell: process.platform === 'win32' })
        expect(install.status, install.stderr).toBe(0)
      } else {
        const electronRelative = relative(repoRoot, electronPackageDir(repoRoot))
        hardLinkTree(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), (path) =>
          [join(electronRelative, 'dist'), join(electronRelative, 'path.txt')].includes(join('node_modules', path))
        )
      }
      expect(findElectronBinary(electronPackageDir(clone), {}).path).toBeUndefined()

      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PARLEY_DATA_DIR: join(temp, 'data'),
        BROWSER: 'none',
        ELECTRON_MIRROR: await emptyMirror(),
        electron_config_cache: join(temp, 'electron-cache')
      }
      delete env['ELECTRON_OVERRIDE_DIST_PATH']
      // Its own process group, so Ctrl-C can be sent to npm and everything it started, as a terminal does.
      const npm = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start'], {
        cwd: clone,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: process.platform === 'win32'
      })
      const lines: string[] = []
      let stderr = ''
      npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        npm.on('exit', (code, signal) => resolve({ code, signal }))
      )
      const closed = new Promise<void>((resolve) => npm.stdout.on('close', resolve))
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: npm.stdout }).on('line', (line) => {
          lines.push(line)
          const match = /^Parley is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line)
          if (match) resolve(match[1]!)
        })
        void exited.then(({ code }) => reject(new Error(`npm start exited (${code}) before printing an address:\n${lines.join('\n')}\n${stderr}`)))
      })

      // One line says why there is no window.
      const reasons = lines.filter((line) => line.includes('starting the browser host instead'))
      expect(reasons).toHaveLength(1)
      expect(reasons[0]).toMatch(
        /^npm start: (could not download Electron|no Electron binary yet, and Electron's installer needs Node\.js|no graphical session here)/
      )

      const page = await fetch(url)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('<title>Parley</title>')
      const script = /<script type="module" crossorigin src="\.?\/?([^"]+)"/.exec(html)?.[1]
      expect(script).toBeDefined()
      const asset = await fetch(new URL(script!, url), { headers: { cookie: page.headers.get('set-cookie')?.split(';')[0] ?? '' } })
      expect(asset.status).toBe(200)

      // Ctrl-C: npm itself always ends by the signal (its own behaviour); the launcher and the host it
      // started stop cleanly, say so, and the address stops answering.
      process.kill(-npm.pid!, 'SIGINT')
      expect((await exited).signal ?? 'exit code 0').toMatch(/^(SIGINT|exit code 0)$/)
      await closed
      expect(lines.at(-1)).toBe('npm start: the browser host stopped.')
      await expect(fetch(url)).rejects.toThrow()
    }
  )
})
