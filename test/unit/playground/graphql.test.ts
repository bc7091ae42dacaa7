import { createClient, type Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

// Answers are checked field by field below; their shape is the test's subject, not a type to declare.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: { data?: any; errors?: { message: string }[] } }

async function gql(query: string, variables?: Record<string, unknown>, init: { method?: string } = {}): Promise<Answer> {
  if (init.method === 'GET') {
    const url = new URL('/graphql', pg.url)
    url.searchParams.set('query', query)
    if (variables) url.searchParams.set('variables', JSON.stringify(variables))
    const res = await fetch(url)
    return { status: res.status, body: (await res.json()) as Answer['body'] }
  }
  const res = await fetch(`${pg.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return { status: res.status, body: (await res.json()) as Answer['body'] }
}

describe('playground GraphQL over HTTP', () => {
  it('queries the same notes the REST API serves', async () => {
    const rest = (await (await fetch(`${pg.url}/api/notes?limit=100`)).json()) as { total: number; items: { title: string }[] }
    const { status, body } = await gql('{ notes(limit: 100) { total items { id title tags } } }')
    expect(status).toBe(200)
    expect(body.data.notes.total).toBe(rest.total)
    expect(body.data.notes.items.map((n: { title: string }) => n.title)).toEqual(rest.items.map((n) => n.title))
  })

  it('answers GET with a query and variables', async () => {
    const { status, body } = await gql('query Hi($name: String) { hello(name: $name) }', { name: 'Parley' }, { method: 'GET' })
    expect(status).toBe(200)
    expect(body.data).toEqual({ hello: 'Hello, Parley!' })
  })

  it('creates, updates and deletes through mutations, visible over REST', async () => {
    const created = await gql('mutation($input: NoteInput!) { createNote(input: $input) { id title tags version } }', {
      input: { title: 'From GraphQL', tags: ['gql'] }
    })
    const note = created.body.data.createNote
    expect(note).toMatchObject({ title: 'From GraphQL', tags: ['gql'], version: 1 })
    const viaRest = (await (await fetch(`${pg.url}/api/notes/${note.id}`)).json()) as { title: string }
    expect(viaRest.title).toBe('From GraphQL')
    const updated = await gql('mutation($id: ID!) { updateNote(id: $id, patch: { body: "changed", title: null }) { title body version } }', { id: note.id })
    expect(updated.body.data.updateNote).toEqual({ title: 'From GraphQL', body: 'changed', version: 2 })
    const deleted = await gql('mutation($id: ID!) { deleteNote(id: $id) }', { id: note.id })
    expect(deleted.body.data.deleteNote).toBe(true)
    expect((await fetch(`${pg.url}/api/notes/${note.id}`)).status).toBe(404)
  })

  it('explains what is wrong: validation, bad input, conflicts, subscriptions over HTTP', async () => {
    const invalid = await gql('{ notes { nope } }')
    expect(invalid.status).toBe(400)
    expect(invalid.body.errors?.[0]?.message).toMatch(/Cannot query field "nope" on type "NotePage"/)
    const empty = await gql('mutation { createNote(input: { title: "  " }) { id } }')
    expect(empty.body.errors?.[0]?.message).toBe('Invalid note: title must not be empty')
    const taken = await gql('mutation { createNote(input: { title: "Welcome to Parley" }) { id } }')
    expect(taken.body.errors?.[0]?.message).toMatch(/already has this title/)
    const sub = await gql('subscription { noteChanged { kind } }')
    expect(sub.status).toBe(400)
    expect(sub.body.errors?.[0]?.message).toMatch(/graphql-transport-ws/)
  })

  it('answers introspection, so clients can fetch the schema', async () => {
    const { body } = await gql('{ __type(name: "Note") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }')
    expect(body.data.__type.fields).toContainEqual({ name: 'text', isDeprecated: true, deprecationReason: 'Use body.' })
  })
})

describe('playground GraphQL subscriptions (graphql-transport-ws)', () => {
  let client: Client
  beforeAll(() => {
    client = createClient({ url: `${pg.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 })
  })
  afterAll(() => client.dispose())

  it('announces a note created over REST and one created by a mutation', async () => {
    const seen: { noteChanged: { kind: string; note: { title: string } } }[] = []
    const waiters = new Set<() => void>()
    const stop = client.subscribe<(typeof seen)[number]>(
      { query: 'subscription { noteChanged(kind: CREATED) { kind note { title } } }' },
      {
        next: (value) => {
          if (value.data) seen.push(value.data)
          for (const wake of waiters) wake()
        },
        error: (error) => {
          throw error
        },
        complete: () => undefined
      }
    )
    const until = async (done: () => boolean, poke: () => Promise<unknown>) => {
      while (!done()) {
        const changed = new Promise<void>((resolve) => waiters.add(resolve))
        await poke()
        await Promise.race([changed, new Promise((resolve) => setImmediate(resolve))])
      }
    }
    const post = (title: string) =>
      fetch(`${pg.url}/api/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) })
    // The protocol has no "subscribed" message: create probe notes until the first one is announced.
    let probes = 0
    await until(
      () => seen.length > 0,
      () => post(`probe ${++probes}`)
    )
    await until(
      () => seen.some((event) => event.noteChanged.note.title === `probe ${probes}`),
      async () => undefined
    )
    const before = seen.length
    await post('Over REST')
    await gql('mutation { createNote(input: { title: "Over GraphQL" }) { id } }')
    await until(
      () => seen.length >= before + 2,
      async () => undefined
    )
    stop()
    expect(seen.slice(before)).toEqual([
      { noteChanged: { kind: 'CREATED', note: { title: 'Over REST' } } },
      { noteChanged: { kind: 'CREATED', note: { title: 'Over GraphQL' } } }
    ])
  })

  it('refuses a WebSocket that does not offer graphql-transport-ws, saying which to offer', async () => {
    const ws = new WebSocket(`${pg.url.replace(/^http/, 'ws')}/graphql`)
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      ws.once('open', () => reject(new Error('accepted')))
      ws.once('error', () => {})
      ws.once('unexpected-response', (_req, res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }))
      })
    })
    expect(status.code).toBe(400)
    expect(status.body).toMatch(/graphql-transport-ws/)
  })
})
