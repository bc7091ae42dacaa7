import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { create } from 'xmlbuilder2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlayground, type Playground } from '../../../src/playground/server'
import type { RunResult } from '../../../src/shared/runner'
import { useTempDir } from '../support/tempDir'

/**
 * `parley run` as CI runs it: a real process (npx parley, or bin/parley.mjs), against the playground
 * on loopback, checked by its exit code, its output and the report files it writes.
 */

const root = join(import.meta.dirname, '../../..')
const tempDir = useTempDir('parley-cli-')
let playground: Playground

beforeAll(async () => {
  // The tests run the bundle a user gets from `npm run build` (bin/parley.mjs would otherwise compile
  // the sources through tsx in every process, as in a checkout that was never built).
  const built = await new Promise<number | null>((resolve) => spawn('npm', ['run', 'build:cli'], { cwd: root, stdio: 'ignore' }).on('close', resolve))
  if (built !== 0) throw new Error('npm run build:cli failed')
  playground = await startPlayground()
}, 300_000)
afterAll(async () => {
  await playground.close()
})

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs parley; `onOutput` sees stdout as it grows and may signal the process. The locale variables are
 * cleared (English) unless `env` sets them, so the English checks hold on a machine set to another language.
 */
function parley(
  args: string[],
  viaNpx = false,
  onOutput?: (stdout: string, kill: (signal: NodeJS.Signals) => void) => void,
  env: NodeJS.ProcessEnv = {}
): Promise<Ran> {
  const [command, prefix] = viaNpx ? ['npx', ['--no-install', 'parley']] : [process.execPath, [join(root, 'bin/parley.mjs')]]
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      onOutput?.(stdout, (signal) => child.kill(signal))
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const readJson = async (path: string): Promise<RunResult> => JSON.parse(await readFile(path, 'utf8')) as RunResult

/** A Parley collection folder of echo requests; `failing` names requests whose test fails; `who` sends {{who}}. */
async function echoCollection(names: string[], failing: string[] = [], who = false): Promise<string> {
  const dir = join(await tempDir(), 'echoes')
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, 'parley.yaml'),
    `parley: 1\nname: Echoes\nvariables:\n  - name: base\n    value: ${playground.url}\norder:\n${names.map((n) => `  - ${n}.yaml\n`).join('')}`
  )
  for (const name of names) {
    const expected = failing.includes(name) ? '500' : '200'
    await writeFile(
      join(dir, `${name}.yaml`),
      `kind: http\nname: ${name}\nmethod: GET\nurl: "{{base}}/echo?name=${name}${who ? '&who={{who}}' : ''}"\nscripts:\n  post: |-\n    pm.test('who is ' + pm.iterationData.get('who'), () => pm.expect(pm.response.json().query.who).to.equal(pm.iterationData.get('who')))\nassertions:\n  - target: status\n    expected: "${expected}"\n`
    )
  }
  return dir
}

describe('parley run', () => {
  it('runs the sample collection against the playground: exit 0, progress, a summary and a JUnit file that parses', async () => {
    const junit = join(await tempDir(), 'reports/junit.xml')
    const ws = playground.url.replace(/^http/, 'ws')
    const ran = await parley(
      [
        'run',
        'resources/sample-collection',
        '--env-var',
        `playground=${playground.url}`,
        '--env-var',
        `playgroundWs=${ws}`,
        '-r',
        'cli,junit',
        '--reporter-junit-export',
        junit
      ],
      true
    )
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    expect(ran.stdout).toContain('✓ GET List notes [200')
    expect(ran.stdout).toContain('✓ answers 200 with one page of notes')
    expect(ran.stdout).toMatch(/│ tests\s+│\s+\d+ │\s+0 │/)
    const doc = create(await readFile(junit, 'utf8')).end({ format: 'object' }) as {
      testsuites: { '@failures': string; testsuite: { '@name': string; testcase: unknown }[] }
    }
    expect(doc.testsuites['@failures']).toBe('0')
    // One testsuite per request run: 14 REST requests and 7 live ones (those without steps reported as skipped).
    expect(doc.testsuites.testsuite).toHaveLength(21)
    expect(ran.stdout).toContain('✓ socketio Chat')
    expect(ran.stdout).toContain('✓ GET Clock')
    expect(doc.testsuites.testsuite[0]?.['@name']).toBe('List notes [rest/list-notes.yaml]')
  }, 300_000)

  it('exits 1 when a test fails, and lists the failure', async () => {
    const dir = await echoCollection(['first', 'second'], ['first'])
    const ran = await parley(['run', dir])
    expect(ran.code).toBe(1)
    expect(ran.stdout).toContain('1. status == 500')
    expect(ran.stdout).toMatch(/Failures:\n1\. first \(first\.yaml\) \(iteration 1\): status == 500: /)
  }, 300_000)

  it('cancels on Ctrl+C: the run stops during its delay, says so, and exits 1', async () => {
    const dir = await echoCollection(['first', 'second'])
    let sent = false
    const ran = await parley(['run', dir, '--delay-request', '600000'], false, (stdout, kill) => {
      if (!sent && stdout.includes('✓ GET first')) {
        sent = true
        kill('SIGINT')
      }
    })
    expect(ran.code).toBe(1)
    expect(ran.stdout).toContain('The run was cancelled.')
    expect(ran.stdout).not.toContain('GET second')
  }, 300_000)

  it('exits 2 on bad input, saying what was wrong', async () => {
    const [missing, flag, shard, env] = await Promise.all([
      parley(['run', 'no/such/collection']),
      parley(['run', 'resources/sample-collection', '--no-such-flag']),
      parley(['run', 'resources/sample-collection', '--shard', '3/2']),
      parley(['run', 'resources/sample-collection', '-e', 'Staging'])
    ])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/no\/such\/collection does not exist/)
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/--no-such-flag/)
    expect(shard.code).toBe(2)
    expect(shard.stderr).toMatch(/--shard expects i\/n/)
    expect(env.code).toBe(2)
    expect(env.stderr).toMatch(/no environment named "Staging"/)
  }, 300_000)

  it('splits the requests with --shard: the shards together run each request once (with -e naming an environment)', async () => {
    const dir = await echoCollection(['a', 'b', 'c', 'd', 'e'])
    // The collection's base points nowhere; the environment named on the command line has the real one.
    await writeFile(join(dir, 'parley.yaml'), (await readFile(join(dir, 'parley.yaml'), 'utf8')).replace(playground.url, 'http://127.0.0.1:9'))
    await mkdir(join(dir, 'environments'))
    await writeFile(join(dir, 'environments/ci.yaml'), `name: CI\nvariables:\n  - name: base\n    value: ${playground.url}\n`)
    const out = await tempDir()
    const runs = await Promise.all(
      ['1/2', '2/2'].map((shard, i) => parley(['run', dir, '-e', 'ci', '--shard', shard, '-r', 'json', '--reporter-json-export', join(out, `${i}.json`)]))
    )
    expect(runs.map((r) => r.code)).toEqual([0, 0])
    const names = await Promise.all([0, 1].map(async (i) => (await readJson(join(out, `${i}.json`))).items.map((item) => item.name)))
    expect(names).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd']
    ])
  }, 300_000)

  it('stops at the first failure with --bail, and runs -n iterations over -d CSV rows (the last row again past the end)', async () => {
    const dir = await echoCollection(['one', 'two', 'three'], ['two'])
    const out = await tempDir()
    const bailed = await parley(['run', dir, '--bail', '-r', 'json', '--reporter-json-export', join(out, 'bail.json')])
    expect(bailed.code).toBe(1)
    const bail = await readJson(join(out, 'bail.json'))
    expect(bail.summary.state).toBe('bailed')
    expect(bail.items.map((i) => i.name)).toEqual(['one', 'two'])

    const ok = await echoCollection(['only'], [], true)
    const csv = join(out, 'people.csv')
    await writeFile(csv, 'who,note\nann,"a, quoted"\nbob,plain\n')
    const iterated = await parley(['run', ok, '-d', csv, '-n', '3', '-r', 'cli,json', '--reporter-json-export', join(out, 'data.json')])
    expect(iterated.code).toBe(0)
    const data = await readJson(join(out, 'data.json'))
    expect(data.summary.iterations).toEqual({ total: 3, done: 3 })
    expect(data.items.map((i) => i.tests.find((t) => t.source === 'post')?.name)).toEqual(['who is ann', 'who is bob', 'who is bob'])
    expect(iterated.stdout).toContain('Iteration 3 of 3')
  }, 300_000)

  it('runs a Postman v2.1 collection file with test scripts: imported, run, every test passes', async () => {
    const out = join(await tempDir(), 'run.json')
    const ran = await parley([
      'run',
      'test/fixtures/runner/playground-tests.postman_collection.json',
      '--env-var',
      `playground=${playground.url}`,
      '-r',
      'cli,json',
      '--reporter-json-export',
      out
    ])
    expect(ran.code).toBe(0)
    const result = await readJson(out)
    expect(result.items.map((i) => i.name)).toEqual(['Login', 'List notes', 'Get the first note', 'Echo the token'])
    expect(result.summary.tests).toEqual({ total: 7, passed: 7, failed: 0 })
    expect(ran.stdout).toContain('✓ the token set by Login arrives')
  }, 300_000)

  it('speaks Spanish with LANG=es_ES.UTF-8 (the cli reporter and the HTML report; numbers as Spanish writes them) and JSON stays as it is', async () => {
    const dir = await echoCollection(['primera', 'segunda'], ['primera'])
    const out = await tempDir()
    const ran = await parley(
      ['run', dir, '-n', '2', '-r', 'cli,html,json', '--reporter-html-export', join(out, 'informe.html'), '--reporter-json-export', join(out, 'run.json')],
      false,
      undefined,
      {
        LANG: 'es_ES.UTF-8'
      }
    )
    expect(ran.code).toBe(1)
    expect(ran.stdout).toContain('Iteración 2 de 2')
    expect(ran.stdout).toMatch(/│ comprobaciones\s+│\s+8 │\s+2 │/)
    expect(ran.stdout).toMatch(/│\s+│ ejecutadas │ fallidas │ omitidas │/)
    // A decimal comma: "1,3 s", never "1.3 s".
    expect(ran.stdout).toMatch(/duración total de la ejecución: \d+,\d s/)
    expect(ran.stdout).toMatch(/Fallos:\n1\. primera \(primera\.yaml\) \(iteración 1\): status == 500: /)
    expect(ran.stdout).toContain(`Informe html guardado en ${join(out, 'informe.html')}`)
    const html = await readFile(join(out, 'informe.html'), 'utf8')
    expect(html).toContain('<html lang="es">')
    expect(html).toContain('<title>Echoes: informe de ejecución</title>')
    expect(html).toContain('<th>Petición</th><th>Iteración</th><th>Estado</th><th>Tiempo</th><th>Resultado</th>')
    expect(html).toMatch(/<td colspan="3">\d+,\d\d s<\/td>/)
    expect(html).toContain('<td class="failed">fallida</td>')
    // The JSON report is data: its fields and values are the same in every language.
    const json = await readJson(join(out, 'run.json'))
    expect(json.summary.state).toBe('finished')
    expect(json.items[0]?.outcome).toBe('failed')
  }, 300_000)

  it('speaks Spanish with --lang es (help and bad input too), whatever LANG says; --lang en wins over a Spanish LANG', async () => {
    const [help, missing, badFlag, english, badLang] = await Promise.all([
      parley(['--help', '--lang', 'es']),
      parley(['run', 'no/such/collection', '--lang=es']),
      parley(['run', 'resources/sample-collection', '--no-such-flag', '--lang', 'es'], false, undefined, { LANG: 'en_US.UTF-8' }),
      parley(['run', 'no/such/collection', '--lang', 'en'], false, undefined, { LANG: 'es_ES.UTF-8' }),
      parley(['run', 'x', '--lang', 'fr'], false, undefined, { LC_MESSAGES: 'es_ES.UTF-8' })
    ])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Uso: parley run <carpeta de colección \| archivo de colección de Postman> \[opciones\]/)
    expect(help.stdout).toContain('--lang <en|es>')
    expect(help.stdout).toContain('Códigos de salida: 0 todas las comprobaciones pasaron')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/no\/such\/collection no existe\. Indica una carpeta de colección de Parley/)
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toMatch(/--no-such-flag.*Consulta parley run --help\./)
    expect(english.stderr).toMatch(/no\/such\/collection does not exist/)
    expect(badLang.code).toBe(2)
    expect(badLang.stderr).toBe('parley: --lang espera en o es, pero recibió "fr".\n')
  }, 300_000)
})
