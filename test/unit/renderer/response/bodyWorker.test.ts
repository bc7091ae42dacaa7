import { beforeAll, describe, expect, it } from 'vitest'
import type { FromWorker, ToWorker, WorkerAnswer, WorkerRequest } from '../../../../src/renderer/features/response/bodyProtocol'

/** The body worker, loaded into this test as a module with a stand-in for its `self`. */
interface FakeScope {
  onmessage: ((event: { data: ToWorker }) => void) | null
  postMessage(message: FromWorker): void
}
const posted: FromWorker[] = []
const scope: FakeScope = { onmessage: null, postMessage: (message) => posted.push(message) }
let nextId = 1

function send(message: ToWorker): void {
  scope.onmessage!({ data: message })
}

function ask<K extends WorkerRequest['op']>(request: Extract<WorkerRequest, { op: K }>): Extract<WorkerAnswer, { op: K }> {
  const id = nextId++
  send({ type: 'ask', id, request })
  const reply = posted.find((m) => m.type !== 'progress' && m.id === id)
  if (!reply || reply.type === 'progress') throw new Error('no reply')
  if (reply.type === 'error') throw new Error(reply.message)
  return reply.answer as Extract<WorkerAnswer, { op: K }>
}

const document = { mb: 1, items: Array.from({ length: 250 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })), padding: '' }
const text = JSON.stringify(document)

beforeAll(async () => {
  ;(globalThis as unknown as { self: FakeScope }).self = scope
  await import('../../../../src/renderer/features/response/bodyWorker')
  send({ type: 'open', kind: 'json', charset: 'utf-8', total: text.length })
  // Slices cut anywhere, even inside a multi-byte character or a string.
  const bytes = new TextEncoder().encode(text)
  for (let offset = 0; offset < bytes.length; offset += 1000)
    send({ type: 'chunk', base64: Buffer.from(bytes.subarray(offset, offset + 1000)).toString('base64') })
  send({ type: 'end' })
})

describe('the body worker', () => {
  it('reports progress and the lines of each view once the body is complete', () => {
    const last = posted.filter((m) => m.type === 'progress').at(-1)
    expect(last?.type === 'progress' && last.progress).toMatchObject({
      done: true,
      bytes: text.length,
      lines: { pretty: JSON.stringify(document, null, 2).split('\n').length, raw: Math.ceil(text.length / 1000) }
    })
  })

  it('serves any range of pretty-printed lines with their depths', () => {
    const expected = JSON.stringify(document, null, 2).split('\n')
    const { lines, depths } = ask({ op: 'lines', view: 'pretty', start: 100, count: 5 })
    expect(lines.map((line, i) => '  '.repeat(depths[i]!) + line)).toEqual(expected.slice(100, 105))
  })

  it('serves the raw text cut into display lines, and a hex dump of the bytes', () => {
    expect(ask({ op: 'lines', view: 'raw', start: 0, count: 2 }).lines.join('')).toBe(text.slice(0, 2000))
    expect(ask({ op: 'lines', view: 'hex', start: 0, count: 1 }).lines[0]).toBe(
      '00000000  7b 22 6d 62 22 3a 31 2c  22 69 74 65 6d 73 22 3a  |{"mb":1,"items":|'
    )
  })

  it('finds search hits as line numbers, case-insensitively, with a total count', () => {
    const { lines, total } = ask({ op: 'search', view: 'pretty', query: 'ITEM 24', limit: 100 })
    expect(total).toBe(11)
    const pretty = JSON.stringify(document, null, 2).split('\n')
    expect(lines.map((n) => pretty[n]!.trim())).toContain('"name": "item 24",')
  })

  it('opens the parsed document one level at a time', () => {
    expect(ask({ op: 'children', path: [], start: 0, end: 10 })).toMatchObject({
      total: 3,
      type: 'object',
      entries: [
        { key: 'mb', type: 'number', preview: '1' },
        { key: 'items', type: 'array', count: 250 },
        { key: 'padding', type: 'string', preview: '""' }
      ]
    })
    expect(ask({ op: 'children', path: ['items', 7], start: 0, end: 10 }).entries[1]).toEqual({ key: 'name', type: 'string', preview: '"item 7"', count: 0 })
  })

  it('evaluates JSONPath with a cap on the matches it returns', () => {
    const answer = ask({ op: 'jsonpath', expression: '$.items[*].id', limit: 3 })
    expect(answer.total).toBe(250)
    expect(answer.matches).toEqual([
      { path: "$['items'][0]['id']", type: 'number', preview: '0' },
      { path: "$['items'][1]['id']", type: 'number', preview: '1' },
      { path: "$['items'][2]['id']", type: 'number', preview: '2' }
    ])
  })

  it('gives the whole text (pretty or raw, capped) and a copy of the bytes', () => {
    expect(ask({ op: 'text', view: 'pretty', maxChars: 1e6 }).text).toBe(JSON.stringify(document, null, 2))
    expect(ask({ op: 'text', view: 'raw', maxChars: 10 })).toEqual({ op: 'text', text: text.slice(0, 10), truncated: true })
    expect(new TextDecoder().decode(ask({ op: 'bytes' }).buffer)).toBe(text)
  })
})
