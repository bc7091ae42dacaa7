import type { IncomingMessage } from 'node:http'
import IntlMessageFormat from 'intl-messageformat'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { catalogs, langOf } from '../../../src/playground/i18n'
import { startPlayground, type Playground } from '../../../src/playground/server'

/**
 * The playground in English and Spanish, on loopback: HTTP by Accept-Language (or ?lang=), Socket.IO
 * and WebSocket by their handshake. Only the human texts change; the JSON field names stay.
 */
let pg: Playground
const sockets: Socket[] = []
beforeAll(async () => {
  pg = await startPlayground()
})
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect()
})
afterAll(() => pg.close())

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(pg.url + path, init)
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers }
}

const spanish = { 'Accept-Language': 'es-ES,es;q=0.9,en;q=0.5' }

describe('playground texts by Accept-Language', () => {
  it('answers a missing note in Spanish when Spanish is preferred, in English otherwise, with the same fields', async () => {
    const [es, en, none] = await Promise.all([
      get('/api/notes/999', { headers: spanish }),
      get('/api/notes/999', { headers: { 'Accept-Language': 'en-US' } }),
      get('/api/notes/999')
    ])
    expect(es.status).toBe(404)
    expect(es.body).toEqual({ error: 'No hay ninguna nota con id "999"', status: 404, hint: 'GET /api/notes lista los ids que existen' })
    expect(es.headers.get('content-language')).toBe('es')
    expect(es.headers.get('vary')).toContain('Accept-Language')
    expect(en.body).toEqual({ error: 'No note with id "999"', status: 404, hint: 'GET /api/notes lists the ids that exist' })
    expect(en.headers.get('content-language')).toBe('en')
    expect(none.body['error']).toBe('No note with id "999"')
  })

  it('a stale If-Match (412) and invalid fields speak Spanish; field names stay English', async () => {
    const stale = await get('/api/notes/2', {
      method: 'PATCH',
      headers: { ...spanish, 'Content-Type': 'application/json', 'If-Match': '"2-v0"' },
      body: '{"title":"x"}'
    })
    expect(stale.status).toBe(412)
    expect(stale.body['error']).toBe('If-Match no coincide con la versión actual de esta nota')
    expect(stale.body['hint']).toBe('Vuelve a hacer GET de la nota para ver su última versión y su ETag')
    expect(stale.body).toHaveProperty('current')
    const invalid = await get('/api/notes', { method: 'POST', headers: { ...spanish, 'Content-Type': 'application/json' }, body: '{"title":"","color":1}' })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toEqual({
      error: 'Faltan campos o alguno no es válido',
      status: 400,
      fields: { title: 'no puede estar vacío', color: 'campo desconocido' }
    })
  })

  it('the sample notes read in Spanish while they are as seeded; an edited one is what its editor wrote', async () => {
    const es = { 'Accept-Language': 'es-ES,es;q=0.9' }
    const list = await fetch(`${pg.url}/api/notes`, { headers: es })
    expect(list.headers.get('content-language')).toBe('es')
    expect(list.headers.get('vary')).toBe('Accept-Language')
    const items = ((await list.json()) as { items: Array<{ id: number; title: string }> }).items
    expect(items[0]).toMatchObject({ id: 1, title: 'Bienvenido a Parley' })
    expect(((await (await fetch(`${pg.url}/api/notes/1`)).json()) as { title: string }).title).toBe('Welcome to Parley')
    const one = await fetch(`${pg.url}/api/notes/4`, { headers: es })
    const etag = one.headers.get('etag')!
    expect(((await one.json()) as { title: string }).title).toBe('Chat con Socket.IO')
    const edited = await fetch(`${pg.url}/api/notes/4`, {
      method: 'PATCH',
      headers: { ...es, 'If-Match': etag, 'Content-Type': 'application/json' },
      body: '{"body": "mine"}'
    })
    expect(edited.status).toBe(200)
    expect(((await (await fetch(`${pg.url}/api/notes/4`, { headers: es })).json()) as { title: string }).title).toBe('Socket.IO chat')
  })

  it('weighs the header: the highest q among en and es wins, other languages are skipped, ?lang= overrides', async () => {
    const cases = await Promise.all([
      get('/no/such/route', { headers: { 'Accept-Language': 'fr-FR, es;q=0.8, en;q=0.7' } }),
      get('/no/such/route', { headers: { 'Accept-Language': 'es;q=0.4, en;q=0.9' } }),
      get('/no/such/route', { headers: { 'Accept-Language': 'de, fr' } }),
      get('/no/such/route?lang=es', { headers: { 'Accept-Language': 'en' } })
    ])
    expect(cases.map((c) => c.body['error'])).toEqual([
      'No hay ninguna ruta para GET /no/such/route',
      'No route for GET /no/such/route',
      'No route for GET /no/such/route',
      'No hay ninguna ruta para GET /no/such/route'
    ])
    expect(cases[0]?.body).toHaveProperty('routes')
    expect(langOf('es-MX;q=0, en;q=0.1')).toBe('en')
    expect(langOf(undefined, 'es')).toBe('es')
  })

  it('Socket.IO: a session that asked for Spanish (header or lang query) gets Spanish ack errors; others English', async () => {
    const open = (options: Parameters<typeof connect>[1]): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(pg.url, { transports: ['websocket'], forceNew: true, reconnection: false, ...options })
        sockets.push(socket)
        socket.once('connect', () => resolve(socket))
        socket.once('connect_error', reject)
      })
    const [byHeader, byQuery, english] = await Promise.all([open({ extraHeaders: { 'Accept-Language': 'es' } }), open({ query: { lang: 'es' } }), open({})])
    const acks = await Promise.all([byHeader, byQuery, english].map((s) => s.emitWithAck('chat:send', 42) as Promise<{ ok: boolean; error: string }>))
    expect(acks).toEqual([
      { ok: false, error: 'chat:send espera un texto como primer argumento' },
      { ok: false, error: 'chat:send espera un texto como primer argumento' },
      { ok: false, error: 'chat:send expects a text string as its first argument' }
    ])
    const burst = (await byHeader.emitWithAck('burst', { count: -1 })) as { error: string }
    expect(burst.error).toBe('burst espera { count } con un número entero de 0 a 1000000')
    const refused = await new Promise<Error>((resolve) => {
      const socket = connect(`${pg.url}/private`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        query: { lang: 'es' },
        auth: { token: 'wrong' }
      })
      sockets.push(socket)
      socket.once('connect_error', resolve)
    })
    expect(refused.message).toBe('token no válido')
  })

  it('WebSocket: a refused upgrade explains itself in the handshake language', async () => {
    const refusal = (url: string, headers: Record<string, string>): Promise<{ status: number; language: string; body: string }> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url, { headers })
        ws.on('unexpected-response', (_req, res: IncomingMessage) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, language: String(res.headers['content-language']), body }))
        })
        ws.on('open', () => reject(new Error('the upgrade was accepted')))
        ws.on('error', () => undefined)
      })
    const ws = pg.url.replace(/^http/, 'ws')
    const [es, en] = await Promise.all([refusal(`${ws}/ws/nowhere`, { 'Accept-Language': 'es' }), refusal(`${ws}/ws/proto`, {})])
    expect(es.status).toBe(404)
    expect(es.language).toBe('es')
    expect(JSON.parse(es.body)).toEqual({
      error: 'No hay ningún endpoint WebSocket en /ws/nowhere; prueba /ws/echo, /ws/broadcast, /ws/headers, /ws/proto, /ws/close o /graphql',
      status: 404
    })
    expect(en.language).toBe('en')
    expect(JSON.parse(en.body).error).toBe('This endpoint requires the WebSocket subprotocol "parley.v1" (Sec-WebSocket-Protocol)')
  })
})

describe("the playground's catalogs", () => {
  it('Spanish has the same keys and ICU arguments as English', () => {
    const args = (message: string, lang: string): string[] =>
      (new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst() as { type: number; value?: string }[])
        .filter((el) => el.type >= 1 && el.type <= 6)
        .map((el) => el.value ?? '')
        .sort()
    expect(Object.keys(catalogs.es).sort()).toEqual(Object.keys(catalogs.en).sort())
    for (const [key, message] of Object.entries(catalogs.en)) expect(args(catalogs.es[key as keyof typeof catalogs.es], 'es'), key).toEqual(args(message, 'en'))
  })
})
