import { create } from 'xmlbuilder2'
import { describe, expect, it } from 'vitest'
import { parseDataText } from '../../../../src/core/runner/dataRows'
import { renderReport } from '../../../../src/core/runner/reports'
import { parseShard, planRun, shardOf } from '../../../../src/core/runner/runPlan'
import type { FolderNode } from '../../../../src/shared/collection'
import type { RunResult } from '../../../../src/shared/runner'

const tree: FolderNode = {
  type: 'folder',
  name: 'C',
  path: '',
  children: [
    { type: 'request', kind: 'http', name: 'First', path: 'first.yaml', method: 'GET', url: '' },
    {
      type: 'folder',
      name: 'Users API',
      path: 'users',
      children: [
        { type: 'request', kind: 'http', name: 'List', path: 'users/list.yaml', method: 'GET', url: '' },
        {
          type: 'folder',
          name: 'Admin',
          path: 'users/admin',
          children: [{ type: 'request', kind: 'socketio', name: 'Live', path: 'users/admin/live.yaml', url: '' }]
        }
      ]
    },
    { type: 'request', kind: 'http', name: 'Last', path: 'last.yaml', method: 'POST', url: '' }
  ]
}

describe('the run plan', () => {
  it('walks the tree depth first in its order; a folder by path or by name; only narrows', () => {
    expect(planRun(tree).map((r) => r.path)).toEqual(['first.yaml', 'users/list.yaml', 'users/admin/live.yaml', 'last.yaml'])
    expect(planRun(tree, { folder: 'users' }).map((r) => r.name)).toEqual(['List', 'Live'])
    expect(planRun(tree, { folder: 'users api' }).map((r) => r.name)).toEqual(['List', 'Live'])
    expect(planRun(tree, { only: ['last.yaml', 'first.yaml'] }).map((r) => r.name)).toEqual(['First', 'Last'])
    expect(() => planRun(tree, { folder: 'nope' })).toThrow(/has no folder nope/)
  })

  it('shards by request index: disjoint slices that together hold every request once', () => {
    const items = Array.from({ length: 11 }, (_, i) => i)
    const slices = [1, 2, 3].map((index) => shardOf(items, { index, count: 3 }))
    expect(slices).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7, 10],
      [2, 5, 8]
    ])
    expect(parseShard(' 2/3 ')).toEqual({ index: 2, count: 3 })
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/--shard expects i\/n/)
  })
})

describe('data rows', () => {
  it('reads CSV with a BOM, CRLF, quoted commas, quotes and newlines', () => {
    const rows = parseDataText('\uFEFFid,note\r\n1,"a, b"\r\n2,"say ""hi""\nthere"\r\n', 'csv')
    expect(rows).toEqual([
      { id: '1', note: 'a, b' },
      { id: '2', note: 'say "hi"\nthere' }
    ])
  })

  it('reads a JSON array of objects, values as text', () => {
    expect(parseDataText('[{"id": 1, "tags": ["x"], "name": "ann"}]', 'json')).toEqual([{ id: '1', tags: '["x"]', name: 'ann' }])
  })

  it('says what is wrong with a bad file', () => {
    expect(() => parseDataText('id,name\n1,ann,extra\n', 'csv', 'rows.csv')).toThrow(/rows.csv is not valid CSV/)
    expect(() => parseDataText('{"id": 1}', 'json', 'rows.json')).toThrow(/must be a JSON array of objects/)
    expect(() => parseDataText('[1, 2', 'json', 'rows.json')).toThrow(/rows.json is not valid JSON/)
    expect(() => parseDataText('id\n', 'csv', 'rows.csv')).toThrow(/has no rows/)
  })
})

describe('reports', () => {
  const hostile = 'a ]]> b <script>alert("x")</script> & \u0001 end'
  const result: RunResult = {
    runId: 'r',
    collectionId: '0123456789abcdef',
    collectionName: 'My <API>',
    folder: '',
    environmentName: null,
    startedAt: '2026-12-02T00:00:00.000Z',
    requests: [],
    items: [
      {
        path: 'a.yaml',
        name: hostile,
        kind: 'http',
        method: 'GET',
        iteration: 0,
        index: 0,
        outcome: 'failed',
        status: 500,
        durationMs: 12,
        tests: [
          { name: 'ok', passed: true, source: 'post' },
          { name: hostile, passed: false, message: hostile, source: 'post' }
        ],
        testsOmitted: 0,
        error: null
      },
      {
        path: 'b.yaml',
        name: 'B',
        kind: 'http',
        method: 'GET',
        iteration: 0,
        index: 1,
        outcome: 'error',
        status: null,
        durationMs: 3,
        tests: [],
        testsOmitted: 0,
        error: { code: 'connection_refused', message: hostile }
      },
      {
        path: 'c.yaml',
        name: 'C',
        kind: 'sse',
        iteration: 0,
        index: 2,
        outcome: 'skipped',
        status: null,
        durationMs: 0,
        tests: [],
        testsOmitted: 0,
        error: null,
        skipReason: 'no steps'
      }
    ],
    itemsOmitted: 0,
    summary: {
      state: 'finished',
      iterations: { total: 1, done: 1 },
      requests: { total: 3, passed: 0, failed: 1, errored: 1, skipped: 1 },
      tests: { total: 2, passed: 1, failed: 1 },
      durationMs: 20,
      error: null
    }
  }

  it('JUnit: one testsuite per request run, one testcase per test, parses whatever the messages hold', async () => {
    const { text, defaultName } = await renderReport(result, 'junit')
    expect(defaultName).toBe('my-api-run.xml')
    const doc = create(text).end({ format: 'object' }) as { testsuites: { '@failures': string; '@errors': string; testsuite: { testcase: unknown }[] } }
    expect(doc.testsuites['@failures']).toBe('1')
    expect(doc.testsuites['@errors']).toBe('1')
    expect(doc.testsuites.testsuite).toHaveLength(3)
    expect(text).toContain('<skipped message="no steps"/>')
    expect(text).not.toContain('\u0001')
  })

  it('HTML: self-contained, every text escaped', async () => {
    const { text } = await renderReport(result, 'html')
    expect(text).not.toMatch(/<script/i)
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(text).toContain('<title>My &lt;API&gt;: run report</title>')
    expect(text).not.toMatch(/(src|href)=/)
  })
})
