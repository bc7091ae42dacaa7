import { describe, expect, it } from 'vitest'
import { exportCurl } from '../../../../src/core/convert/curl/exportCurl'
import { parseCurl } from '../../../../src/core/convert/curl/parseCurl'
import { HttpRequestSchema, type HttpRequestInput } from '../../../../src/shared/http'

/** cURL → request → export.curl → parse again gives the same request. */

const cases: Array<[string, HttpRequestInput]> = [
  ['a plain GET', { method: 'GET', url: 'https://x.test/a?b=1&c=two%20words' }],
  ['HEAD', { method: 'HEAD', url: 'https://x.test/' }],
  [
    'JSON with quotes, repeated headers and bearer auth',
    {
      method: 'POST',
      url: 'https://x.test/notes',
      headers: [
        { name: 'X-Tag', value: 'a' },
        { name: 'Accept', value: 'application/json' },
        { name: 'X-Tag', value: "it's b" },
        { name: 'X-Empty', value: '' }
      ],
      body: { type: 'json', text: '{"title":"It\'s \\"quoted\\"","n":1}' },
      auth: { type: 'bearer', token: 'tok.en', prefix: 'Bearer' }
    }
  ],
  ['PATCH with XML', { method: 'PATCH', url: 'https://x.test/x', body: { type: 'xml', text: '<a b="1">&amp;</a>' } }],
  ['text with its type', { method: 'PUT', url: 'https://x.test/t', body: { type: 'text', text: 'line 1\nline 2', contentType: 'text/csv' } }],
  [
    'form fields with spaces, & and unicode',
    {
      method: 'POST',
      url: 'https://x.test/f',
      body: {
        type: 'form',
        fields: [
          { name: 'q', value: 'a & b = c' },
          { name: 'name', value: 'Zoë' },
          { name: 'odd name&', value: '1' }
        ]
      }
    }
  ],
  [
    'multipart with files and text',
    {
      method: 'POST',
      url: 'https://x.test/up',
      body: {
        type: 'multipart',
        parts: [
          { kind: 'file', name: 'file', path: '/tmp/my file;1.png', contentType: 'image/png', filename: 'pic.png' },
          { kind: 'text', name: 'note', value: 'hello' },
          { kind: 'text', name: 'typed', value: '{"a":1}', contentType: 'application/json' },
          { kind: 'text', name: 'at', value: '@not-a-file' }
        ]
      }
    }
  ],
  ['binary file', { method: 'PUT', url: 'https://x.test/b', body: { type: 'binary', path: '/data/dump.bin', contentType: 'application/x-thing' } }],
  [
    'GraphQL',
    { method: 'POST', url: 'https://x.test/gql', body: { type: 'graphql', query: 'query { me { id } }', variables: '{\n  "a": 1\n}', operationName: 'Me' } }
  ],
  ['basic auth', { method: 'GET', url: 'https://x.test/', auth: { type: 'basic', username: 'ada', password: 'p:w d' } }],
  ['digest auth', { method: 'GET', url: 'https://x.test/', auth: { type: 'digest', username: 'ada', password: 'pw' } }],
  [
    'AWS SigV4',
    { method: 'GET', url: 'https://s3.test/k', auth: { type: 'awsv4', accessKeyId: 'AK', secretAccessKey: 'SK', region: 'eu-west-1', service: 's3' } }
  ],
  [
    'settings',
    {
      method: 'DELETE',
      url: 'https://x.test/d',
      settings: { verifyTls: false, followRedirects: false, timeoutMs: 1500, connectTimeoutMs: 5000, httpVersion: '2', proxy: { url: 'http://p.test:3128' } }
    }
  ],
  ['redirects with a limit', { method: 'GET', url: 'https://x.test/', settings: { followRedirects: true, maxRedirects: 3, proxy: 'none' } }],
  ['a custom method', { method: 'PURGE', url: 'https://cdn.test/x' }]
]

describe('curl round trip', () => {
  for (const [name, input] of cases) {
    it(name, () => {
      const request = HttpRequestSchema.parse(input)
      const { command } = exportCurl(request)
      const again = parseCurl(command)
      expect(again.request).toEqual(request)
      expect(again.warnings).toEqual([])
    })
  }

  it('writes one option per line, shell-quoted', () => {
    const { command } = exportCurl(
      HttpRequestSchema.parse({ method: 'POST', url: 'https://x.test/a?b=1&c=2', headers: [{ name: 'X', value: "it's" }], body: { type: 'json', text: '{}' } })
    )
    expect(command).toBe(
      ["curl 'https://x.test/a?b=1&c=2' \\", "  -H 'X: it'\\''s' \\", "  -H 'Content-Type: application/json' \\", "  --data-raw '{}' \\", '  -L'].join('\n')
    )
  })

  it('warns where curl cannot express the auth', () => {
    const oauth = exportCurl(
      HttpRequestSchema.parse({
        method: 'GET',
        url: 'https://x.test',
        auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://x.test/token', clientId: 'c' }
      })
    )
    expect(oauth.warnings.join(' ')).toMatch(/cannot fetch an OAuth 2.0 token/)
    const inherit = exportCurl(HttpRequestSchema.parse({ method: 'GET', url: 'https://x.test', auth: { type: 'inherit' } }))
    expect(inherit.warnings.join(' ')).toMatch(/folder's auth/)
  })

  it('puts an API key in the query when asked', () => {
    const { command } = exportCurl(
      HttpRequestSchema.parse({ method: 'GET', url: 'https://x.test/a?b=1#top', auth: { type: 'apikey', key: 'api key', value: 'v&1', in: 'query' } })
    )
    expect(command.split('\n')[0]).toBe("curl 'https://x.test/a?b=1&api%20key=v%261#top' \\")
  })
})

describe('curl round trip from pasted commands', () => {
  const pasted = [
    String.raw`curl 'https://api.example.com/v2/notes?limit=20' -H 'accept: application/json' -H 'authorization: Bearer abc' -H 'content-type: application/json' --data-raw $'{"title":"It\'s done"}'`,
    ['curl ^"https://x.test/a?b=1^&c=2^" ^', '  -H ^"x-a: 1^" ^', '  --data-raw ^"^{^\\^"a^\\^":1^}^" ^', '  --compressed'].join('\r\n'),
    `curl -F 'doc=@/tmp/report.pdf;type=application/pdf' -F 'note=hi' -u ada:pw https://x.test/up`,
    `curl -G -d q=a+b -d n=1 -k -L --max-time 3 https://x.test/search`,
    `curl -X PUT --data-binary @./blob.bin -H 'Content-Type: application/x-thing' https://x.test/blob`
  ]
  for (const [i, command] of pasted.entries()) {
    it(`command ${i + 1} parses, exports and parses to the same request`, () => {
      const first = parseCurl(command).request
      expect(parseCurl(exportCurl(first).command).request).toEqual(first)
    })
  }
})
