import { describe, expect, it } from 'vitest'
import { JsonLineFormatter } from '../../../../src/renderer/features/response/jsonLines'

function format(text: string, chunkSize = text.length): string {
  const lines: string[] = []
  const formatter = new JsonLineFormatter((depth, _start, line) => lines.push('  '.repeat(depth) + line), true)
  for (let i = 0; i < text.length; i += chunkSize) formatter.write(text.slice(i, i + chunkSize))
  formatter.end()
  return lines.join('\n')
}

const samples = [
  '{"a":[1,2,{"b":"x\\"y"}],"c":{},"d":[],"e":null,"f":true,"g":-1.5}',
  '[]',
  '{ "x" : [ ] ,\n "y":[{}], "z": "a\\\\" }',
  '"just a string"',
  '42',
  '{"nested":{"deeper":{"deepest":[["x"]]}},"u":"é ,:{}[]"}'
]

describe('the streaming JSON formatter', () => {
  it('formats exactly like JSON.stringify(value, null, 2), whatever the chunk boundaries', () => {
    for (const sample of samples) {
      const expected = JSON.stringify(JSON.parse(sample), null, 2)
      for (const size of [1, 2, 3, 7, 1000]) expect(format(sample, size)).toBe(expected)
    }
  })

  it('restarts from any indexed line and renders the same lines as a full pass', () => {
    const text = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, tags: ['a', 'b'], empty: {} })) })
    const index: { depth: number; start: number }[] = []
    const indexer = new JsonLineFormatter((depth, start) => index.push({ depth, start }), false)
    for (let i = 0; i < text.length; i += 97) indexer.write(text.slice(i, i + 97))
    indexer.end()
    const expected = JSON.stringify(JSON.parse(text), null, 2).split('\n')
    expect(index).toHaveLength(expected.length)
    for (let line = 0; line < expected.length; line += 7) {
      const out: string[] = []
      const { depth, start } = index[line]!
      const renderer = new JsonLineFormatter((d, _s, t) => out.length < 3 && out.push('  '.repeat(d) + t), true, start, depth)
      renderer.write(text.slice(start))
      renderer.end()
      expect(out).toEqual(expected.slice(line, line + 3))
    }
  })

  it('keeps numbers and escapes exactly as received', () => {
    expect(format('{"u":"\\u00e9","n":1.50e3}')).toBe('{\n  "u": "\\u00e9",\n  "n": 1.50e3\n}')
  })

  it('still lays out a document that is not valid JSON instead of refusing it', () => {
    expect(format('{"a": [1, 2,, oops}')).toContain('oops')
  })
})
