import { describe, expect, it } from 'vitest'
import { resolveRequest } from '../../../../src/core/vars/resolveRequest'
import { previewText, referencedNames, resolveString } from '../../../../src/core/vars/resolveText'
import { VariableScope, type VariableLayer } from '../../../../src/core/vars/variableScope'
import { SavedRequestSchema } from '../../../../src/shared/collection'

const v = (name: string, value: string, extra: { enabled?: boolean; secret?: boolean } = {}) => ({
  name,
  value,
  enabled: extra.enabled ?? true,
  secret: extra.secret ?? false
})
const scope = (...layers: VariableLayer[]) => new VariableScope(layers)

describe('variable precedence', () => {
  it('global < collection < environment < folder (outer < inner): the most specific wins', () => {
    const s = scope(
      { source: 'global', variables: [v('a', 'global'), v('b', 'global'), v('c', 'global'), v('d', 'global'), v('e', 'global')] },
      { source: 'collection', variables: [v('b', 'collection'), v('c', 'collection'), v('d', 'collection'), v('e', 'collection')] },
      { source: 'environment', variables: [v('c', 'environment'), v('d', 'environment'), v('e', 'environment')] },
      { source: 'folder', variables: [v('d', 'outer folder'), v('e', 'outer folder')] },
      { source: 'folder', variables: [v('e', 'inner folder')] }
    )
    expect(resolveString('{{a}}|{{b}}|{{c}}|{{d}}|{{e}}', s)).toBe('global|collection|environment|outer folder|inner folder')
  })

  it('ignores disabled variables, falling back to a less specific one', () => {
    const s = scope(
      { source: 'collection', variables: [v('host', 'collection')] },
      { source: 'environment', variables: [v('host', 'environment', { enabled: false })] }
    )
    expect(resolveString('{{host}}', s)).toBe('collection')
    expect(() => resolveString('{{off}}', scope({ source: 'global', variables: [v('off', 'x', { enabled: false })] }))).toThrow(/off/)
  })
})

describe('resolution', () => {
  it('resolves nested references, with spaces inside the braces', () => {
    const s = scope({
      source: 'collection',
      variables: [v('base', '{{scheme}}://{{host}}'), v('scheme', 'https'), v('host', 'api.{{domain}}'), v('domain', 'example.com')]
    })
    expect(resolveString('{{ base }}/notes', s)).toBe('https://api.example.com/notes')
  })

  it('names the chain of a cycle', () => {
    const s = scope({ source: 'collection', variables: [v('a', '{{b}}'), v('b', '{{c}}'), v('c', '{{a}}'), v('self', 'x{{self}}')] })
    expect(() => resolveString('{{a}}', s)).toThrow('cycle: a → b → c → a')
    expect(() => resolveString('{{self}}', s)).toThrow('cycle: self → self')
    try {
      resolveString('{{a}}', s)
    } catch (error) {
      expect(error).toMatchObject({ code: 'variable_cycle' })
    }
  })

  it('names a missing variable, with a hint where to define it', () => {
    const s = scope({ source: 'collection', variables: [v('url', '{{host}}/x')] })
    try {
      resolveString('{{url}}', s)
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ code: 'variable_missing', message: 'The variable "host" is not defined (used by url).' })
      expect((error as { hint: string }).hint).toMatch(/environment or the collection/)
    }
  })

  it('computes dynamic values', () => {
    const s = scope()
    expect(resolveString('{{$uuid}}', s)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(resolveString('{{$uuid}}', s)).not.toBe(resolveString('{{$uuid}}', s))
    const ts = Number(resolveString('{{$timestamp}}', s))
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5)
    expect(Number.isInteger(ts)).toBe(true)
    expect(Date.parse(resolveString('{{$isoTimestamp}}', s))).not.toBeNaN()
    for (let i = 0; i < 200; i++) {
      const n = Number(resolveString('{{$randomInt}}', s))
      expect(Number.isInteger(n) && n >= 0 && n <= 1000).toBe(true)
    }
    expect(() => resolveString('{{$nope}}', s)).toThrow(/\$nope/)
  })

  it('leaves text without references as it is, and lists references once each', () => {
    expect(resolveString('{ "json": { "nested": 1 } }', scope())).toBe('{ "json": { "nested": 1 } }')
    expect(referencedNames('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b'])
  })
})

describe('resolving a whole request', () => {
  const s = scope({ source: 'collection', variables: [v('host', 'http://h'), v('token', 'T'), v('user', 'u'), v('room', 'lobby')] })

  it('resolves url, headers, body, form fields and auth of an HTTP request, not its name or description', () => {
    const request = SavedRequestSchema.parse({
      kind: 'http',
      name: 'Uses {{host}}',
      description: 'Explains {{playground}} to learners',
      method: 'POST',
      url: '{{host}}/x',
      headers: [{ name: 'X-User', value: '{{user}}', description: 'who, e.g. {{user}}' }],
      body: { type: 'form', fields: [{ name: 'room', value: '{{room}}' }] },
      auth: { type: 'basic', username: '{{user}}', password: '{{token}}' }
    })
    const resolved = resolveRequest(request, s)
    expect(resolved).toMatchObject({
      name: 'Uses {{host}}',
      description: 'Explains {{playground}} to learners',
      url: 'http://h/x',
      headers: [{ name: 'X-User', value: 'u', description: 'who, e.g. {{user}}' }],
      body: { type: 'form', fields: [{ name: 'room', value: 'lobby' }] },
      auth: { type: 'basic', username: 'u', password: 'T' }
    })
    expect(request.url).toBe('{{host}}/x')
  })

  it('resolves Socket.IO auth JSON, query and emit args, keeping emit labels', () => {
    const request = SavedRequestSchema.parse({
      kind: 'socketio',
      name: 'Chat',
      url: '{{host}}',
      query: [{ name: 'room', value: '{{room}}' }],
      auth: '{"token":"{{token}}"}',
      emits: [{ name: 'Say {{room}}', event: 'chat:{{room}}', args: [{ type: 'json', value: '{"to":"{{user}}"}' }] }]
    })
    const resolved = resolveRequest(request, s)
    expect(resolved).toMatchObject({
      url: 'http://h',
      query: [{ value: 'lobby' }],
      auth: '{"token":"T"}',
      emits: [{ name: 'Say {{room}}', event: 'chat:lobby', args: [{ type: 'json', value: '{"to":"u"}' }] }]
    })
  })

  it('resolves WebSocket saved messages and SSE bodies', () => {
    const ws = resolveRequest(
      SavedRequestSchema.parse({
        kind: 'websocket',
        name: 'W',
        url: '{{host}}/ws',
        protocols: ['{{room}}'],
        savedMessages: [{ name: 'hi {{user}}', value: 'hello {{user}}' }]
      }),
      s
    )
    expect(ws).toMatchObject({ url: 'http://h/ws', protocols: ['lobby'], savedMessages: [{ name: 'hi {{user}}', value: 'hello u' }] })
    const sse = resolveRequest(SavedRequestSchema.parse({ kind: 'sse', name: 'S', url: '{{host}}/sse', body: 'token={{token}}' }), s)
    expect(sse).toMatchObject({ url: 'http://h/sse', body: 'token=T' })
  })
})

describe('preview for the URL bar', () => {
  it('gives each variable its value and source, and the error of one that cannot resolve', () => {
    const s = scope(
      { source: 'global', variables: [v('g', 'G')] },
      { source: 'environment', variables: [v('host', 'http://{{g}}'), v('token', 'shh', { secret: true })] }
    )
    const preview = previewText('{{host}}/x?t={{token}}&m={{missing}}&id={{$randomInt}}', s)
    expect(preview.text).toBeNull()
    expect(preview.error).toMatchObject({ code: 'variable_missing' })
    expect(preview.variables).toEqual([
      { name: 'host', value: 'http://G', source: 'environment', secret: false },
      { name: 'token', value: 'shh', source: 'environment', secret: true },
      { name: 'missing', value: null, source: null, secret: false, error: 'The variable "missing" is not defined.' },
      { name: '$randomInt', value: expect.stringMatching(/^\d+$/), source: 'dynamic', secret: false }
    ])
    expect(previewText('{{host}}', s)).toEqual({ text: 'http://G', variables: [{ name: 'host', value: 'http://G', source: 'environment', secret: false }] })
  })
})
