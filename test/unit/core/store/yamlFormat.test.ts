import { describe, expect, it } from 'vitest'
import { SavedRequestSchema, type SavedRequestInput } from '../../../../src/shared/collection'
import { fromYaml, toYaml } from '../../../../src/core/store/yamlFormat'

const everyKind: SavedRequestInput[] = [
  {
    kind: 'http',
    name: 'Create a note',
    description: 'Sends JSON.\nTwo lines of description.',
    method: 'POST',
    url: '{{playground}}/api/notes?draft=true',
    headers: [
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Off', value: '1', enabled: false, description: 'kept but not sent' }
    ],
    body: { type: 'json', text: '{\n  "title": "Hi",\n  "body": "there"\n}' },
    auth: { type: 'bearer', token: '{{token}}', prefix: 'Token' },
    settings: {
      followRedirects: false,
      maxRedirects: 3,
      timeoutMs: 1000,
      connectTimeoutMs: 10,
      verifyTls: false,
      caFiles: ['/ca.pem'],
      clientCert: { type: 'pem', certPath: '/c', keyPath: '/k' },
      proxy: { url: 'http://proxy:3128' },
      httpVersion: '2'
    }
  },
  {
    kind: 'http',
    name: 'Form',
    method: 'POST',
    url: 'http://x/echo',
    body: {
      type: 'multipart',
      parts: [
        { kind: 'text', name: 'a', value: '1' },
        { kind: 'file', name: 'f', path: '/tmp/f.bin', enabled: false }
      ]
    },
    auth: { type: 'oauth2', grant: 'password', tokenUrl: 'http://x/token', clientId: 'id', username: 'u', password: 'p' }
  },
  { kind: 'http', name: 'GraphQL', method: 'POST', url: 'http://x/graphql', body: { type: 'graphql', query: 'query { a }', variables: '{"x":1}' } },
  {
    kind: 'socketio',
    name: 'Chat',
    description: 'A room everybody hears.',
    url: '{{playground}}',
    path: '/io',
    namespace: '/chat',
    query: [{ name: 'room', value: 'lobby' }],
    headers: [{ name: 'X-Client', value: 'parley' }],
    auth: '{"token":"{{token}}"}',
    transports: 'polling-then-upgrade',
    clientVersion: 'v2',
    reconnection: { enabled: false, attempts: 2, delayMs: 50 },
    connectTimeoutMs: 3000,
    verifyTls: false,
    listeners: [{ event: 'chat:message' }, { event: 'typing', enabled: false }],
    emits: [
      { name: 'Say hello', event: 'chat:send', args: [{ type: 'text', value: 'hello' }], ack: true, ackTimeoutMs: 2000 },
      {
        event: 'echo',
        args: [
          { type: 'json', value: '{"a":1}' },
          { type: 'number', value: '42' },
          { type: 'boolean', value: 'true' },
          { type: 'null', value: '' },
          { type: 'binary-base64', value: 'AAE=' },
          { type: 'binary-file', value: '/tmp/x' }
        ]
      }
    ]
  },
  {
    kind: 'websocket',
    name: 'Echo',
    url: '{{playgroundWs}}/ws/echo',
    headers: [{ name: 'Origin', value: 'http://x' }],
    protocols: ['parley.v1', 'chat'],
    savedMessages: [
      { name: 'ping', type: 'json', value: '{"type":"ping"}' },
      { type: 'binary-base64', value: 'AQID' }
    ]
  },
  { kind: 'sse', name: 'Clock', url: '{{playground}}/sse/clock', method: 'POST', headers: [{ name: 'A', value: 'b' }], body: 'x=1', withLastEventId: false }
]

describe('request files in YAML', () => {
  it.each(everyKind.map((input) => [input.kind, input.name, input] as const))('round-trips a %s request (%s) byte for byte', (_kind, _name, input) => {
    const request = SavedRequestSchema.parse(input)
    const text = toYaml(SavedRequestSchema, request)
    const loaded = fromYaml(SavedRequestSchema, text, 'r.yaml')
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(loaded.value).toEqual(request)
    expect(toYaml(SavedRequestSchema, loaded.value)).toBe(text)
  })

  it('leaves out values equal to their defaults, with kind, name and description first', () => {
    const text = toYaml(
      SavedRequestSchema,
      SavedRequestSchema.parse({ kind: 'http', name: 'Get', method: 'GET', url: 'http://x', headers: [{ name: 'A', value: 'b', enabled: true }] })
    )
    expect(text).toBe('kind: http\nname: Get\nmethod: GET\nurl: http://x\nheaders:\n  - name: A\n    value: b\n')
    const ws = toYaml(SavedRequestSchema, SavedRequestSchema.parse({ url: 'ws://x', name: 'W', kind: 'websocket', description: 'd' }))
    expect(ws).toBe('kind: websocket\nname: W\ndescription: d\nurl: ws://x\n')
  })

  it('names the line of a schema error and of a syntax error', () => {
    const wrongType = fromYaml(SavedRequestSchema, 'kind: http\nname: x\nmethod: GET\nurl: x\nheaders:\n  - name: a\n    value: 3\n', 'a.yaml')
    expect(wrongType).toMatchObject({ ok: false, problem: { path: 'a.yaml', line: 7 } })
    const syntax = fromYaml(SavedRequestSchema, 'kind: http\nname: [unclosed\nurl: x\n', 'b.yaml')
    expect(syntax.ok).toBe(false)
    if (!syntax.ok) expect(syntax.problem.message).toMatch(/YAML syntax/)
    const unknownKind = fromYaml(SavedRequestSchema, 'name: x\nkind: grpc\n', 'c.yaml')
    expect(unknownKind).toMatchObject({ ok: false, problem: { line: 2 } })
  })
})
