import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playground } from '../../../src/playground/server'
import { startPlayground } from '../../../src/playground/server'

let pg: Playground
beforeAll(async () => {
  pg = await startPlayground()
})
afterAll(() => pg.close())

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(pg.url + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })

describe('/api/notes', () => {
  it('lists the seeded notes with pagination metadata', async () => {
    const res = await fetch(`${pg.url}/api/notes`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const page = await res.json()
    expect(page).toMatchObject({ page: 1, limit: 10 })
    expect(page.total).toBeGreaterThanOrEqual(3)
    expect(page.items.length).toBe(Math.min(10, page.total))
    expect(page.items[0]).toMatchObject({ id: 1, title: 'Welcome to Parley' })
  })

  it('pages with ?page and ?limit', async () => {
    const all = await (await fetch(`${pg.url}/api/notes?limit=100`)).json()
    const second = await (await fetch(`${pg.url}/api/notes?page=2&limit=2`)).json()
    expect(second).toMatchObject({ page: 2, limit: 2, total: all.total })
    expect(second.items.map((n: { id: number }) => n.id)).toEqual(all.items.slice(2, 4).map((n: { id: number }) => n.id))
  })

  it('rejects a bad page or limit with field errors', async () => {
    const res = await fetch(`${pg.url}/api/notes?page=0&limit=2`)
    expect(res.status).toBe(400)
    expect((await res.json()).fields).toEqual({ page: 'must be between 1 and 1000000' })
    const res2 = await fetch(`${pg.url}/api/notes?limit=abc`)
    expect(res2.status).toBe(400)
    expect((await res2.json()).fields.limit).toMatch(/integer/)
  })

  it('searches title, body and tags with ?q', async () => {
    const res = await (await fetch(`${pg.url}/api/notes?q=SOCKET`)).json()
    expect(res.total).toBeGreaterThan(0)
    for (const note of res.items) {
      expect(`${note.title} ${note.body} ${note.tags.join(' ')}`.toLowerCase()).toContain('socket')
    }
    const none = await (await fetch(`${pg.url}/api/notes?q=zzz-no-such-thing`)).json()
    expect(none).toMatchObject({ items: [], total: 0 })
  })

  it('creates, reads, replaces, patches and deletes a note', async () => {
    const created = await send('POST', '/api/notes', { title: 'CRUD note', body: 'b', tags: ['x'] })
    expect(created.status).toBe(201)
    const note = await created.json()
    expect(note).toMatchObject({ title: 'CRUD note', body: 'b', tags: ['x'], version: 1 })
    expect(created.headers.get('location')).toBe(`/api/notes/${note.id}`)

    const fetched = await fetch(`${pg.url}/api/notes/${note.id}`)
    expect(await fetched.json()).toEqual(note)
    expect(fetched.headers.get('etag')).toBe(`"${note.id}-v1"`)

    const replaced = await (await send('PUT', `/api/notes/${note.id}`, { title: 'CRUD note 2' })).json()
    expect(replaced).toMatchObject({ id: note.id, title: 'CRUD note 2', body: '', tags: [], version: 2 })

    const patched = await (await send('PATCH', `/api/notes/${note.id}`, { body: 'patched' })).json()
    expect(patched).toMatchObject({ title: 'CRUD note 2', body: 'patched', version: 3 })

    const deleted = await send('DELETE', `/api/notes/${note.id}`)
    expect(deleted.status).toBe(204)
    expect((await fetch(`${pg.url}/api/notes/${note.id}`)).status).toBe(404)
  })

  it('answers 400 with field errors for missing or invalid fields', async () => {
    const res = await send('POST', '/api/notes', { body: 42, tags: 'nope', colour: 'red' })
    expect(res.status).toBe(400)
    const error = await res.json()
    expect(error.error).toEqual(expect.any(String))
    expect(error.fields).toEqual({
      title: 'required',
      body: 'must be a string',
      tags: 'must be an array of strings',
      colour: 'unknown field'
    })
  })

  it('answers 400 for bad JSON and 415 for a non-JSON body', async () => {
    const bad = await send('POST', '/api/notes', '{"title": ')
    expect(bad.status).toBe(400)
    expect((await bad.json()).fields).toEqual({ body: 'invalid JSON' })
    const text = await fetch(`${pg.url}/api/notes`, { method: 'POST', body: 'title=x', headers: { 'Content-Type': 'text/plain' } })
    expect(text.status).toBe(415)
  })

  it('answers 404 for an unknown id', async () => {
    for (const id of ['9999', 'abc']) {
      const res = await fetch(`${pg.url}/api/notes/${id}`)
      expect(res.status).toBe(404)
      expect((await res.json()).error).toContain(id)
    }
    expect((await send('PATCH', '/api/notes/9999', { title: 'x' })).status).toBe(404)
    expect((await send('DELETE', '/api/notes/9999')).status).toBe(404)
  })

  it('answers 409 when a title is already taken', async () => {
    const res = await send('POST', '/api/notes', { title: 'welcome to parley' })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ fields: { title: 'already exists' }, conflictingId: 1 })
    const other = await (await send('POST', '/api/notes', { title: 'Conflict target' })).json()
    expect((await send('PATCH', `/api/notes/${other.id}`, { title: 'Welcome to Parley' })).status).toBe(409)
  })

  it('answers 412 when If-Match names a stale version, and applies a matching one', async () => {
    const note = await (await send('POST', '/api/notes', { title: 'Etag note' })).json()
    const etag = `"${note.id}-v1"`
    const ok = await send('PATCH', `/api/notes/${note.id}`, { body: 'first' }, { 'If-Match': etag })
    expect(ok.status).toBe(200)
    const stale = await send('PATCH', `/api/notes/${note.id}`, { body: 'second' }, { 'If-Match': etag })
    expect(stale.status).toBe(412)
    expect((await stale.json()).current).toBe(`"${note.id}-v2"`)
    expect((await (await fetch(`${pg.url}/api/notes/${note.id}`)).json()).body).toBe('first')
  })

  it('gives every server instance its own fresh notes', async () => {
    await send('DELETE', '/api/notes/1')
    const other = await startPlayground()
    try {
      expect((await fetch(`${other.url}/api/notes/1`)).status).toBe(200)
      expect((await fetch(`${pg.url}/api/notes/1`)).status).toBe(404)
    } finally {
      await other.close()
    }
  })
})
