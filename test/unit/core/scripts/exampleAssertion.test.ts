import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { evaluateAssertions } from '../../../../src/core/scripts/assertions'
import { createServices, type Services } from '../../../../src/core/services'
import type { HttpRunOutput } from '../../../../src/shared/scripts'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir()
let services: Services
let server: Server
let url: string
/** What /notes answers; tests change it as a user changes the server's data. */
let notes: Array<{ id: number; title: string; at: string }>

beforeEach(async () => {
  notes = [
    { id: 1, title: 'one', at: 't1' },
    { id: 2, title: 'two', at: 't2' }
  ]
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total: notes.length, notes }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notes`
  services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
})
afterEach(async () => {
  await services.dispose()
  await new Promise((resolve) => server.close(resolve))
})

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

/** A collection with one saved request and, after one send, that response saved as the example "Baseline". */
async function savedRequestWithExample(): Promise<{ collectionId: string; path: string }> {
  const { id } = await call<{ id: string }>('collection.create', { path: join(await tempDir(), 'api'), name: 'API' })
  const { path } = await call<{ path: string }>('request.create', {
    collectionId: id,
    folder: '',
    request: { kind: 'http', name: 'List notes', method: 'GET', url }
  })
  const requestId = crypto.randomUUID()
  await call('http.run', { requestId, request: { method: 'GET', url }, context: { collectionId: id, path } })
  await call('examples.save', { collectionId: id, path, name: 'Baseline', from: { target: { collectionId: id, path }, id: requestId } })
  return { collectionId: id, path }
}

const runWith = (where: { collectionId: string; path: string } | null, assertions: unknown[]) =>
  call<HttpRunOutput>('http.run', { requestId: crypto.randomUUID(), request: { method: 'GET', url }, ...(where ? { context: where } : {}), assertions })

describe('assertion rows: example <name> matches', () => {
  it('passes while the server answers as the example, and lists the differences once it does not', async () => {
    const where = await savedRequestWithExample()
    expect((await runWith(where, [{ target: 'example Baseline', operator: 'matches' }])).tests).toEqual([
      { name: 'example Baseline matches', passed: true, source: 'assertion' }
    ])

    notes[1] = { ...notes[1]!, title: 'TWO', at: 't9' }
    notes.push({ id: 3, title: 'three', at: 't3' })
    const out = await runWith(where, [
      { target: 'example Baseline', operator: 'matches' },
      { target: 'example Baseline', operator: 'matches', expected: 'total, notes[*].at, notes[2]' },
      { target: 'example Baseline', operator: '!=' }
    ])
    expect(out.tests[0]).toEqual({
      name: 'example Baseline matches',
      passed: false,
      source: 'assertion',
      message:
        'differs from the example "Baseline": changed total: 2 → 3; added notes[2]; changed notes[1].title: "two" → "TWO"; changed notes[1].at: "t2" → "t9"'
    })
    // Ignoring paths leaves only the title change.
    expect(out.tests[1]).toMatchObject({ name: 'example Baseline matches ignoring total, notes[*].at, notes[2]', passed: false })
    expect(out.tests[1]?.message).toBe('differs from the example "Baseline": changed notes[1].title: "two" → "TWO"')
    expect(out.tests[2]).toEqual({ name: 'example Baseline !=', passed: true, source: 'assertion' })
  })

  it('says which examples exist when the name is wrong, and that an unsaved request has none', async () => {
    const where = await savedRequestWithExample()
    const wrong = await runWith(where, [{ target: 'example Nope', operator: 'matches' }])
    expect(wrong.tests[0]?.message).toBe('The request has no example named "Nope" (it has "Baseline"): save one in the Compare tab of the response.')
    const unsaved = await runWith(null, [{ target: 'example Baseline', operator: 'matches' }])
    expect(unsaved.tests[0]?.message).toMatch(/^Only a request saved in a collection has examples/)
    const badOperator = await runWith(where, [{ target: 'example Baseline', operator: '>' }])
    expect(badOperator.tests[0]?.message).toMatch(/does not apply to an example: use matches/)
  })
})

describe('evaluateAssertions with example rows', () => {
  const response = { status: 200, headers: [] as [string, string][], body: '{}', timeMs: 1 }
  it('lists at most eight differences and counts the rest', () => {
    const row = { target: 'example E', operator: 'matches' as const, expected: '', enabled: true }
    const differences = Array.from({ length: 11 }, (_, i) => `added a[${i}]`)
    const [result] = evaluateAssertions([row], response, new Map([[row, { pass: false, differences }]]))
    expect(result?.message).toBe(`differs from the example "E": ${differences.slice(0, 8).join('; ')}; … and 3 more`)
  })
  it('asks for a name when the row has none', () => {
    const row = { target: 'example', operator: 'matches' as const, expected: '', enabled: true }
    expect(evaluateAssertions([row], response)[0]?.message).toMatch(/^Name the example/)
  })
})
