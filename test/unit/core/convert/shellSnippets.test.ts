import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { generateSnippet } from '../../../../src/core/convert/snippet/snippetTargets'
import { HttpRequestSchema, type HttpRequestInput } from '../../../../src/shared/http'

/**
 * The shell snippets (cURL, HTTPie, Wget) are run by bash with the program replaced by a function
 * that records the words it was given: a name or value that reaches the shell unquoted shows up as
 * a file made by `touch`, or as words that differ from the request's. cURL also runs for real.
 */

const curlPath = ['/usr/bin/curl', '/usr/local/bin/curl', '/bin/curl'].find((p) => existsSync(p))
let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-shell-snippet-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function bash(script: string, cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stderr }))
  })
}

/** Runs a snippet with its program replaced; returns the words it got and what came on its stdin. */
async function recordedRun(code: string, program: string): Promise<{ argv: string[]; stdin: string; files: string[] }> {
  const recorder = `${program}() { for a in "$@"; do printf '%s\\0' "$a"; done > recorded.argv; cat > recorded.stdin; }\n`
  const { code: exit, stderr } = await bash(`${recorder}${code}\n`, dir)
  expect(stderr, code).toBe('')
  expect(exit, code).toBe(0)
  const argv = (await readFile(join(dir, 'recorded.argv'), 'utf8')).split('\0').slice(0, -1)
  const stdin = await readFile(join(dir, 'recorded.stdin'), 'utf8')
  const files = (await readdir(dir)).filter((f) => !f.startsWith('recorded.'))
  return { argv, stdin, files }
}

const hostileName = 'X-$(touch pwned-name)`touch pwned-tick`'
const hostileValue = `v $(touch pwned-value) \`touch pwned-tick2\` 'single' "double" \\ $HOME\nsecond line`
const hostileMethod = 'P`id`$HOME|X'
const hostileUrl = "http://127.0.0.1:9/a'$(touch pwned-url)'?q=$(touch pwned-query)&r=`id`"

function hostileRequest(body: HttpRequestInput['body']) {
  return HttpRequestSchema.parse({
    method: hostileMethod,
    url: hostileUrl,
    headers: [{ name: hostileName, value: hostileValue }],
    body
  })
}

describe('shell snippets quote every name and value', () => {
  for (const target of ['curl', 'httpie', 'wget'] as const) {
    it(`${target}: a hostile method, URL, header name and value, and body run nothing and arrive as they are`, async () => {
      const bodyText = `{"a":"$(touch pwned-body)", "b":'x'}`
      const { code } = await generateSnippet(hostileRequest({ type: 'text', text: bodyText, contentType: 'text/plain' }), target)
      const program = target === 'httpie' ? 'http' : target
      const { argv, stdin, files } = await recordedRun(code, program)
      expect(files, code).toEqual([])
      expect(argv, code).toContain(hostileMethod)
      expect(argv.join('\n'), code).toContain(hostileValue)
      expect(argv.join('\n'), code).toContain(hostileName)
      if (target === 'httpie') expect(stdin).toBe(bodyText)
      else expect(argv.join('\n'), code).toContain(bodyText)
    })
  }

  it('httpie: hostile form field names and values, and HTTPie separators in a header name, arrive as they are', async () => {
    const request = HttpRequestSchema.parse({
      method: 'POST',
      url: 'http://127.0.0.1:9/form',
      headers: [
        { name: 'X-a:b=c@d', value: 'v' },
        { name: 'X-Empty', value: '' }
      ],
      body: { type: 'form', fields: [{ name: '$(touch pwned-field)', value: "'; touch pwned-field-value; '" }] }
    })
    const { code } = await generateSnippet(request, 'httpie')
    const { argv, files } = await recordedRun(code, 'http')
    expect(files, code).toEqual([])
    expect(argv).toEqual([
      '--form',
      'POST',
      'http://127.0.0.1:9/form',
      'X-a\\:b\\=c\\@d:v',
      'X-Empty;',
      'Content-Type:application/x-www-form-urlencoded',
      "$(touch pwned-field)='; touch pwned-field-value; '"
    ])
  })
})

describe('the cURL snippet, run for real', () => {
  let server: Server
  let base = ''
  const received: IncomingHttpHeaders[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(req.headers)
      req.resume()
      req.on('end', () => res.end('ok'))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it.skipIf(curlPath === undefined)('sends a header whose name and value are full of shell syntax exactly, and runs nothing', async () => {
    // Every character of this name is allowed in an HTTP header name, and each means something to bash.
    const name = "X-$HOME`id`|&'!"
    const value = `$(touch pwned) \`touch pwned2\` 'q' "d" \\`
    const request = HttpRequestSchema.parse({ method: 'GET', url: `${base}/h`, headers: [{ name, value }] })
    const { code } = await generateSnippet(request, 'curl')
    const before = received.length
    const result = await bash(code.replace(/^curl /, `${curlPath} -s -o /dev/null `), dir)
    expect(result.code, result.stderr).toBe(0)
    expect(await readdir(dir)).toEqual([])
    expect(received.length).toBe(before + 1)
    expect(received.at(-1)?.[name.toLowerCase()]).toBe(value)
  })
})

/**
 * PowerShell is not installed here, so its script is read the way PowerShell reads it: single-quoted
 * strings (any of ' ‘ ’ ‚ ‛ opens and closes one, a doubled one stands for itself) expand nothing;
 * everything outside them must be Parley's fixed text, and each string must hold the request's value.
 */
function powershellLiterals(code: string): { skeleton: string; literals: string[] } {
  const quote = /['\u2018\u2019\u201a\u201b]/
  const literals: string[] = []
  let skeleton = ''
  for (let i = 0; i < code.length; i++) {
    if (!quote.test(code[i]!)) {
      skeleton += code[i]
      continue
    }
    let literal = ''
    for (i++; i < code.length; i++) {
      if (quote.test(code[i]!)) {
        if (quote.test(code[i + 1] ?? '')) literal += code[++i]
        else break
      } else literal += code[i]
    }
    literals.push(literal)
    skeleton += "'…'"
  }
  return { skeleton, literals }
}

describe('the PowerShell snippet', () => {
  it('puts every name and value in single-quoted literals, where nothing runs', async () => {
    const name = 'X-$(New-Item pwned)'
    const value = 'v\'\u2018`$(New-Item pwned2)"$env:HOME"\u2019'
    const body = `{"a":"'; New-Item pwned3; '", "b": "\u201b"}`
    const request = HttpRequestSchema.parse({
      method: 'POST',
      url: "http://127.0.0.1:9/a'b$(x)",
      headers: [{ name, value }],
      body: { type: 'json', text: body }
    })
    const { code } = await generateSnippet(request, 'powershell')
    const { skeleton, literals } = powershellLiterals(code)
    expect(skeleton).toBe(
      ['$headers = @{}', "$headers.Add('…', '…')", "$response = Invoke-WebRequest -Uri '…' -Method Post -Headers $headers -ContentType '…' -Body '…'"].join(
        '\n'
      )
    )
    expect(literals).toEqual([name, value, "http://127.0.0.1:9/a'b$(x)", 'application/json', body])
  })

  it('sends a custom method with -CustomMethod and multipart parts with -Form', async () => {
    const request = HttpRequestSchema.parse({
      method: "PURGE'x",
      url: 'http://127.0.0.1:9/up',
      body: {
        type: 'multipart',
        parts: [
          { kind: 'text', name: "n'1", value: '$(v)' },
          { kind: 'file', name: 'doc', path: "/tmp/it's.txt" }
        ]
      }
    })
    const { code } = await generateSnippet(request, 'powershell')
    const { skeleton, literals } = powershellLiterals(code)
    expect(skeleton).toBe(
      ['$form = @{', "  '…' = '…'", "  '…' = Get-Item -LiteralPath '…'", '}', "$response = Invoke-WebRequest -Uri '…' -CustomMethod '…' -Form $form"].join('\n')
    )
    expect(literals).toEqual(["n'1", '$(v)', 'doc', "/tmp/it's.txt", 'http://127.0.0.1:9/up', "PURGE'x"])
  })
})
