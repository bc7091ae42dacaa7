import { afterEach, describe, expect, it } from 'vitest'
import { compareResponses, type ResponseSnapshot } from '../../../../src/core/compare/compareResponses'
import { DiffPool } from '../../../../src/core/compare/diffPool'

const pools: DiffPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.dispose()))
})

function notesSnapshot(count: number, changed: boolean): ResponseSnapshot {
  const notes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    title: changed && i % 500 === 0 ? `Changed ${i}` : `Note ${i}`,
    tags: ['a', String(i % 7)]
  }))
  return { status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify({ notes })) }
}

describe('DiffPool: diffs off the main thread', () => {
  it('diffs large bodies in the worker with the same result as inline, while the event loop keeps turning', async () => {
    const pool = new DiffPool()
    pools.push(pool)
    const left = notesSnapshot(8000, false)
    const right = notesSnapshot(8000, true)
    // Worked out first: the pool moves the bodies' memory to the worker.
    const inline = compareResponses(notesSnapshot(8000, false), notesSnapshot(8000, true), ['notes[*].tags'])
    let turns = 0
    let done = false
    const spin = (): void => {
      if (done) return
      turns++
      setImmediate(spin)
    }
    setImmediate(spin)
    const result = await pool.compare(left, right, ['notes[*].tags'])
    done = true
    expect(pool.workerAnswers).toBe(1)
    expect(result).toEqual(inline)
    expect(result.body.kind === 'json' && result.body.changes.length).toBe(16)
    // Inline, the whole diff would run before the first setImmediate; in the worker the loop turned meanwhile.
    expect(turns).toBeGreaterThan(0)
  })

  it('runs small diffs inline and several large ones in turn on one worker', async () => {
    const pool = new DiffPool()
    pools.push(pool)
    const small = await pool.compare(
      { status: 200, statusText: '', headers: [], body: Buffer.from('{"a":1}') },
      { status: 201, statusText: '', headers: [], body: Buffer.from('{"a":2}') }
    )
    expect(pool.workerJobs).toBe(0)
    expect(small.body).toEqual({ kind: 'json', changes: [{ kind: 'changed', path: 'a', before: '1', after: '2' }], truncated: false, ignored: 0 })
    const [a, b] = await Promise.all([
      pool.compare(notesSnapshot(8000, false), notesSnapshot(8000, true)),
      pool.compare(notesSnapshot(8000, true), notesSnapshot(8000, true))
    ])
    expect(pool.workerAnswers).toBe(2)
    expect(a.body.kind === 'json' && a.body.changes.length).toBe(16)
    expect(b.equal).toBe(true)
  })

  it('starts a new worker for the next diff after dispose', async () => {
    const pool = new DiffPool(0)
    pools.push(pool)
    await pool.dispose()
    const again = await pool.compare(notesSnapshot(10, false), notesSnapshot(10, false))
    expect(again.equal).toBe(true)
    expect(pool.workerAnswers).toBe(1)
  })

  it('diffs inline, with nothing lost, where the worker cannot start', async () => {
    const pool = new DiffPool(0, () => ({ url: new URL('./no-such-diff-worker.js', import.meta.url) }))
    pools.push(pool)
    const result = await pool.compare(notesSnapshot(100, false), notesSnapshot(100, true))
    expect(result.body.kind === 'json' && result.body.changes.length).toBe(1)
    expect(pool.workerAnswers).toBe(0)
    // Later diffs do not try again.
    expect((await pool.compare(notesSnapshot(10, false), notesSnapshot(10, false))).equal).toBe(true)
    expect(pool.workerJobs).toBe(1)
  })
})
