import { describe, expect, it } from 'vitest'
import { evaluateAssertions, type AssertedResponse } from '../../../../src/core/scripts/assertions'
import { AssertionSchema, type AssertionInput } from '../../../../src/shared/scripts'

const response: AssertedResponse = {
  status: 200,
  headers: [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Set-Cookie', 'a=1'],
    ['Set-Cookie', 'b=2']
  ],
  body: JSON.stringify({
    items: [
      { id: 1, name: 'one' },
      { id: 2, name: 'two' }
    ],
    total: 2,
    next: null,
    title: 'Notes'
  }),
  timeMs: 42.4
}

const check = (...rows: AssertionInput[]) =>
  evaluateAssertions(
    rows.map((row) => AssertionSchema.parse(row)),
    response
  )

describe('assertion rows', () => {
  it('pass when they hold', () => {
    const results = check(
      { target: 'status', operator: '==', expected: '200' },
      { target: 'body $.items.length', operator: '>', expected: '0' },
      { target: 'body items[0].name', operator: '==', expected: 'one' },
      { target: 'body $.items[*].id', operator: 'contains', expected: '2' },
      { target: 'body $.items', operator: '==', expected: '[{"id":1,"name":"one"},{"id":2,"name":"two"}]' },
      { target: 'header content-type', operator: 'contains', expected: 'json' },
      { target: 'header set-cookie', operator: 'matches', expected: '^a=1, b=2$' },
      { target: 'header x-missing', operator: 'not exists' },
      { target: 'body $.next', operator: 'not exists' },
      { target: 'body $.title', operator: 'exists' },
      { target: 'time', operator: '<', expected: '500' },
      { target: 'status', operator: '!=', expected: '404' },
      { target: 'body', operator: 'contains', expected: '"total":2' }
    )
    expect(results.filter((r) => !r.passed)).toEqual([])
    expect(results[0]).toEqual({ name: 'status == 200', passed: true, source: 'assertion' })
    expect(results[7]?.name).toBe('header x-missing not exists')
  })

  it('fail with a message that says what came instead', () => {
    expect(
      check(
        { target: 'status', operator: '==', expected: '404' },
        { target: 'body $.items.length', operator: '>', expected: '5' },
        { target: 'header content-type', operator: 'contains', expected: 'xml' },
        { target: 'time', operator: '<', expected: '10' },
        { target: 'body $.nope', operator: 'exists' },
        { target: 'body $.title', operator: '>', expected: '1' }
      ).map((r) => [r.passed, r.message])
    ).toEqual([
      [false, 'expected 404, got 200'],
      [false, 'expected > 5, got 2'],
      [false, 'expected to contain "xml", got "application/json; charset=utf-8"'],
      [false, 'expected < 10, got 42'],
      [false, 'expected a value, got nothing'],
      [false, 'expected a number > 1, got "Notes"']
    ])
  })

  it('explain rows that cannot be read, and skip rows switched off or empty', () => {
    const results = check(
      { target: 'bogus', operator: '==', expected: '1' },
      { target: 'header', operator: 'exists' },
      { target: 'status', operator: '==', expected: '500', enabled: false },
      { target: '  ', operator: '==', expected: '' },
      { target: 'status', operator: 'matches', expected: '(' }
    )
    expect(results.map((r) => r.message)).toEqual([
      'Unknown target "bogus": use status, time, body, body <JSONPath>, header <name> or example <name>.',
      'Name the header, e.g. "header content-type".',
      '"(" is not a regular expression'
    ])
    expect(
      evaluateAssertions([AssertionSchema.parse({ target: 'body $.a', operator: '==', expected: '1' })], { ...response, body: '<html>' })[0]?.message
    ).toBe('The body is not JSON, so the path $.a cannot be read.')
  })
})
