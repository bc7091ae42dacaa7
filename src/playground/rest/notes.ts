import type { RequestContext, Route } from '../http/router'
import { HttpError, parseIntParam, readBody, sendJson } from '../http/reply'
import type { Note, NoteInput, NotesStore } from './notes-store'
import { TitleConflictError, etagOf, noteIn, validateNote } from './notes-store'
import { currentLang, say } from '../i18n'

const MAX_JSON_BODY = 1024 * 1024

/** Notes speak JSON only; anything else gets a message that says what to send instead. */
async function readJson(ctx: RequestContext): Promise<unknown> {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, say('notJsonType', { type }), {
      hint: say('notJsonTypeHint')
    })
  }
  const raw = (await readBody(ctx.req, MAX_JSON_BODY)).toString('utf8')
  if (raw.trim() === '') {
    throw new HttpError(400, say('bodyEmpty'), { fields: { body: say('fieldRequired') } })
  }
  try {
    return JSON.parse(raw)
  } catch (error) {
    throw new HttpError(400, say('bodyNotJson'), {
      fields: { body: say('fieldInvalidJson') },
      detail: error instanceof Error ? error.message : String(error)
    })
  }
}

function findNote(store: NotesStore, ctx: RequestContext): Note {
  const raw = ctx.params.id ?? ''
  const note = /^\d+$/.test(raw) ? store.get(Number(raw)) : undefined
  if (!note) throw new HttpError(404, say('noteMissing', { id: raw }), { hint: say('noteMissingHint') })
  return note
}

/** A stale If-Match means the client would overwrite a change it never saw: refuse with 412 (RFC 9110). */
function checkIfMatch(ctx: RequestContext, note: Note): void {
  const header = ctx.req.headers['if-match']
  if (header === undefined) return
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''))
  if (tags.includes('*') || tags.includes(etagOf(note))) return
  throw new HttpError(412, say('staleIfMatch'), {
    current: etagOf(note),
    hint: say('staleIfMatchHint')
  })
}

function validated(value: unknown, partial: boolean, note?: Note): Partial<NoteInput> {
  const result = validateNote(value, partial)
  if (!result.ok) throw new HttpError(400, say('fieldsInvalid'), { fields: result.fields })
  const bodyId = (value as Record<string, unknown>).id
  if (note && bodyId !== undefined && bodyId !== note.id) {
    throw new HttpError(400, say('idMismatch'), { fields: { id: say('fieldIdOrAbsent', { id: note.id }) } })
  }
  return result.input
}

function conflictAware<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof TitleConflictError) {
      throw new HttpError(409, say('titleTaken'), {
        fields: { title: say('fieldExists') },
        conflictingId: error.existingId
      })
    }
    throw error
  }
}

export function notesRoutes(store: NotesStore): Route[] {
  return [
    {
      methods: ['GET'],
      path: '/api/notes',
      summary: 'list notes (?page=1&limit=10&q=text)',
      handler: (ctx) => {
        const q = ctx.url.searchParams.get('q') ?? ''
        const page = parseIntParam(ctx.url.searchParams.get('page'), 'page', { min: 1, max: 1_000_000, fallback: 1 })
        const limit = parseIntParam(ctx.url.searchParams.get('limit'), 'limit', { min: 1, max: 100, fallback: 10 })
        const result = store.list({ q, page, limit })
        const lang = currentLang()
        sendJson(
          ctx.res,
          200,
          { ...result, items: result.items.map((note) => noteIn(note, lang)) },
          {
            'X-Total-Count': result.total,
            'Content-Language': lang,
            Vary: 'Accept-Language'
          }
        )
      }
    },
    {
      methods: ['POST'],
      path: '/api/notes',
      summary: 'create a note { title, body?, tags? }',
      handler: async (ctx) => {
        const input = validated(await readJson(ctx), false) as NoteInput
        const note = conflictAware(() => store.create({ title: input.title, body: input.body ?? '', tags: input.tags ?? [] }))
        sendJson(ctx.res, 201, note, { Location: `/api/notes/${note.id}`, ETag: etagOf(note) })
      }
    },
    {
      methods: ['GET'],
      path: '/api/notes/:id',
      summary: 'one note (ETag header)',
      handler: (ctx) => {
        const note = findNote(store, ctx)
        sendJson(ctx.res, 200, noteIn(note, currentLang()), { ETag: etagOf(note), 'Content-Language': currentLang(), Vary: 'Accept-Language' })
      }
    },
    {
      methods: ['PUT', 'PATCH'],
      path: '/api/notes/:id',
      summary: 'replace (PUT) or partly update (PATCH); honours If-Match',
      handler: async (ctx) => {
        const note = findNote(store, ctx)
        const replace = ctx.req.method === 'PUT'
        const input = validated(await readJson(ctx), !replace, note)
        checkIfMatch(ctx, note)
        const updated = conflictAware(() => store.update(note.id, input, replace))
        sendJson(ctx.res, 200, updated, { ETag: etagOf(updated) })
      }
    },
    {
      methods: ['DELETE'],
      path: '/api/notes/:id',
      summary: 'delete a note (204); honours If-Match',
      handler: (ctx) => {
        const note = findNote(store, ctx)
        checkIfMatch(ctx, note)
        store.delete(note.id)
        ctx.res.writeHead(204).end()
      }
    }
  ]
}
