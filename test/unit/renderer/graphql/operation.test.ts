import { describe, expect, it } from 'vitest'
import { operationKind } from '../../../../src/renderer/features/graphql/operation'

describe('operationKind', () => {
  it('reads the kind of the first or the named operation', () => {
    expect(operationKind('{ notes { total } }')).toBe('query')
    expect(operationKind('subscription OnNote { noteChanged { kind } }')).toBe('subscription')
    expect(operationKind('# subscription in a comment\nmutation M($t: String = "{ subscription }") { createNote(input: { title: $t }) { id } }')).toBe(
      'mutation'
    )
    const doc = 'query A { hello }\nfragment F on Note { id }\nsubscription B { noteChanged { kind } }'
    expect(operationKind(doc)).toBe('query')
    expect(operationKind(doc, 'B')).toBe('subscription')
    expect(operationKind(doc, 'C')).toBeUndefined()
    expect(operationKind('fragment F on Note { id }')).toBeUndefined()
    expect(operationKind('')).toBeUndefined()
  })
})
