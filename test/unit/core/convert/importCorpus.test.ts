import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

/**
 * The shared import corpus: real files written by others (curlconverter's fixtures with what real curl
 * sent, vendors' Postman collections, Insomnia exports, OpenAPI specs, HAR logs), run through the
 * importers by the corpus's own runner. It lives beside the checkout (`../shared/import-corpus`), not
 * in it, because its files carry their authors' licences; a clone without it skips this test.
 */
const corpus = resolve(process.cwd(), '../shared/import-corpus')
const runner = resolve(corpus, 'run.mjs')
const present = existsSync(runner)

interface CorpusLine {
  status: string
  format: string
  requests: number
  file: string
  rest: string
}

function parseLines(stdout: string): CorpusLine[] {
  const out: CorpusLine[] = []
  for (const line of stdout.split('\n')) {
    const m = /^(OK|FAIL|ERROR)\s+(\S+)\s+requests=(\d+)\s+unsupported=\d+\s+(\S+)\s*(.*)$/.exec(line)
    if (m) out.push({ status: m[1] ?? '', format: m[2] ?? '', requests: Number(m[3]), file: m[4] ?? '', rest: m[5] ?? '' })
  }
  return out
}

describe.skipIf(!present)(`import corpus (${present ? corpus : 'skipped: ../shared/import-corpus is not beside this checkout'})`, () => {
  it('imports every file without an error, matches curl on the wire and loses no request', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', runner], {
      cwd: process.cwd(),
      env: { ...process.env, PARLEY_ROOT: process.cwd() },
      maxBuffer: 64 * 1024 * 1024
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}\n${error.stderr ?? ''}` }))
    const summary = /import corpus: (\d+) files, (\d+) imported, (\d+) errors, (\d+) mismatches/.exec(stdout)
    expect(summary, stdout.slice(-2000)).not.toBeNull()
    const lines = parseLines(stdout)
    expect(lines.length).toBe(Number(summary?.[1]))

    expect(lines.filter((l) => l.status === 'ERROR').map((l) => `${l.file} ${l.rest}`)).toEqual([])
    // Files other than cURL commands must import, or be refused only when the corpus marks them invalid.
    expect(lines.filter((l) => l.status === 'FAIL' && !l.file.startsWith('curl/')).map((l) => `${l.file} ${l.rest}`)).toEqual([])
    // At most 1 mismatch in 100 cURL commands compared with what curl sends.
    const compared = /cURL fixtures with an expected request: (\d+), mismatched: (\d+)/.exec(stdout)
    const mismatched = Number(compared?.[2])
    const curlFails = lines.filter((l) => l.status !== 'OK' && l.file.startsWith('curl/')).map((l) => `${l.file} ${l.rest}`)
    expect(mismatched * 100, curlFails.join('\n')).toBeLessThanOrEqual(Number(compared?.[1]))
    // No file loses requests: what the runner counts in the file independently must all be imported.
    const lost = lines.flatMap((l) => {
      const holds = /COUNT holds=(\d+)/.exec(l.rest)
      return holds && Number(holds[1]) > l.requests ? [`${l.file}: holds ${holds[1]}, imported ${l.requests}`] : []
    })
    expect(lost).toEqual([])
  }, 120_000)
})
