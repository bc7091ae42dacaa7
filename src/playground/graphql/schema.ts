import { GraphQLError, buildSchema } from 'graphql'
import type { Note, NoteChange, NotesStore } from '../rest/notes-store'
import { TitleConflictError, validateNote } from '../rest/notes-store'
import { say } from '../i18n'

/**
 * The playground's GraphQL schema, written as SDL so it reads like documentation. Every note is the
 * same note `/api/notes` serves: a REST create shows up in a GraphQL query and fires the subscription.
 */
export const playgroundSdl = /* GraphQL */ `
  """
  A note: the same notes the REST API at /api/notes serves.
  """
  type Note {
    id: ID!
    title: String!
    body: String!
    tags: [String!]!
    """
    ISO 8601 time of creation.
    """
    createdAt: String!
    updatedAt: String!
    """
    Bumped on every change (the REST ETag is derived from it).
    """
    version: Int!
    text: String! @deprecated(reason: "Use body.")
  }

  """
  One page of notes.
  """
  type NotePage {
    items: [Note!]!
    page: Int!
    limit: Int!
    total: Int!
  }

  """
  What happened to a note.
  """
  enum NoteChangeKind {
    CREATED
    UPDATED
    DELETED
  }

  type NoteChange {
    kind: NoteChangeKind!
    """
    The note after the change (for DELETED, as it was).
    """
    note: Note!
  }

  input NoteInput {
    title: String!
    body: String
    tags: [String!]
  }

  input NotePatch {
    title: String
    body: String
    tags: [String!]
  }

  type Query {
    """
    Notes whose title, body or tags contain q (case-insensitive), a page at a time.
    """
    notes(q: String = "", page: Int = 1, limit: Int = 10): NotePage!
    """
    One note, or null when there is none with this id.
    """
    note(id: ID!): Note
    """
    A greeting, to try a first query.
    """
    hello(name: String = "world"): String!
  }

  type Mutation {
    createNote(input: NoteInput!): Note!
    """
    Changes only the fields given.
    """
    updateNote(id: ID!, patch: NotePatch!): Note!
    """
    True when the note existed.
    """
    deleteNote(id: ID!): Boolean!
  }

  type Subscription {
    """
    Every create, update and delete of a note (REST or GraphQL); kind narrows to one kind.
    """
    noteChanged(kind: NoteChangeKind): NoteChange!
  }
`

export const playgroundSchema = buildSchema(playgroundSdl)

const asGraphql = (note: Note) => ({ ...note, text: note.body })

function checked(value: Record<string, unknown>, partial: boolean) {
  // An explicit null in a GraphQL input means "not given", as an absent field does.
  const result = validateNote(Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)), partial)
  if (!result.ok) {
    const detail = Object.entries(result.fields)
      .map(([field, problem]) => `${field} ${problem}`)
      .join('; ')
    throw new GraphQLError(say('graphqlInvalidNote', { detail }), { extensions: { code: 'BAD_USER_INPUT', fields: result.fields } })
  }
  return result.input
}

function noteId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new GraphQLError(say('graphqlNotNoteId', { raw }), { extensions: { code: 'BAD_USER_INPUT' } })
  return Number(raw)
}

function conflictAware<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof TitleConflictError) {
      throw new GraphQLError(say('graphqlTitleTaken', { id: error.existingId }), { extensions: { code: 'CONFLICT' } })
    }
    throw error
  }
}

/** Note changes as an async iterator, each wrapped as the subscription's root value; stops listening on return. */
function changes(store: NotesStore, kind: string | null | undefined): AsyncIterableIterator<{ noteChanged: unknown }> {
  const queue: NoteChange[] = []
  let wake: (() => void) | undefined
  let done = false
  const stop = store.onChange((change) => {
    if (kind && change.kind.toUpperCase() !== kind) return
    queue.push(change)
    wake?.()
  })
  const finish = async () => {
    done = true
    stop()
    wake?.()
    return { done: true as const, value: undefined }
  }
  return {
    [Symbol.asyncIterator]() {
      return this
    },
    async next() {
      while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve))
      const change = queue.shift()
      if (!change) return { done: true as const, value: undefined }
      return { done: false, value: { noteChanged: { kind: change.kind.toUpperCase(), note: asGraphql(change.note) } } }
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish()
      throw error
    }
  }
}

/** Root values per operation type, as graphql-js's default resolver calls them: (args, context, info). */
export function playgroundRoots(store: NotesStore) {
  return {
    query: {
      notes: ({ q, page, limit }: { q: string; page: number; limit: number }) => {
        if (page < 1) throw new GraphQLError(say('graphqlPage'), { extensions: { code: 'BAD_USER_INPUT' } })
        if (limit < 1 || limit > 100) throw new GraphQLError(say('graphqlLimit'), { extensions: { code: 'BAD_USER_INPUT' } })
        const result = store.list({ q, page, limit })
        return { ...result, items: result.items.map(asGraphql) }
      },
      note: ({ id }: { id: string }) => {
        const note = store.get(noteId(id))
        return note ? asGraphql(note) : null
      },
      hello: ({ name }: { name: string }) => `Hello, ${name}!`
    },
    mutation: {
      createNote: ({ input }: { input: Record<string, unknown> }) => {
        const fields = checked(input, false)
        return asGraphql(conflictAware(() => store.create({ title: fields.title ?? '', body: fields.body ?? '', tags: fields.tags ?? [] })))
      },
      updateNote: ({ id, patch }: { id: string; patch: Record<string, unknown> }) => {
        const note = store.get(noteId(id))
        if (!note) throw new GraphQLError(say('noteMissing', { id }), { extensions: { code: 'NOT_FOUND' } })
        return asGraphql(conflictAware(() => store.update(note.id, checked(patch, true), false)))
      },
      deleteNote: ({ id }: { id: string }) => store.delete(noteId(id))
    },
    subscription: {
      noteChanged: ({ kind }: { kind?: string | null }) => changes(store, kind)
    }
  }
}
