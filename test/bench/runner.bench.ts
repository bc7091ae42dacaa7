import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult } from '../../src/shared/runner'
import { verdict } from './targets'

/**
 * runner-vs-newman: the same Postman v2.1 collection (240 requests, each with a pre-request and a
 * test script) against the playground in its own process, run by `parley run` (the built bundle)
 * and by newman 6 as whole processes, in alternating rounds. Target: Parley's median wall time at
 * most newman's (ratio ≤ 1.0), and the same pass/fail for every test.
 */

const root = join(import.meta.dirname, '../..')
const requests = 240
const rounds = 3
const targetRatio = 1.0

/** Every 40th request carries a test that fails on purpose, so "same pass/fail" compares failures too. */
function collection(): unknown {
  const item = Array.from({ length: requests }, (_, i) => {
    const kind = i % 4
    const fails = i % 40 === 39
    const pre = [`pm.variables.set('n', '${i}')`, `pm.environment.set('last', '${i}')`]
    const tests =
      kind === 0
        ? [
            "pm.test('status is 200', function () { pm.response.to.have.status(200) })",
            "pm.test('a page of notes', function () { pm.expect(pm.response.json().items).to.be.an('array') })",
            "pm.test('limit echoed', function () { pm.expect(pm.response.json().limit).to.equal(5) })"
          ]
        : kind === 1
          ? [
              'var echo = pm.response.json()',
              "pm.test('query arrives', function () { pm.expect(echo.query.i).to.equal(pm.variables.get('n')) })",
              "pm.test('environment carried', function () { pm.expect(pm.environment.get('last')).to.equal(pm.variables.get('n')) })"
            ]
          : kind === 2
            ? [
                "pm.test('json body echoed', function () { pm.expect(pm.response.json().json).to.eql({ index: Number(pm.variables.get('n')) }) })",
                "pm.test('content type', function () { pm.response.to.have.header('content-type') })"
              ]
            : ["pm.test('created or conflict', function () { pm.expect(pm.response.code).to.be.oneOf([201, 409]) })"]
    if (fails) tests.push("pm.test('fails on purpose', function () { pm.expect(pm.response.code).to.equal(418) })")
    const url =
      kind === 0
        ? `{{playground}}/api/notes?page=1&limit=5&r=${i}`
        : kind === 1
          ? `{{playground}}/echo?i=${i}`
          : kind === 2
            ? `{{playground}}/echo/json?i=${i}`
            : `{{playground}}/api/notes`
    const request =
      kind === 2
        ? { method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], url, body: { mode: 'raw', raw: JSON.stringify({ index: i }) } }
        : kind === 3
          ? {
              method: 'POST',
              header: [{ key: 'Content-Type', value: 'application/json' }],
              url,
              body: { mode: 'raw', raw: JSON.stringify({ title: `bench note ${i}` }) }
            }
          : { method: 'GET', header: [], url }
    return {
      name: `request ${String(i).padStart(3, '0')}`,
      event: [
        { listen: 'prerequest', script: { type: 'text/javascript', exec: pre } },
        { listen: 'test', script: { type: 'text/javascript', exec: tests } }
      ],
      request
    }
  })
  return {
    info: { name: 'runner bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [{ key: 'playground', value: 'http://127.0.0.1:9' }],
    item
  }
}

function startPlayground(): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/playground/cli.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /listening on (\S+)/.exec(out)?.[1]
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') })
    })
    child.on('exit', (code) => reject(new Error(`the playground exited (${code}) before listening`)))
  })
}

function timed(command: string, args: string[]): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stderr }))
  })
}

/** Builds the CLI bundle when it is missing or older than the sources, so Parley runs as shipped. */
function ensureBuilt(): void {
  const built = join(root, 'out/cli/parley.js')
  const newest = (dir: string): number =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((m, e) => (e.isFile() ? Math.max(m, statSync(join(e.parentPath, e.name)).mtimeMs) : m), 0)
  const stale = !existsSync(built) || ['cli', 'core', 'shared'].some((layer) => newest(join(root, 'src', layer)) > statSync(built).mtimeMs)
  if (stale && spawnSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('npm run build:cli failed')
}

type Verdicts = Map<string, boolean>

async function parleyVerdicts(path: string): Promise<Verdicts> {
  const result = JSON.parse(await readFile(path, 'utf8')) as RunResult
  const out: Verdicts = new Map()
  for (const item of result.items) for (const test of item.tests) out.set(`${item.name} :: ${test.name}`, test.passed)
  return out
}

interface NewmanReport {
  run: { executions: { item: { name: string }; assertions?: { assertion: string; error?: unknown }[] }[] }
}
async function newmanVerdicts(path: string): Promise<Verdicts> {
  const report = JSON.parse(await readFile(path, 'utf8')) as NewmanReport
  const out: Verdicts = new Map()
  for (const e of report.run.executions) for (const a of e.assertions ?? []) out.set(`${e.item.name} :: ${a.assertion}`, a.error === undefined)
  return out
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

export async function run(): Promise<{ ratio: number; same: boolean }> {
  ensureBuilt()
  const dir = await mkdtemp(join(tmpdir(), 'parley-runner-bench-'))
  const playground = await startPlayground()
  try {
    const file = join(dir, 'bench.postman_collection.json')
    await writeFile(file, JSON.stringify(collection()))
    const common = [file, '--env-var', `playground=${playground.url}`]
    const parleyTimes: number[] = []
    const newmanTimes: number[] = []
    for (let round = 0; round < rounds; round++) {
      // Alternating, and each starting every other round, so a noisy neighbour hurts both alike.
      const order = round % 2 === 0 ? ['parley', 'newman'] : ['newman', 'parley']
      for (const who of order) {
        const report = join(dir, `${who}-${round}.json`)
        const ran =
          who === 'parley'
            ? await timed(process.execPath, [join(root, 'bin/parley.mjs'), 'run', ...common, '-r', 'json', '--reporter-json-export', report])
            : await timed(join(root, 'node_modules/.bin/newman'), ['run', ...common, '-r', 'json', '--reporter-json-export', report])
        if (ran.code !== 1) throw new Error(`${who} exited ${ran.code} (expected 1: some tests fail on purpose): ${ran.stderr.slice(0, 2000)}`)
        ;(who === 'parley' ? parleyTimes : newmanTimes).push(ran.ms)
      }
    }
    const [ours, theirs] = await Promise.all([parleyVerdicts(join(dir, 'parley-0.json')), newmanVerdicts(join(dir, 'newman-0.json'))])
    const differing = [...new Set([...ours.keys(), ...theirs.keys()])].filter((key) => ours.get(key) !== theirs.get(key))
    const same = differing.length === 0 && ours.size > requests
    const ratio = median(parleyTimes) / median(newmanTimes)
    const failed = [...ours.values()].filter((passed) => !passed).length
    console.log(
      `bench runner-vs-newman: ${requests} requests, ${ours.size} tests (${failed} fail on purpose); parley median ${(median(parleyTimes) / 1000).toFixed(2)} s, newman ${(median(newmanTimes) / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)} (target ≤ ${targetRatio}): ${verdict('runner-vs-newman time', ratio <= targetRatio)}`
    )
    console.log(
      `bench runner-vs-newman: per-test pass/fail ${same ? 'identical' : `differs for ${differing.length}: ${differing.slice(0, 5).join('; ')}`}: ${verdict('runner-vs-newman results', same)}`
    )
    return { ratio, same }
  } finally {
    playground.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
