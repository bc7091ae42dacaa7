import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { addFieldToDocument } from '../../../../src/renderer/features/graphql/addField'
import { checkVariables } from '../../../../src/renderer/features/graphql/variablesCheck'

const schema = buildSchema(
  'type Query { note(id: ID!): Note, notes(limit: Int): [Note!]! }\ntype Note { id: ID!, title: String! }\ntype Subscription { changed: Note }'
)

describe('checkVariables', () => {
  it("checks the variables against the operation's variable types", () => {
    const query = 'query One($id: ID!, $limit: Int) { note(id: $id) { title } notes(limit: $limit) { id } }'
    expect(checkVariables(schema, query, '{"id": "1", "limit": 2}')).toEqual([])
    expect(checkVariables(schema, query, '')).toEqual(['Variable "$id" of required type "ID!" was not provided.'])
    expect(checkVariables(schema, query, '{"id": 1, "limit": "two", "extra": 1}')).toEqual([
      'Variable "$limit" got invalid value "two"; Int cannot represent non-integer value: "two"',
      'Variable "$extra" is not declared by the operation; it will be ignored.'
    ])
    expect(checkVariables(schema, query, '{"id": ')[0]).toMatch(/^The variables are not valid JSON/)
    expect(checkVariables(schema, 'query { note(', '{}')).toEqual([])
  })
})

describe('addFieldToDocument', () => {
  it('adds a field by its path, merging into what is there', () => {
    expect(addFieldToDocument('', 'query', ['notes'], 'id')).toBe('{\n  notes {\n    id\n  }\n}\n')
    const doc = 'query Q { notes { id } }'
    expect(addFieldToDocument(doc, 'query', ['notes', 'title'])).toBe('query Q {\n  notes {\n    id\n    title\n  }\n}\n')
    expect(addFieldToDocument(doc, 'subscription', ['changed'], 'id')).toBe(
      'query Q {\n  notes {\n    id\n  }\n}\n\nsubscription {\n  changed {\n    id\n  }\n}\n'
    )
    expect(addFieldToDocument('query {', 'query', ['notes'])).toBeUndefined()
  })
})
