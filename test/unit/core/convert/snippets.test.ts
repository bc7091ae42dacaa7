import { execFile, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCurl } from '../../../../src/core/convert/curl/exportCurl'
import { generateSnippet, snippetTargets } from '../../../../src/core/convert/snippet/snippetTargets'
import { HttpRequestSchema, type HttpRequestInput } from '../../../../src/shared/http'
import { SnippetTargetIdSchema, type SnippetTargetId } from '../../../../src/shared/convert'

/** Generated code is run against a loopback server that records what it received. */

const run = promisify(execFile)
const curlPath = ['/usr/bin/curl', '/usr/local/bin/curl', '/bin/curl'].find((p) => existsSync(p))

const onPath = (name: string): string | undefined =>
  (process.env['PATH'] ?? '')
    .split(':')
    .map((dir) => join(dir, name))
    .find((candidate) => existsSync(candidate))
const hasPackage = (name: string): boolean => existsSync(join(process.cwd(), 'node_modules', name, 'package.json'))
const python = onPath('python3')
const pythonRequests = python !== undefined && spawnSync(python, ['-c', 'import requests']).status === 0
const java = onPath('java')

/** Runs a program given as text; node resolves packages from the project (`-e` resolves from the cwd). */
async function node(code: string, type: 'module' | 'commonjs'): Promise<void> {
  await run(process.execPath, [`--input-type=${type}`, '-e', code], { cwd: process.cwd() })
}

/** Each snippet target whose runtime exists here, or why it is skipped. */
const runners: Array<{ id: SnippetTargetId; run(code: string): Promise<void>; missing?: string }> = [
  {
    id: 'curl',
    run: (code) => run('bash', ['-c', code.replace(/^curl /, `${curlPath} -s `)]).then(() => undefined),
    ...(curlPath ? {} : { missing: 'curl is not installed' })
  },
  { id: 'wget', run: (code) => run('bash', ['-c', code]).then(() => undefined), ...(onPath('wget') ? {} : { missing: 'wget is not installed' }) },
  { id: 'fetch', run: (code) => node(code, 'module') },
  { id: 'axios', run: (code) => node(code, 'module'), ...(hasPackage('axios') ? {} : { missing: 'the axios package is not installed' }) },
  { id: 'node-axios', run: (code) => node(code, 'commonjs'), ...(hasPackage('axios') ? {} : { missing: 'the axios package is not installed' }) },
  {
    id: 'node-fetch',
    run: (code) => node(code, 'commonjs'),
    ...(hasPackage('node-fetch') ? {} : { missing: 'the node-fetch package is not installed (Node has fetch built in; the fetch target covers it)' })
  },
  { id: 'node-http', run: (code) => node(code, 'commonjs') },
  {
    id: 'python-requests',
    run: (code) => run(python!, ['-c', code]).then(() => undefined),
    ...(pythonRequests ? {} : { missing: python ? 'the Python requests package is not installed' : 'python3 is not installed' })
  },
  {
    id: 'java',
    // The snippet is a statement list: put it in a class, as a reader would, and run the source file.
    async run(code) {
      const file = join(dir, 'Main.java')
      await writeFile(
        file,
        `import java.net.URI;\nimport java.net.http.*;\npublic class Main {\n  public static void main(String[] args) throws Exception {\n${code}\n  }\n}\n`
      )
      await run(java!, [file])
    },
    ...(java ? {} : { missing: 'java is not installed' })
  },
  {
    id: 'http',
    // A raw HTTP message: written to a TCP connection as is, as a reader would paste it into nc.
    async run(code) {
      const { port } = new URL(base)
      const socket = connect({ host: '127.0.0.1', port: Number(port) })
      await once(socket, 'connect')
      socket.end(code.replace(/\r?\n/g, '\r\n').replace(/\r\n\r\n([\s\S]*)$/, (_m, body: string) => `\r\n\r\n${body.replace(/\r\n/g, '\n')}`))
      for await (const chunk of socket) if (String(chunk).includes('"ok":true')) break
      socket.destroy()
    }
  }
]

interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

let server: Server
let base = ''
let dir = ''
const received: Received[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-snippet-'))
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.setHeader('content-type', 'application/json')
      res.end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

function request(input: Omit<HttpRequestInput, 'url'> & { path: string }) {
  const { path, ...rest } = input
  return HttpRequestSchema.parse({ ...rest, url: `${base}${path}` })
}

async function last(): Promise<Received> {
  const got = received.at(-1)
  if (!got) throw new Error('the server received nothing')
  return got
}

describe('export.curl runs with the real curl', () => {
  it.skipIf(curlPath === undefined)('sends method, query, headers in order, basic auth and a JSON body', async () => {
    const req = request({
      method: 'PATCH',
      path: '/notes/1?x=a%20b',
      headers: [
        { name: 'X-One', value: "it's" },
        { name: 'X-Two', value: '{{kept}}' }
      ],
      body: { type: 'json', text: '{"title":"A & B \\"q\\""}' },
      auth: { type: 'basic', username: 'ada', password: 'pa:ss' }
    })
    await run('bash', ['-c', exportCurl(req).command.replace(/^curl /, `${curlPath} -s `)])
    const got = await last()
    expect(got.method).toBe('PATCH')
    expect(got.url).toBe('/notes/1?x=a%20b')
    expect(got.headers['x-one']).toBe("it's")
    expect(got.headers['x-two']).toBe('{{kept}}')
    expect(got.headers['authorization']).toBe(`Basic ${Buffer.from('ada:pa:ss').toString('base64')}`)
    expect(got.headers['content-type']).toBe('application/json')
    expect(JSON.parse(got.body)).toEqual({ title: 'A & B "q"' })
  })

  it.skipIf(curlPath === undefined)('sends multipart with a file, and form fields', async () => {
    const file = join(dir, 'hello world.txt')
    await writeFile(file, 'file body\n')
    await run('bash', [
      '-c',
      exportCurl(
        request({
          method: 'POST',
          path: '/up',
          body: {
            type: 'multipart',
            parts: [
              { kind: 'text', name: 'note', value: '@not a file; really' },
              { kind: 'file', name: 'doc', path: file, contentType: 'text/plain' }
            ]
          }
        })
      ).command
    ])
    const multipart = await last()
    expect(multipart.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(multipart.body).toContain('name="note"\r\n\r\n@not a file; really\r\n')
    expect(multipart.body).toContain('name="doc"; filename="hello world.txt"\r\nContent-Type: text/plain\r\n\r\nfile body\n')

    await run('bash', [
      '-c',
      exportCurl(
        request({
          method: 'POST',
          path: '/f',
          body: {
            type: 'form',
            fields: [
              { name: 'q', value: 'a & b=c' },
              { name: 'odd&name', value: 'é' }
            ]
          }
        })
      ).command
    ])
    const form = await last()
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual({ q: 'a & b=c', 'odd&name': 'é' })
  })
})

describe('export.snippet', () => {
  it('lists every target with a label', () => {
    const targets = snippetTargets()
    expect(targets.map((t) => t.id)).toEqual(SnippetTargetIdSchema.options)
    expect(targets.every((t) => t.label !== '' && t.language !== '')).toBe(true)
  })

  it('the JavaScript fetch snippet runs in Node and sends what Parley would', async () => {
    const req = request({
      method: 'POST',
      path: '/items?tag=new',
      headers: [{ name: 'X-Trace', value: 'abc' }],
      body: { type: 'json', text: '{"name":"Widget","price":9.5}' },
      auth: { type: 'bearer', token: 'tok123', prefix: 'Bearer' }
    })
    const { code } = await generateSnippet(req, 'fetch')
    const file = join(dir, 'fetch-snippet.mjs')
    await writeFile(file, code)
    const { stdout } = await run(process.execPath, [file])
    expect(stdout).toContain('ok')
    const got = await last()
    expect(got.method).toBe('POST')
    expect(got.url).toBe('/items?tag=new')
    expect(got.headers['x-trace']).toBe('abc')
    expect(got.headers['authorization']).toBe('Bearer tok123')
    expect(got.headers['content-type']).toBe('application/json')
    expect(JSON.parse(got.body)).toEqual({ name: 'Widget', price: 9.5 })
  })

  describe.each(runners)('the $id snippet', ({ id, run: runIt, missing }) => {
    it.skipIf(missing !== undefined)(
      `runs here and the server receives method, path, query, headers and body${missing ? ` (skipped: ${missing})` : ''}`,
      async () => {
        const req = request({
          method: 'POST',
          path: '/items?tag=new&q=a%20b',
          headers: [{ name: 'X-Trace', value: "it's {{kept}}" }],
          body: { type: 'json', text: '{"name":"Widget & co","price":9.5,"tags":["a","b"]}' },
          auth: { type: 'bearer', token: 'tok123', prefix: 'Bearer' }
        })
        const before = received.length
        const { code } = await generateSnippet(req, id)
        await runIt(code)
        expect(received.length, 'the server received exactly one request').toBe(before + 1)
        const got = await last()
        expect(got.method).toBe('POST')
        // The path exactly; the query as a server decodes it (axios's params write a space as +, which means the same).
        const url = new URL(got.url, base)
        expect(url.pathname).toBe('/items')
        expect([...url.searchParams]).toEqual([
          ['tag', 'new'],
          ['q', 'a b']
        ])
        expect(got.headers['x-trace']).toBe("it's {{kept}}")
        expect(got.headers['authorization']).toBe('Bearer tok123')
        expect(got.headers['content-type']).toMatch(/^application\/json\b/)
        expect(JSON.parse(got.body)).toEqual({ name: 'Widget & co', price: 9.5, tags: ['a', 'b'] })
      }
    )
  })

  it('writes every target for a request with a body and auth, with warnings for what code cannot carry', async () => {
    const req = request({
      method: 'PUT',
      path: '/x',
      body: { type: 'form', fields: [{ name: 'a', value: '1' }] },
      auth: { type: 'digest', username: 'u', password: 'p' },
      settings: { verifyTls: false }
    })
    for (const { id } of snippetTargets()) {
      const { code, warnings } = await generateSnippet(req, id)
      expect(code.length, id).toBeGreaterThan(20)
      if (id !== 'curl') {
        expect(warnings.join(' '), id).toMatch(/Digest auth/)
        expect(warnings.join(' '), id).toMatch(/TLS certificate checks/)
      }
    }
  })

  it('names the file of a binary body in its warning', async () => {
    const { warnings } = await generateSnippet(request({ method: 'POST', path: '/b', body: { type: 'binary', path: '/data/blob.bin' } }), 'python-requests')
    expect(warnings.join(' ')).toContain('/data/blob.bin')
  })
})

describe('export.snippet: file parts', () => {
  it('warns that generated code may only name the file of a multipart part', async () => {
    const { warnings } = await generateSnippet(
      HttpRequestSchema.parse({
        method: 'POST',
        url: 'https://x.test/up',
        body: { type: 'multipart', parts: [{ kind: 'file', name: 'doc', path: '/tmp/a.pdf' }] }
      }),
      'java'
    )
    expect(warnings.join(' ')).toContain('doc: /tmp/a.pdf')
  })
})
