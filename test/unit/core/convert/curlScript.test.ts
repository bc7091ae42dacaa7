import { describe, expect, it } from 'vitest'
import { parseCurl, parseCurlScript } from '../../../../src/core/convert/curl/parseCurl'
import { readImport } from '../../../../src/core/convert/import/runImport'
import { detectFormat } from '../../../../src/core/convert/import/detectFormat'
import { ParleyError } from '../../../../src/shared/errors'

/** cURL as people paste it: scripts, prompts, pipelines, several commands at once. */

function refusal(run: () => unknown): ParleyError {
  try {
    run()
  } catch (error) {
    if (error instanceof ParleyError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('curl: pasted scripts', () => {
  it('reads a command after a #! line and comments', () => {
    const { request } = parseCurl('#!/bin/sh\n# from the docs\n\ncurl -X POST https://api.test/items -d a=1\n')
    expect(request).toMatchObject({ method: 'POST', url: 'https://api.test/items' })
    expect(detectFormat('# comment\ncurl https://api.test/')).toBe('curl')
    expect(detectFormat('export TOKEN=abc\ncurl -H "Authorization: Bearer $TOKEN" https://api.test/')).toBe('curl')
    expect(detectFormat('sudo curl https://api.test/')).toBe('curl')
    // A YAML document whose description shows a curl example is still that document.
    expect(detectFormat('openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\n  description: |\n    curl https://api.test/\npaths: {}\n')).toBe('openapi')
  })

  it('drops a prompt on any line', () => {
    expect(parseCurl('$ curl https://api.test/a').request.url).toBe('https://api.test/a')
    expect(parseCurl('# list\n$ curl -H "X-A: 1" https://api.test/b').request.headers).toEqual([{ name: 'X-A', value: '1', enabled: true }])
  })

  it('reads curl at the end of a pipeline and with a here-document', () => {
    const piped = parseCurl("echo '{\"a\":1}' | curl -H 'Content-Type: application/json' -d @- https://api.test/p")
    expect(piped.request).toMatchObject({ method: 'POST', url: 'https://api.test/p' })
    const heredoc = parseCurl('curl -X PUT https://api.test/h -d @- <<EOF\n{"b":2}\nEOF\n')
    expect(heredoc.request).toMatchObject({ method: 'PUT', url: 'https://api.test/h' })
  })

  it('makes one request per curl command and names what it skipped', async () => {
    const text = 'curl https://a.test/1;\necho "hello";\ncurl -X DELETE https://a.test/2 && curl https://a.test/3\n'
    const all = parseCurlScript(text)
    expect(all.map((r) => `${r.request.method} ${r.request.url}`)).toEqual(['GET https://a.test/1', 'DELETE https://a.test/2', 'GET https://a.test/3'])
    expect(all[0]?.warnings).toContain('"echo "hello"" is not a curl command; it was skipped.')
    const { format, collection } = await readImport(text)
    expect(format).toBe('curl')
    expect(collection.items).toHaveLength(3)
    expect(collection.unsupported.some((u) => /echo/.test(u.what))).toBe(true)
    // The single-request paste keeps the first and says the rest are in Import.
    expect(parseCurl(text).warnings.some((w) => /holds 3 curl commands/.test(w))).toBe(true)
  })

  it('keeps the method as typed, as curl sends it', () => {
    expect(parseCurl('curl -X wHat https://a.test/').request.method).toBe('wHat')
    expect(parseCurl('curl -X PATCH https://a.test/').request.method).toBe('PATCH')
  })

  it('never drops -K or -T silently', () => {
    const config = parseCurl('curl -K opts.txt https://a.test/')
    expect(config.warnings.some((w) => w.includes('-K opts.txt') && /config file/.test(w))).toBe(true)
    const clustered = parseCurl('curl -sK opts.txt https://a.test/')
    expect(clustered.warnings.some((w) => w.includes('-K opts.txt'))).toBe(true)
    const only = refusal(() => parseCurl('curl --config opts.txt'))
    expect(only.code).toBe('invalid_curl')
    expect(only.message).toMatch(/config file opts\.txt/)
    const stdin = parseCurl('curl -T - https://a.test/up')
    expect(stdin.request.body).toMatchObject({ type: 'binary' })
    expect(stdin.warnings.some((w) => /-T - uploads standard input/.test(w))).toBe(true)
    const file = parseCurl('curl -T ./photo.jpg https://a.test/up/')
    expect(file.request).toMatchObject({ method: 'PUT', body: { type: 'binary', path: './photo.jpg' } })
  })

  it('takes the echoed text of a pipeline as the body curl reads, and a here-document too', () => {
    const piped = parseCurl("echo '{\"a\":1}' | curl -H 'Content-Type: application/json' -d @- https://api.test/p")
    expect(piped.request.body).toEqual({ type: 'json', text: '{"a":1}' })
    expect(piped.warnings).toEqual([])
    const heredoc = parseCurl('curl -d @- https://api.test/h <<EOF\nname=ada\nEOF\n')
    expect(heredoc.request.body).toMatchObject({ type: 'form', fields: [{ name: 'name', value: 'ada' }] })
    expect(heredoc.warnings).toEqual([])
  })

  it('reads sudo and time in front of curl, and names output redirects instead of taking them for input', () => {
    expect(parseCurl('sudo curl -X PUT https://a.test/s').request).toMatchObject({ method: 'PUT', url: 'https://a.test/s' })
    expect(parseCurl('time curl https://a.test/t').request.url).toBe('https://a.test/t')
    const redirected = parseCurl('curl https://a.test/o > out.json 2>&1')
    expect(redirected.request.body).toEqual({ type: 'none' })
    expect(redirected.warnings).toEqual([
      '"> out.json" only says where curl writes its output; Parley shows the response instead.',
      '"2>&1" only says where curl writes its output; Parley shows the response instead.'
    ])
  })

  it('reads a command of 900 KB (a big body copied from DevTools)', () => {
    const body = JSON.stringify({ data: 'x'.repeat(900_000) })
    const { request } = parseCurl(`curl https://a.test/big -H 'Content-Type: application/json' --data-raw '${body}'`)
    expect(request.body).toEqual({ type: 'json', text: body })
  })

  it('still refuses text with no curl command in it', () => {
    expect(refusal(() => parseCurl('# just a comment\necho hi')).code).toBe('not_curl')
  })
})
