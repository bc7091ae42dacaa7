import { say } from '../i18n'

export interface Note {
  id: number
  title: string
  body: string
  tags: string[]
  createdAt: string
  updatedAt: string
  /** Bumped on every change; the ETag is derived from it so If-Match can detect lost updates. */
  version: number
}

export type NoteInput = Pick<Note, 'title' | 'body' | 'tags'>

export type FieldErrors = Record<string, string>

const WRITABLE = new Set(['title', 'body', 'tags'])
// Clients often PUT back the object they fetched; tolerating the server-owned fields keeps that working.
const READ_ONLY = new Set(['id', 'createdAt', 'updatedAt', 'version'])
const MAX_TITLE = 200
const MAX_BODY = 100_000
const MAX_TAGS = 20

/**
 * Checks a parsed JSON body. `partial` is for PATCH: absent fields are fine, present ones must be valid.
 * Returns either the accepted fields or the per-field errors, never both.
 */
export function validateNote(value: unknown, partial: boolean): { ok: true; input: Partial<NoteInput> } | { ok: false; fields: FieldErrors } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, fields: { body: say('fieldJsonObject') } }
  }
  const record = value as Record<string, unknown>
  const fields: FieldErrors = {}
  const input: Partial<NoteInput> = {}

  for (const key of Object.keys(record)) {
    if (!WRITABLE.has(key) && !READ_ONLY.has(key)) fields[key] = say('fieldUnknown')
  }
  if (record.title === undefined) {
    if (!partial) fields.title = say('fieldRequired')
  } else if (typeof record.title !== 'string') {
    fields.title = say('fieldString')
  } else if (record.title.trim() === '') {
    fields.title = say('fieldNotEmpty')
  } else if (record.title.length > MAX_TITLE) {
    fields.title = say('fieldMaxChars', { max: MAX_TITLE })
  } else {
    input.title = record.title.trim()
  }
  if (record.body !== undefined) {
    if (typeof record.body !== 'string') fields.body = say('fieldString')
    else if (record.body.length > MAX_BODY) fields.body = say('fieldMaxChars', { max: MAX_BODY })
    else input.body = record.body
  }
  if (record.tags !== undefined) {
    if (!Array.isArray(record.tags) || !record.tags.every((t) => typeof t === 'string')) {
      fields.tags = say('fieldStringArray')
    } else if (record.tags.length > MAX_TAGS) {
      fields.tags = say('fieldMaxTags', { max: MAX_TAGS })
    } else {
      input.tags = [...new Set(record.tags as string[])]
    }
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, input }
}

/** What happened to a note; GraphQL subscriptions (src/playground/graphql) are fed from these. */
export interface NoteChange {
  kind: 'created' | 'updated' | 'deleted'
  note: Note
}

export class TitleConflictError extends Error {
  constructor(readonly existingId: number) {
    super('A note with this title already exists')
  }
}

/** One store per server instance, so every test starts from the same seed. */
export function createNotesStore() {
  const notes = new Map<number, Note>()
  const listeners = new Set<(change: NoteChange) => void>()
  let nextId = 1
  const tell = (change: NoteChange) => {
    for (const listener of listeners) listener(change)
  }

  const titleOwner = (title: string, except?: number) => {
    const wanted = title.toLowerCase()
    for (const note of notes.values()) {
      if (note.id !== except && note.title.toLowerCase() === wanted) return note.id
    }
    return undefined
  }

  const store = {
    list({ q, page, limit }: { q: string; page: number; limit: number }) {
      const needle = q.toLowerCase()
      const matching = [...notes.values()].filter(
        (n) =>
          needle === '' ||
          n.title.toLowerCase().includes(needle) ||
          n.body.toLowerCase().includes(needle) ||
          n.tags.some((t) => t.toLowerCase().includes(needle))
      )
      const start = (page - 1) * limit
      return { items: matching.slice(start, start + limit), page, limit, total: matching.length }
    },

    get(id: number): Note | undefined {
      return notes.get(id)
    },

    create(input: NoteInput): Note {
      const owner = titleOwner(input.title)
      if (owner !== undefined) throw new TitleConflictError(owner)
      const now = new Date().toISOString()
      const note: Note = { id: nextId++, ...input, createdAt: now, updatedAt: now, version: 1 }
      notes.set(note.id, note)
      tell({ kind: 'created', note })
      return note
    },

    /** Replaces or merges; the caller has already checked existence and preconditions. */
    update(id: number, input: Partial<NoteInput>, replace: boolean): Note {
      const current = notes.get(id)
      if (!current) throw new Error(`note ${id} vanished`)
      if (input.title !== undefined) {
        const owner = titleOwner(input.title, id)
        if (owner !== undefined) throw new TitleConflictError(owner)
      }
      const next: Note = replace
        ? { ...current, title: input.title ?? current.title, body: input.body ?? '', tags: input.tags ?? [] }
        : { ...current, ...input }
      next.updatedAt = new Date().toISOString()
      next.version = current.version + 1
      notes.set(id, next)
      tell({ kind: 'updated', note: next })
      return next
    },

    delete(id: number): boolean {
      const note = notes.get(id)
      if (!note) return false
      notes.delete(id)
      tell({ kind: 'deleted', note })
      return true
    },

    /** Hears every create, update and delete (REST and GraphQL alike); returns the way to stop. */
    onChange(listener: (change: NoteChange) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }

  for (const seed of SEED) store.create(seed)
  return store
}

export type NotesStore = ReturnType<typeof createNotesStore>

export function etagOf(note: Note): string {
  return `"${note.id}-v${note.version}"`
}

/**
 * The sample notes in Spanish, by position in SEED. A request that prefers Spanish sees a sample note
 * in Spanish while it is as seeded (version 1); once someone edits it, it is that person's text.
 */
const SEED_ES: Array<Pick<Note, 'title' | 'body'>> = [
  { title: 'Bienvenido a Parley', body: 'Esta nota vive en memoria. Edítala, bórrala: al reiniciar el playground vuelve.' },
  { title: 'Prueba la paginación', body: 'GET /api/notes?page=1&limit=2 devuelve { items, page, limit, total }.' },
  { title: 'Busca notas', body: 'GET /api/notes?q=socket encuentra las notas cuyo título, cuerpo o etiquetas contienen "socket".' },
  { title: 'Chat con Socket.IO', body: 'Conéctate a / y emite chat:send; todos reciben chat:message.' },
  { title: 'Actualizaciones condicionales', body: 'Envía If-Match con el ETag del GET; uno desactualizado recibe 412.' }
]

/** A note as a reader in `lang` sees it: a sample note still as seeded comes in their language. */
export function noteIn(note: Note, lang: string): Note {
  const index = note.id - 1
  const seed = SEED[index]
  const translated = lang === 'es' ? SEED_ES[index] : undefined
  if (!seed || !translated || note.version !== 1 || note.title !== seed.title || note.body !== seed.body) return note
  return { ...note, ...translated }
}

const SEED: NoteInput[] = [
  { title: 'Welcome to Parley', body: 'This note lives in memory. Edit it, delete it: restarting the playground brings it back.', tags: ['welcome'] },
  { title: 'Try pagination', body: 'GET /api/notes?page=1&limit=2 returns { items, page, limit, total }.', tags: ['rest', 'pagination'] },
  { title: 'Search notes', body: 'GET /api/notes?q=socket finds notes whose title, body or tags contain "socket".', tags: ['rest', 'search'] },
  { title: 'Socket.IO chat', body: 'Connect to / and emit chat:send; everyone gets chat:message.', tags: ['socket.io'] },
  { title: 'Conditional updates', body: 'Send If-Match with the ETag from GET; a stale one gets 412.', tags: ['rest', 'etag'] }
]
