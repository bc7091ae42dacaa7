import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptSandbox } from '../../../../src/core/scripts/sandbox'

/** The data `__parley.begin` takes, for a post-response script. */
function input(overrides: Record<string, unknown> = {}) {
  return {
    info: { eventName: 'test', iteration: 0, iterationCount: 1, requestName: 'List notes', requestId: 'r1' },
    request: { method: 'GET', url: 'http://localhost/notes', headers: [{ key: 'Accept', value: 'application/json' }], body: { mode: 'none' } },
    response: { code: 200, status: 'OK', headers: [['Content-Type', 'application/json']], body: '{"items":[1,2,3]}', responseTime: 12, responseSize: 17 },
    vars: { globals: { g: 'global' }, collection: { c: 'coll' }, environment: { e: 'env' }, folders: {}, data: {}, local: {} },
    environmentName: 'dev',
    ...overrides
  }
}

const noHost = async (name: string): Promise<unknown> => {
  throw new Error(`unexpected host call ${name}`)
}

interface Output {
  tests: { name: string; passed: boolean; message?: string }[]
  console: { level: string; text: string }[]
  vars: Record<string, Record<string, string>>
}

let sandbox: ScriptSandbox
beforeAll(async () => {
  sandbox = await ScriptSandbox.create({ timeLimitMs: 2000, memoryLimitBytes: 32 * 1024 * 1024 })
})
afterAll(() => sandbox.dispose())

async function run(code: string, data = input()) {
  const result = await sandbox.run(code, 'post.js', data, noHost)
  return { output: result.output as Output, error: result.error }
}

describe('the script sandbox', () => {
  it('runs pm.test with chai and Postman response assertions', async () => {
    const { output, error } = await run(`
      pm.test('is 200', () => pm.response.to.have.status(200))
      pm.test('is 404', () => pm.response.to.have.status(404))
      pm.test('has items', () => pm.expect(pm.response.json().items).to.have.lengthOf(3))
      pm.test('ok and json', () => { pm.response.to.be.ok; pm.response.to.be.json })
      pm.test('header', () => pm.response.to.have.header('content-type', 'application/json'))
    `)
    expect(error).toBeUndefined()
    expect(output.tests).toEqual([
      { name: 'is 200', passed: true },
      { name: 'is 404', passed: false, message: 'AssertionError: expected response to have status code 404 but got 200' },
      { name: 'has items', passed: true },
      { name: 'ok and json', passed: true },
      { name: 'header', passed: true }
    ])
  })

  it('stops an endless loop at the time limit with a clear error', async () => {
    const { error } = await run('let n = 0\nwhile (true) { n++ }')
    expect(error?.message).toBe('The script ran longer than 2000 ms and was stopped (an endless loop?).')
    // The sandbox is still usable afterwards.
    expect((await run('pm.test("after", () => {})')).output.tests).toEqual([{ name: 'after', passed: true }])
  })

  it('stops a script that eats memory, and recovers', async () => {
    const { error } = await run("const a = []\nfor (;;) a.push('x'.repeat(1000) + a.length)")
    expect(error?.message).toMatch(/more than 32 MB of memory|ran longer than/)
    expect((await run('pm.test("after", () => pm.expect(1).to.equal(1))')).output.tests[0]).toEqual({ name: 'after', passed: true })
  })

  it('turns deep recursion into a script error, not a crash', async () => {
    const { error } = await run('function f(n) { return f(n + 1) + 1 }\nf(0)')
    expect(error?.message).toMatch(/stack overflow/)
  })

  it('reports errors with line and column of the user script', async () => {
    expect((await run('const a = 1\n  missing.call()')).error).toEqual({ message: "ReferenceError: 'missing' is not defined", line: 2, column: 3 })
    const syntax = (await run('const a = 1\nconst b = (\n')).error
    expect(syntax?.message).toMatch(/^SyntaxError/)
    expect(syntax?.line).toBeGreaterThanOrEqual(2)
    expect(syntax?.column).toBeGreaterThanOrEqual(1)
  })

  it('has no Node globals, modules or host access', async () => {
    const { output } = await run('console.log(typeof process, typeof Buffer, typeof globalThis.std, typeof globalThis.os, typeof __dirname, typeof module)')
    expect(output.console).toEqual([{ level: 'log', text: 'undefined undefined undefined undefined undefined undefined' }])
    expect((await run("require('fs').readFileSync('/etc/passwd')")).error?.message).toBe('require("fs") is not supported by Parley: scripts have no modules')
    expect((await run("await import('fs')")).error?.message).toMatch(/fs/)
  })

  it('names what Parley does not provide', async () => {
    expect((await run("pm.visualizer.set('<b>x</b>')")).error?.message).toBe('pm.visualizer is not supported by Parley')
    expect((await run('pm.execution.setNextRequest(null)')).error?.message).toBe('pm.execution is not supported by Parley')
    expect((await run("postman.setNextRequest('next')")).error?.message).toBe('postman.setNextRequest is not supported by Parley')
    expect((await run("pm.response.cookies.get('sid')")).error?.message).toBe('pm.response.cookies is not supported by Parley')
    expect((await run('setTimeout(() => {}, 10)')).error?.message).toBe('setTimeout is not supported by Parley')
    expect((await run("fetch('http://127.0.0.1/')")).error?.message).toBe('fetch is not supported by Parley; use pm.sendRequest')
  })

  it('reads and writes variables in Postman precedence', async () => {
    const data = input({
      vars: { globals: { a: 'g', only: 'global' }, collection: { a: 'c' }, environment: { a: 'e' }, folders: {}, data: { row: '7' }, local: {} }
    })
    const { output } = await run(
      `pm.environment.set('token', 'abc'); pm.globals.unset('only'); pm.collectionVariables.set('n', 5)
       pm.variables.set('local', 'l')
       console.log(pm.variables.get('a'), pm.iterationData.get('row'), pm.variables.get('local'), pm.environment.name, pm.info.requestName)
       console.log(pm.variables.replaceIn('{{a}}-{{row}}-{{missing}}'))`,
      data
    )
    expect(output.console.map((c) => c.text)).toEqual(['e 7 l dev List notes', 'e-7-{{missing}}'])
    expect(output.vars.environment).toEqual({ a: 'e', token: 'abc' })
    expect(output.vars.globals).toEqual({ a: 'g' })
    expect(output.vars.collection).toEqual({ a: 'c', n: '5' })
  })

  it('keeps each script in its own scope, and runs legacy tests[] scripts', async () => {
    await run('let leaked = 1; var alsoLeaked = 2')
    const { output } = await run(
      'tests["no leak"] = typeof leaked === "undefined" && typeof alsoLeaked === "undefined"\ntests["code"] = responseCode.code === 200'
    )
    expect(output.tests).toEqual([
      { name: 'no leak', passed: true },
      { name: 'code', passed: true }
    ])
  })

  it('waits for async tests and reports those that never finish', async () => {
    const { output } = await run(`
      pm.test('async pass', async () => { await Promise.resolve(); pm.expect(1).to.equal(1) })
      pm.test('async fail', async () => { await null; throw new Error('late') })
      pm.test('never', (done) => {})
    `)
    expect(output.tests).toEqual([
      { name: 'async pass', passed: true },
      { name: 'async fail', passed: false, message: 'Error: late' },
      { name: 'never', passed: false, message: 'The test did not finish: its promise or done callback never settled' }
    ])
  })
})
