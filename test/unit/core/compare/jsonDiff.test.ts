import { describe, expect, it } from 'vitest'
import { compareResponses } from '../../../../src/core/compare/compareResponses'
import { diffJson } from '../../../../src/core/compare/jsonDiff'
import { parsePattern, pathMatches } from '../../../../src/core/compare/jsonPaths'
import { matchesExample } from '../../../../src/core/compare/matchesExample'

const kinds = (before: unknown, after: unknown): string[] => diffJson(before, after).changes.map((c) => `${c.kind} ${c.path}`)

describe('diffJson', () => {
  it('names added, removed and changed paths', () => {
    expect(kinds({ a: 1, b: { c: 2 }, gone: true }, { a: 2, b: { c: 2, d: [1] } })).toEqual(['changed a', 'added b.d', 'removed gone'])
  })

  it('matches array items by id: a new note is one added path, a reorder is a move', () => {
    const notes = [
      { id: 'n1', title: 'one' },
      { id: 'n2', title: 'two' },
      { id: 'n3', title: 'three' }
    ]
    expect(kinds({ notes }, { notes: [...notes, { id: 'n4', title: 'four' }] })).toEqual(['added notes[3]'])
    expect(kinds({ notes }, { notes: [notes[2], notes[0], notes[1]] })).toEqual(['moved notes[0]'])
    const changed = diffJson({ notes }, { notes: [notes[0], { id: 'n2', title: 'TWO' }, notes[2]] }).changes
    expect(changed).toEqual([{ kind: 'changed', path: 'notes[1].title', before: '"two"', after: '"TWO"' }])
  })

  it('uses jsondiffpatch for small arrays without ids, moves included', () => {
    expect(kinds([1, 2, 3], [1, 3])).toEqual(['removed [1]'])
    expect(kinds(['x', 'y'], ['x', 'y', 'z'])).toEqual(['added [2]'])
    expect(kinds([{ a: 1 }], [{ a: 2 }])).toEqual(['changed [0].a'])
  })

  it('quotes keys that are not identifiers and says when the list was cut', () => {
    expect(kinds({ 'a b': 1 }, { 'a b': 2 })).toEqual(['changed ["a b"]'])
    const big = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, i]))
    const result = diffJson({}, big)
    expect(result.truncated).toBe(true)
    expect(result.changes).toHaveLength(5000)
  })
})

describe('ignore paths', () => {
  it('matches *, ** and a leading $', () => {
    expect(pathMatches(parsePattern('notes[*].createdAt'), ['notes', 3, 'createdAt'])).toBe(true)
    expect(pathMatches(parsePattern('**.id'), ['a', 0, 'b', 'id'])).toBe(true)
    expect(pathMatches(parsePattern('**.id'), ['id'])).toBe(true)
    expect(pathMatches(parsePattern('$.meta.at'), ['meta', 'at'])).toBe(true)
    expect(pathMatches(parsePattern('meta.at'), ['other', 'at'])).toBe(false)
    expect(pathMatches(parsePattern('meta'), ['meta', 'at', 0])).toBe(true)
    expect(pathMatches(parsePattern('meta.at'), ['meta'])).toBe(false)
  })

  it('counts differences at ignored paths instead of listing them', () => {
    const result = diffJson({ at: 'now', notes: [{ id: 1, at: 'x', t: 'a' }] }, { at: 'later', notes: [{ id: 1, at: 'y', t: 'b' }] }, ['**.at'])
    expect(result.changes.map((c) => c.path)).toEqual(['notes[0].t'])
    expect(result.ignored).toBe(2)
  })
})

describe('compareResponses', () => {
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
  it('diffs status, headers (volatile ones left out) and JSON bodies with ignored paths', () => {
    const result = compareResponses(
      {
        status: 200,
        statusText: 'OK',
        headers: [
          ['Content-Type', 'application/json'],
          ['Date', 'Mon'],
          ['X-A', '1']
        ],
        body: json({ n: 1, at: 'a' })
      },
      {
        status: 201,
        statusText: 'Created',
        headers: [
          ['content-type', 'application/json'],
          ['Date', 'Tue'],
          ['X-B', '2']
        ],
        body: json({ n: 1, at: 'b' })
      },
      ['at']
    )
    expect(result.status).toEqual({ left: 200, right: 201, leftText: 'OK', rightText: 'Created' })
    expect(result.headers).toEqual([
      { name: 'x-a', kind: 'removed', left: '1' },
      { name: 'x-b', kind: 'added', right: '2' }
    ])
    expect(result.body).toEqual({ kind: 'json', changes: [], truncated: false, ignored: 1 })
    expect(result.text.left).toContain('\n  "n": 1')
    expect(result.equal).toBe(false)
  })

  it('falls back to a line diff for text', () => {
    const result = compareResponses(
      { status: 200, statusText: '', headers: [], body: Buffer.from('a\nb\nc\n') },
      { status: 200, statusText: '', headers: [], body: Buffer.from('a\nB\nc\n') }
    )
    expect(result.body).toEqual({
      kind: 'lines',
      truncated: false,
      changes: [
        { kind: 'removed', line: 2, text: 'b' },
        { kind: 'added', line: 2, text: 'B' }
      ]
    })
  })
})

describe('matchesExample', () => {
  const example = { name: 'ok', status: 200, statusText: 'OK', headers: [], body: '{"notes":[{"id":1,"at":"t1"}]}', ignorePaths: ['**.at'] }
  it('passes when only ignored paths differ and lists differences otherwise', () => {
    expect(matchesExample({ status: 200, body: '{"notes":[{"id":1,"at":"t2"}]}' }, example)).toEqual({ pass: true, differences: [] })
    const failed = matchesExample({ status: 404, body: '{"notes":[{"id":1,"at":"t2"},{"id":2}]}' }, example)
    expect(failed.pass).toBe(false)
    expect(failed.differences).toEqual(['status 200 → 404', 'added notes[1]'])
    expect(matchesExample({ status: 200, body: '{"notes":[],"v":2}' }, example, ['notes', 'v']).pass).toBe(true)
  })
})
