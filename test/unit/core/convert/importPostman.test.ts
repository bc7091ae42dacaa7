import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../support/tempDir'
import { call, fixture, importFixture, outline, pathOf } from './importKit'

const tempDir = useTempDir('parley-import-')

describe('import: Postman collection v2.1', () => {
  it('creates the collection folder with folders in order, variables, auth and descriptions', async () => {
    const target = await tempDir()
    const { result, tree, folder, services } = await importFixture(await tempDir(), target, 'postman-v2.1-collection.json')
    expect(result).toMatchObject({
      format: 'postman-collection',
      name: 'Notes API',
      imported: 8,
      folders: 2,
      environments: 0,
      collectionPath: `${target}/notes-api`
    })
    expect(outline((await tree()).root)).toEqual([
      'Notes/',
      '  List notes',
      '  Get note',
      '  Create note',
      'Uploads/',
      '  Upload attachment',
      '  Login form',
      '  Put raw file',
      'GraphQL search',
      'Token (client credentials)'
    ])
    const root = await folder('')
    expect(root).toMatchObject({
      name: 'Notes API',
      description: 'Requests for the **Notes** service, as exported by Postman 11.',
      auth: { type: 'basic', username: 'ada', password: '{{password}}' },
      variables: [
        { name: 'baseUrl', value: 'https://notes.example.com/api', enabled: true, secret: false },
        { name: 'token', value: '', enabled: true, secret: true },
        { name: 'retired', value: 'x', enabled: false, secret: false }
      ]
    })
    const notes = await folder('notes')
    expect(notes).toMatchObject({ name: 'Notes', description: 'Create, read and delete notes.', auth: { type: 'inherit' } })
    expect(await folder('uploads')).toMatchObject({ auth: { type: 'apikey', key: 'X-Api-Key', value: '{{apiKey}}', in: 'header' } })
    await services.dispose()
  })

  it('maps each request field by field', async () => {
    const { read, tree, services } = await importFixture(await tempDir(), await tempDir(), 'postman-v2.1-collection.json')
    const root = (await tree()).root
    expect(await read(pathOf(root, 'Notes', 'List notes'))).toMatchObject({
      kind: 'http',
      name: 'List notes',
      description: 'Newest first.',
      method: 'GET',
      url: '{{baseUrl}}/notes?limit=20&tag=work',
      headers: [
        { name: 'Accept', value: 'application/json', enabled: true },
        { name: 'X-Debug', value: '1', enabled: false, description: 'Server-side tracing' }
      ],
      body: { type: 'none' },
      auth: { type: 'inherit' },
      // The test script is kept with the request, to run once Parley runs scripts.
      scripts: { post: expect.stringContaining('pm.test(') }
    })
    expect((await read(pathOf(root, 'Notes', 'Get note'))).url).toBe('{{baseUrl}}/notes/42')
    expect(await read(pathOf(root, 'Notes', 'Create note'))).toMatchObject({
      method: 'POST',
      headers: [],
      body: { type: 'json', text: '{\n  "title": "Groceries",\n  "body": "milk, eggs"\n}' },
      auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' }
    })
    expect(await read(pathOf(root, 'Uploads', 'Upload attachment'))).toMatchObject({
      url: '{{baseUrl}}/attachments',
      body: {
        type: 'multipart',
        parts: [
          { kind: 'file', name: 'file', path: '/home/ada/report.pdf', enabled: true },
          { kind: 'text', name: 'caption', value: 'Q3 report', enabled: true },
          { kind: 'text', name: 'meta', value: '{"a":1}', contentType: 'application/json', enabled: false }
        ]
      }
    })
    expect(await read(pathOf(root, 'Uploads', 'Login form'))).toMatchObject({
      auth: { type: 'none' },
      body: {
        type: 'form',
        fields: [
          { name: 'username', value: 'ada', enabled: true },
          { name: 'password', value: '{{password}}', enabled: true },
          { name: 'remember', value: '1', enabled: false }
        ]
      }
    })
    expect(await read(pathOf(root, 'Uploads', 'Put raw file'))).toMatchObject({
      method: 'PUT',
      body: { type: 'binary', path: '/tmp/blob.bin' },
      auth: { type: 'none' },
      settings: { followRedirects: false, verifyTls: false }
    })
    expect(await read(pathOf(root, 'GraphQL search'))).toMatchObject({
      body: { type: 'graphql', query: 'query Search($q: String!) {\n  search(q: $q) { id title }\n}', variables: '{\n  "q": "milk"\n}' }
    })
    expect(await read(pathOf(root, 'Token (client credentials)'))).toMatchObject({
      auth: {
        type: 'oauth2',
        grant: 'client_credentials',
        tokenUrl: 'https://auth.example.com/oauth/token',
        clientId: 'notes-cli',
        clientSecret: '{{clientSecret}}',
        scope: 'notes:read notes:write',
        clientAuth: 'body'
      }
    })
    await services.dispose()
  })

  it("lists everything it could not carry over, and keeps the collection's script", async () => {
    const { result, services, folder } = await importFixture(await tempDir(), await tempDir(), 'postman-v2.1-collection.json')
    // Collection and folder scripts run around every request inside, outer to inner, as in Postman.
    expect(await folder('')).toMatchObject({ scripts: { pre: "pm.variables.set('ts', Date.now());" } })
    expect(result.unsupported).toEqual([
      { item: 'Notes API', what: expect.stringMatching(/variable "\$bad" has a name Parley cannot use/) },
      { item: 'Notes / List notes', what: expect.stringMatching(/disabled query parameter "cursor"/) },
      { item: 'Uploads / Put raw file', what: expect.stringMatching(/^hawk auth is not supported/) },
      { item: 'Uploads / Put raw file', what: 'The setting disableUrlEncoding is not supported by Parley.' },
      // Files outside the new collection folder: Send refuses them until the user chooses them.
      { item: 'Uploads / Upload attachment', what: expect.stringMatching(/^"Upload attachment" reads \/home\/ada\/report\.pdf .*refuse to send it/) },
      { item: 'Uploads / Put raw file', what: expect.stringMatching(/^"Put raw file" reads \/tmp\/blob\.bin \(the file sent as the body\)/) }
    ])
    // The collection's pre-request script is kept in parley.yaml, to run before every request.
    const settings = await services.invoke('folder.read', { collectionId: result.collectionId, path: '' })
    expect(settings).toMatchObject({ ok: true, value: { scripts: { pre: "pm.variables.set('ts', Date.now());" } } })
    await services.dispose()
  })

  it('import.preview counts the same and writes nothing', async () => {
    const { createServices } = await import('../../../../src/core/services')
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const target = await tempDir()
    const preview = await call<Record<string, unknown>>(services, 'import.preview', { text: await fixture('postman-v2.1-collection.json'), targetDir: target })
    expect(preview).toMatchObject({ imported: 8, folders: 2, collectionPath: `${target}/notes-api` })
    expect(preview['collectionId']).toBeUndefined()
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(target)).toEqual([])
    await services.dispose()
  })
})

describe('import: Postman collection v2.0 and environments', () => {
  it('reads v2.0 auth objects, header strings and bare URL requests', async () => {
    const { result, read, tree, services } = await importFixture(await tempDir(), await tempDir(), 'postman-v2.0-collection.json')
    expect(result).toMatchObject({ format: 'postman-collection', name: 'Echo (v2.0)', imported: 4, unsupported: [] })
    const root = (await tree()).root
    expect(await read(pathOf(root, 'Basic auth'))).toMatchObject({
      url: 'https://postman-echo.com/basic-auth',
      auth: { type: 'basic', username: 'postman', password: 'password' },
      headers: [{ name: 'Authorization', value: 'Basic cG9zdG1hbjpwYXNzd29yZA==' }],
      description: 'Basic auth with the v2.0 object form of parameters.'
    })
    expect(await read(pathOf(root, 'Post raw text'))).toMatchObject({
      method: 'POST',
      headers: [{ name: 'X-Trace', value: '7', enabled: true }],
      body: { type: 'text', text: 'Duis posuere augue vel cursus pharetra.', contentType: 'text/plain' }
    })
    expect(await read(pathOf(root, 'Digest'))).toMatchObject({ auth: { type: 'digest', username: 'postman', password: 'password' } })
    expect(await read(pathOf(root, 'Get with query'))).toMatchObject({ method: 'GET', url: 'https://postman-echo.com/get?foo=bar' })
    await services.dispose()
  })

  it('imports an environment with its secret kept out of the files', async () => {
    const { result, environments, services } = await importFixture(await tempDir(), await tempDir(), 'postman-environment.json')
    expect(result).toMatchObject({ format: 'postman-environment', name: 'Notes staging', imported: 0, environments: 1 })
    expect((await environments()).environments).toEqual([
      {
        id: 'notes-staging',
        name: 'Notes staging',
        variables: [
          { name: 'baseUrl', value: 'https://staging.notes.example.com/api', enabled: true, secret: false },
          { name: 'token', value: 's3cr3t', enabled: true, secret: true },
          { name: 'old', value: '1', enabled: false, secret: false }
        ]
      }
    ])
    const { readFile } = await import('node:fs/promises')
    const file = await readFile(`${result.collectionPath}/environments/notes-staging.yaml`, 'utf8')
    expect(file).not.toContain('s3cr3t')
    await services.dispose()
  })
})
