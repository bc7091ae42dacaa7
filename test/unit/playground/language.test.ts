import type { IncomingMessage } from 'node:http'
import IntlMessageFormat from 'intl-messageformat'
import { createClient } from 'graphql-ws'
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

describe('the OAuth pages and the digest, GraphQL and encodings errors by Accept-Language', () => {
  const page = async (path: string, init: RequestInit = {}): Promise<{ status: number; html: string; language: string | null }> => {
    const res = await fetch(pg.url + path, init)
    return { status: res.status, html: await res.text(), language: res.headers.get('content-language') }
  }
  const authorize = `/oauth/authorize?response_type=code&client_id=parley-app&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&scope=notes`

  it('the sign-in page speaks the preferred language, values stay as they are', async () => {
    const [es, en] = await Promise.all([page(authorize, { headers: spanish }), page(authorize)])
    expect(es.status).toBe(200)
    expect(es.language).toBe('es')
    expect(es.html).toContain('<html lang="es">')
    expect(es.html).toContain('<h1>Inicia sesión en el playground de Parley</h1>')
    expect(es.html).toContain('<b>parley-app</b> pide acceso a <b>notes</b>.')
    expect(es.html).toContain('Usa el usuario <code>parley</code> y la contraseña <code>secret</code>.')
    expect(es.html).toContain('<button type="submit">Iniciar sesión</button>')
    expect(es.html).not.toMatch(/Sign in|Username|Password/)
    expect(en.language).toBe('en')
    expect(en.html).toContain('<h1>Sign in to the Parley playground</h1>')
    expect(en.html).toContain('<b>parley-app</b> asks for access to <b>notes</b>.')
    const wrong = await page('/oauth/authorize', {
      method: 'POST',
      headers: { ...spanish, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: 'parley-app',
        redirect_uri: 'http://127.0.0.1:9/cb',
        username: 'x',
        password: 'y'
      }).toString()
    })
    expect(wrong.html).toContain('<p class="error" role="alert">El usuario o la contraseña no son correctos.</p>')
    const unknown = await page('/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=x', { headers: spanish })
    expect(unknown.status).toBe(400)
    expect(unknown.html).toContain('<h1>No se puede iniciar sesión</h1>')
    expect(unknown.html).toContain('No se conoce el client_id "nobody". El playground conoce parley-app, parley-server, parley-short.')
  })

  it('the device page and its answers speak the preferred language', async () => {
    const empty = await page('/oauth/device?user_code=AB-CD', { headers: spanish })
    expect(empty.html).toContain('<h1>Conecta un dispositivo</h1>')
    expect(empty.html).toContain('Código que muestra el dispositivo')
    expect(empty.html).toContain('<button type="submit">Permitir</button>')
    const form = (body: Record<string, string>, headers: Record<string, string> = spanish) =>
      page('/oauth/device', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString()
      })
    const unknown = await form({ user_code: 'ZZ-ZZ', username: 'parley', password: 'secret' })
    expect(unknown.status).toBe(400)
    expect(unknown.html).toContain('Ningún dispositivo espera el código &quot;ZZ-ZZ&quot; (o ya ha caducado).')
    expect((await form({ user_code: 'ZZ-ZZ', username: 'parley', password: 'secret' }, {})).html).toContain('No device is waiting for the code')
    const notForm = await fetch(`${pg.url}/oauth/device`, { method: 'POST', headers: { ...spanish, 'Content-Type': 'text/plain' }, body: 'x' })
    expect(notForm.status).toBe(415)
    expect(((await notForm.json()) as { error: string }).error).toBe('Envía el formulario como application/x-www-form-urlencoded (RFC 6749, sección 3.2)')
  })

  it('digest auth explains a refusal in Spanish', async () => {
    const [missing, algorithm] = await Promise.all([get('/auth/digest', { headers: spanish }), get('/auth/digest?algorithm=FOO', { headers: spanish })])
    expect(missing.status).toBe(401)
    expect(missing.body).toEqual({ error: 'Faltan las credenciales Digest', status: 401, hint: 'Autenticación Digest: usuario "parley", contraseña "secret"' })
    expect(missing.headers.get('www-authenticate')).toMatch(/^Digest realm=/)
    expect(algorithm.body).toMatchObject({ error: 'El algoritmo "FOO" no está admitido', supported: expect.any(Array) })
  })

  it('GraphQL over HTTP answers its own errors in Spanish; field names and codes stay', async () => {
    const post = (body: string) => get('/graphql', { method: 'POST', headers: { ...spanish, 'Content-Type': 'application/json' }, body })
    const [notObject, mutationByGet, badId] = await Promise.all([
      post('[]'),
      get(`/graphql?query=${encodeURIComponent('mutation { deleteNote(id: "1") }')}`, { headers: spanish }),
      post(JSON.stringify({ query: '{ note(id: "x") { id } }' }))
    ])
    expect(notObject.body['error']).toBe('El cuerpo debe ser un objeto JSON { query, variables?, operationName? }')
    expect(mutationByGet.status).toBe(405)
    expect(mutationByGet.body).toEqual({ errors: [{ message: 'Las mutaciones necesitan POST' }] })
    expect(badId.body['errors']).toEqual([
      expect.objectContaining({ message: '"x" no es un id de nota; los ids son números enteros', extensions: { code: 'BAD_USER_INPUT' } })
    ])
  })

  it('GraphQL over WebSocket: resolver errors speak the language of the upgrade', async () => {
    const ask = async (query: string): Promise<unknown> => {
      const client = createClient({ url: `${pg.url.replace(/^http/, 'ws')}/graphql${query}`, webSocketImpl: WebSocket, retryAttempts: 0 })
      try {
        for await (const result of client.iterate({ query: '{ note(id: "x") { id } }' })) return result.errors?.[0]?.message
      } finally {
        await client.dispose()
      }
    }
    expect(await ask('?lang=es')).toBe('"x" no es un id de nota; los ids son números enteros')
    expect(await ask('')).toBe('"x" is not a note id; ids are whole numbers')
  })

  it('a compressed body says what happened in Spanish', async () => {
    const res = await fetch(`${pg.url}/gzip`, { headers: spanish })
    expect(res.headers.get('content-language')).toBe('es')
    expect(((await res.json()) as { message: string }).message).toBe('Este cuerpo se comprimió con gzip; tu cliente lo ha descomprimido.')
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
