import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildSchema, graphql, introspectionFromSchema } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { GraphqlSchema } from '../../../../src/shared/graphql'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir('parley-graphql-')
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(() => playground.close())

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value as T
}
async function failure(services: Services, name: string, input: unknown) {
  const result = await services.invoke(name, input)
  if (result.ok) throw new Error(`${name} unexpectedly succeeded`)
  return result.error
}

async function withServices(run: (services: Services, base: string) => Promise<void>): Promise<void> {
  const base = await tempDir()
  const services = await createServices({ dataDir: join(base, 'data'), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  try {
    await run(services, base)
  } finally {
    await services.dispose()
  }
}

const tinySdl = 'type Query {\n  "The answer"\n  answer: Int\n  old: Int @deprecated(reason: "gone")\n}'

/** A GraphQL server that wants a bearer token and counts the requests it answered. */
async function guardedServer(token: string): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  const schema = buildSchema(tinySdl)
  let hits = 0
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      hits += 1
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'who are you?' }] }))
        return
      }
      const { query } = JSON.parse(body) as { query: string }
      void graphql({ schema, source: query }).then((result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

describe('graphql.introspect', () => {
  it('fetches the playground schema as SDL, caches it per URL, and refetches on demand', async () => {
    await withServices(async (services) => {
      const request = { method: 'POST', url: `${playground.url}/graphql`, body: { type: 'graphql', query: '{ hello }' } }
      const first = await call<GraphqlSchema>(services, 'graphql.introspect', { requestId: 'i1', request })
      expect(first.cached).toBe(false)
      expect(first.source).toEqual({ kind: 'introspection', url: `${playground.url}/graphql` })
      expect(first.sdl).toContain('type Note {')
      expect(first.sdl).toContain('text: String! @deprecated(reason: "Use body.")')
      expect(first.sdl).toContain('noteChanged(kind: NoteChangeKind): NoteChange!')
      expect(first.sdl).toContain('"""A note: the same notes the REST API at /api/notes serves."""')
      expect(first.typeCount).toBe(9)
      const again = await call<GraphqlSchema>(services, 'graphql.introspect', { requestId: 'i2', request })
      expect(again).toEqual({ ...first, cached: true })
      const fresh = await call<GraphqlSchema>(services, 'graphql.introspect', { requestId: 'i3', request, refresh: true })
      expect(fresh.cached).toBe(false)
      expect(fresh.sdl).toBe(first.sdl)
    })
  })

  it('sends it like the request: collection variables and inherited auth apply', async () => {
    const server = await guardedServer('s3cret')
    try {
      await withServices(async (services, base) => {
        const created = await call<{ id: string }>(services, 'collection.create', { path: join(base, 'col'), name: 'Col' })
        await call(services, 'folder.save', {
          collectionId: created.id,
          path: '',
          settings: {
            name: 'Col',
            auth: { type: 'bearer', token: '{{token}}' },
            variables: [
              { name: 'base', value: server.url },
              { name: 'token', value: 's3cret' }
            ]
          }
        })
        const request = { method: 'POST', url: '{{base}}/graphql', auth: { type: 'inherit' }, body: { type: 'graphql', query: '' } }
        const schema = await call<GraphqlSchema>(services, 'graphql.introspect', {
          requestId: 'g1',
          request,
          context: { collectionId: created.id, path: 'req.yaml' }
        })
        expect(schema.source).toEqual({ kind: 'introspection', url: `${server.url}/graphql` })
        expect(schema.sdl).toContain('old: Int @deprecated(reason: "gone")')

        // Without the collection (no token) the server refuses, and says why; refresh skips the cache.
        const refused = await failure(services, 'graphql.introspect', { requestId: 'g2', request: { ...request, url: `${server.url}/graphql` }, refresh: true })
        expect(refused.code).toBe('introspection_failed')
        expect(refused.message).toContain('who are you?')
      })
    } finally {
      await server.close()
    }
  })

  it('says what was wrong when the URL is not a GraphQL endpoint', async () => {
    await withServices(async (services) => {
      const error = await failure(services, 'graphql.introspect', {
        requestId: 'n1',
        request: { method: 'POST', url: `${playground.url}/status/404`, body: { type: 'graphql', query: '' } }
      })
      expect(error.code).toBe('introspection_failed')
      expect(error.message).toMatch(/did not answer the introspection query with a schema \(HTTP 404/)
      expect(error.hint).toMatch(/GraphQL endpoint/)
    })
  })
})

describe('graphql.schemaFile', () => {
  it('reads SDL and introspection JSON from the collection folder, and refuses a file outside it', async () => {
    await withServices(async (services, base) => {
      const created = await call<{ id: string }>(services, 'collection.create', { path: join(base, 'col'), name: 'Col' })
      const context = { collectionId: created.id }
      await writeFile(join(base, 'col', 'schema.graphql'), tinySdl)
      await writeFile(join(base, 'col', 'schema.json'), JSON.stringify({ data: introspectionFromSchema(buildSchema(tinySdl)) }))
      const sdl = await call<GraphqlSchema>(services, 'graphql.schemaFile', { path: 'schema.graphql', context })
      expect(sdl.source).toEqual({ kind: 'file', path: 'schema.graphql', format: 'sdl' })
      expect(sdl.sdl).toContain('"""The answer"""')
      const json = await call<GraphqlSchema>(services, 'graphql.schemaFile', { path: join(base, 'col', 'schema.json'), context })
      expect(json.source).toMatchObject({ format: 'introspection-json' })
      expect(json.sdl).toBe(sdl.sdl)

      await mkdir(join(base, 'elsewhere'))
      await writeFile(join(base, 'elsewhere', 'schema.graphql'), tinySdl)
      const refused = await failure(services, 'graphql.schemaFile', { path: join(base, 'elsewhere', 'schema.graphql'), context })
      expect(refused.code).toBe('file_not_allowed')
    })
  })

  it('explains a file that is not a schema', async () => {
    await withServices(async (services, base) => {
      const created = await call<{ id: string }>(services, 'collection.create', { path: join(base, 'col'), name: 'Col' })
      const context = { collectionId: created.id }
      await writeFile(join(base, 'col', 'broken.graphql'), 'type Query {\n  answer: \n}')
      await writeFile(join(base, 'col', 'other.json'), '{"openapi": "3.0.0"}')
      const broken = await failure(services, 'graphql.schemaFile', { path: 'broken.graphql', context })
      expect(broken).toMatchObject({
        code: 'invalid_schema',
        message: expect.stringMatching(/broken\.graphql is not a valid GraphQL schema: Syntax Error: Expected Name, found "}"/)
      })
      const other = await failure(services, 'graphql.schemaFile', { path: 'other.json', context })
      expect(other).toMatchObject({ code: 'invalid_schema', message: expect.stringContaining('holds no "__schema"') })
      const missing = await failure(services, 'graphql.schemaFile', { path: 'nope.graphql', context })
      expect(missing.code).toBe('file_not_found')
    })
  })
})
