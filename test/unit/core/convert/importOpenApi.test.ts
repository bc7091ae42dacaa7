import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../support/tempDir'
import { importFixture, outline, pathOf } from './importKit'

const tempDir = useTempDir('parley-openapi-')

describe('import: OpenAPI 3.0 (the Swagger petstore, YAML)', () => {
  it('groups operations by tag, one request each, with baseUrl from the server', async () => {
    const { result, tree, folder, services } = await importFixture(await tempDir(), await tempDir(), 'petstore-openapi-3.0.yaml')
    expect(result).toMatchObject({ format: 'openapi', name: 'Swagger Petstore - OpenAPI 3.0', imported: 16, folders: 3, environments: 0 })
    expect(outline((await tree()).root)).toEqual([
      'pet/',
      '  Update an existing pet',
      '  Add a new pet to the store',
      '  Finds Pets by status',
      '  Finds Pets by tags',
      '  Find pet by ID',
      '  Updates a pet in the store with form data',
      '  Deletes a pet',
      '  uploads an image',
      'store/',
      '  Returns pet inventories by status',
      '  Place an order for a pet',
      '  Find purchase order by ID',
      '  Delete purchase order by ID',
      'user/',
      '  Create user',
      '  Logs user into the system',
      '  Logs out current logged in user session',
      '  Get user by user name'
    ])
    expect(await folder('')).toMatchObject({
      description: 'This is a sample Pet Store Server based on the OpenAPI 3.0 specification.\n\nVersion 1.0.17.',
      auth: { type: 'none' },
      variables: [
        { name: 'baseUrl', value: '/api/v3', secret: false },
        { name: 'clientId', value: '', secret: false },
        { name: 'api_key', value: '', secret: true }
      ]
    })
    expect(await folder('pet')).toMatchObject({ name: 'pet', description: 'Everything about your Pets', auth: { type: 'inherit' } })
    expect(result.unsupported).toEqual([
      { item: 'Swagger Petstore - OpenAPI 3.0', what: expect.stringMatching(/"\/api\/v3" is relative/) },
      { item: 'POST /pet/{petId}/uploadImage', what: 'The body is application/octet-stream: choose a file to send in Parley.' }
    ])
    await services.dispose()
  })

  it('builds example bodies from schemas, fills parameters and maps security', async () => {
    const { read, tree, services } = await importFixture(await tempDir(), await tempDir(), 'petstore-openapi-3.0.yaml')
    const root = (await tree()).root
    const update = await read(pathOf(root, 'pet', 'Update an existing pet'))
    // petstore_auth is the implicit flow: signed in with "Get new token".
    expect(update).toMatchObject({
      kind: 'http',
      method: 'PUT',
      url: '{{baseUrl}}/pet',
      auth: {
        type: 'oauth2',
        grant: 'implicit',
        authUrl: 'https://petstore3.swagger.io/oauth/authorize',
        clientId: '{{clientId}}',
        scope: 'write:pets read:pets'
      },
      headers: []
    })
    expect(update.description).toBe('Update an existing pet by Id\n\nAlso accepts: application/xml, application/x-www-form-urlencoded.')
    const body = (update as { body: { type: string; text: string } }).body
    expect(body.type).toBe('json')
    expect(JSON.parse(body.text)).toEqual({
      id: 10,
      name: 'doggie',
      category: { id: 1, name: 'Dogs' },
      photoUrls: ['string'],
      tags: [{ id: 0, name: 'string' }],
      status: 'available'
    })
    expect(await read(pathOf(root, 'pet', 'Finds Pets by status'))).toMatchObject({ url: '{{baseUrl}}/pet/findByStatus?status=available' })
    expect(await read(pathOf(root, 'pet', 'Finds Pets by tags'))).toMatchObject({
      url: '{{baseUrl}}/pet/findByTags',
      description: 'Optional query parameters: tags.'
    })
    expect(await read(pathOf(root, 'pet', 'Find pet by ID'))).toMatchObject({
      url: '{{baseUrl}}/pet/{{petId}}',
      auth: { type: 'apikey', key: 'api_key', value: '{{api_key}}', in: 'header' }
    })
    expect(await read(pathOf(root, 'pet', 'Deletes a pet'))).toMatchObject({ method: 'DELETE', headers: [{ name: 'api_key', value: '', enabled: false }] })
    expect(await read(pathOf(root, 'pet', 'uploads an image'))).toMatchObject({ body: { type: 'binary', path: '', contentType: 'application/octet-stream' } })
    const order = await read(pathOf(root, 'store', 'Place an order for a pet'))
    expect(JSON.parse((order as { body: { text: string } }).body.text)).toEqual({
      id: 10,
      petId: 198772,
      quantity: 7,
      shipDate: '2024-01-01T00:00:00Z',
      status: 'approved',
      complete: true
    })
    expect(order).toMatchObject({ auth: { type: 'inherit' } })
    expect(await read(pathOf(root, 'user', 'Logs user into the system'))).toMatchObject({
      url: '{{baseUrl}}/user/login',
      description: 'Optional query parameters: username, password.'
    })
    await services.dispose()
  })
})

describe('import: Swagger 2.0 (the Swagger petstore, JSON)', () => {
  it('uses host, basePath and schemes, formData and body parameters, and securityDefinitions', async () => {
    const { result, read, tree, folder, environments, services } = await importFixture(await tempDir(), await tempDir(), 'petstore-swagger-2.0.json')
    expect(result).toMatchObject({ format: 'openapi', name: 'Swagger Petstore', imported: 7, folders: 3, environments: 2 })
    expect(await folder('')).toMatchObject({
      variables: [
        { name: 'baseUrl', value: 'https://petstore.swagger.io/v2' },
        { name: 'clientId', value: '' },
        { name: 'api_key', secret: true }
      ]
    })
    expect((await environments()).environments.map((e) => [e.name, e.variables])).toEqual([
      ['http', [{ name: 'baseUrl', value: 'http://petstore.swagger.io/v2', enabled: true, secret: false }]],
      ['https', [{ name: 'baseUrl', value: 'https://petstore.swagger.io/v2', enabled: true, secret: false }]]
    ])
    const root = (await tree()).root
    expect(await read(pathOf(root, 'pet', 'uploads an image'))).toMatchObject({
      url: '{{baseUrl}}/pet/{{petId}}/uploadImage',
      body: {
        type: 'multipart',
        parts: [
          { kind: 'text', name: 'additionalMetadata', value: 'string' },
          { kind: 'file', name: 'file', path: '' }
        ]
      }
    })
    const add = await read(pathOf(root, 'pet', 'Add a new pet to the store'))
    expect(add).toMatchObject({ description: 'Also accepts: application/xml.', body: { type: 'json' } })
    expect(JSON.parse((add as { body: { text: string } }).body.text)).toMatchObject({
      name: 'doggie',
      photoUrls: ['string'],
      category: { id: 0, name: 'string' }
    })
    expect(await read(pathOf(root, 'pet', 'Updates a pet in the store with form data'))).toMatchObject({
      body: {
        type: 'form',
        fields: [
          { name: 'name', value: '', enabled: false },
          { name: 'status', value: '', enabled: false }
        ]
      }
    })
    expect(await read(pathOf(root, 'pet', 'Finds Pets by status'))).toMatchObject({ url: '{{baseUrl}}/pet/findByStatus?status=' })
    expect(await read(pathOf(root, 'store', 'Returns pet inventories by status'))).toMatchObject({
      auth: { type: 'apikey', key: 'api_key', value: '{{api_key}}' }
    })
    expect(await read(pathOf(root, 'user', 'Logs user into the system'))).toMatchObject({
      url: '{{baseUrl}}/user/login?username=&password=',
      auth: { type: 'inherit' }
    })
    expect(result.unsupported.map((u) => u.item)).toEqual(['POST /pet/{petId}/uploadImage'])
    await services.dispose()
  })
})

describe('import: OpenAPI 3.1', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 'Tiny 3.1', version: '2.0.0' },
    servers: [
      { url: 'https://{region}.api.example.com/v2', description: 'Production', variables: { region: { default: 'eu' } } },
      { url: 'http://localhost:8080/v2', description: 'Local' }
    ],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        machine: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'items:read': 'read' } } } }
      },
      schemas: {
        Item: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid', readOnly: true },
            name: { type: ['string', 'null'], examples: ['Lamp'] },
            tags: { type: 'array', items: { type: 'string' } }
          }
        }
      }
    },
    paths: {
      '/items': {
        post: {
          operationId: 'createItem',
          requestBody: { content: { 'application/merge-patch+json': { schema: { $ref: '#/components/schemas/Item' } } } },
          responses: { '201': { description: 'created' } }
        },
        get: {
          operationId: 'listItems',
          security: [],
          parameters: [
            { name: 'page', in: 'query', schema: { type: 'integer', default: 1 } },
            { name: 'X-Req', in: 'header', required: true, example: 'abc' }
          ],
          responses: { '200': { description: 'ok' } }
        }
      },
      '/items/{id}': {
        get: {
          operationId: 'getItem',
          security: [{ machine: ['items:read'] }],
          parameters: [{ name: 'id', in: 'path', required: true, example: 'i-1', schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } }
        }
      }
    },
    webhooks: {
      itemCreated: {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          responses: { '200': { description: 'ok' } }
        }
      }
    }
  }

  it('reads server variables, JSON-schema type lists, examples, webhooks and per-operation security', async () => {
    const { readImport } = await import('../../../../src/core/convert/import/runImport')
    const { collection } = await readImport(JSON.stringify(doc))
    expect(collection.variables).toEqual([
      { name: 'baseUrl', value: 'https://eu.api.example.com/v2', enabled: true, secret: false },
      { name: 'bearerToken', value: '', enabled: true, secret: true },
      { name: 'clientId', value: '', enabled: true, secret: false },
      { name: 'clientSecret', value: '', enabled: true, secret: true }
    ])
    expect(collection.auth).toEqual({ type: 'bearer', token: '{{bearerToken}}', prefix: 'Bearer' })
    expect(collection.environments.map((e) => e.name)).toEqual(['Production', 'Local'])
    const requests = collection.items.map((item) => (item.type === 'request' ? item.request : undefined))
    expect(requests[0]).toMatchObject({
      name: 'createItem',
      method: 'POST',
      url: '{{baseUrl}}/items',
      headers: [{ name: 'Content-Type', value: 'application/merge-patch+json', enabled: true }],
      body: { type: 'json', text: JSON.stringify({ name: 'Lamp', tags: ['string'] }, null, 2) },
      auth: { type: 'inherit' }
    })
    expect(requests[1]).toMatchObject({
      name: 'listItems',
      url: '{{baseUrl}}/items?page=1',
      headers: [{ name: 'X-Req', value: 'abc', enabled: true }],
      auth: { type: 'none' }
    })
    expect(requests[2]).toMatchObject({
      name: 'getItem',
      url: '{{baseUrl}}/items/i-1',
      auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://auth.example.com/token', clientId: '{{clientId}}', scope: 'items:read' }
    })
    expect(collection.unsupported).toEqual([{ item: 'Tiny 3.1', what: '1 webhooks (requests the API sends to you) are not imported.' }])
  })
})

describe('import: OpenAPI with external $ref files beside it', () => {
  it('resolves references to the files chosen with the spec, and only those', async () => {
    const { readImport } = await import('../../../../src/core/convert/import/runImport')
    const spec = [
      'openapi: 3.0.3',
      'info: { title: Pets, version: "1" }',
      'servers: [{ url: "https://pets.example.com" }]',
      'paths:',
      '  /pets:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema: { $ref: "./pet.yaml" }',
      '      responses: { "201": { description: created } }',
      '  /secrets:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema: { $ref: "../outside.yaml" }',
      '      responses: { "200": { description: ok } }',
      '  /remote:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema: { $ref: "https://schemas.example.com/thing.yaml" }',
      '      responses: { "200": { description: ok } }'
    ].join('\n')
    const pet = 'type: object\nproperties:\n  name: { type: string, example: Rex }\n  tag: { $ref: "./tag.yaml" }\n'
    const tag = 'type: string\nexample: good\n'
    const text = JSON.stringify({
      parleyImport: 'files',
      files: [
        { path: 'pet.yaml', text: pet },
        { path: 'openapi.yaml', text: spec },
        { path: 'tag.yaml', text: tag }
      ]
    })
    const { format, collection } = await readImport(text)
    expect(format).toBe('openapi')
    const requests = collection.items.flatMap((i) => (i.type === 'request' ? [i.request] : []))
    const pets = requests.find((r) => r.kind === 'http' && r.url === '{{baseUrl}}/pets')
    expect(pets && pets.kind === 'http' ? JSON.parse(pets.body?.type === 'json' ? pets.body.text : '{}') : undefined).toEqual({ name: 'Rex', tag: 'good' })
    const notes = collection.unsupported.map((u) => u.what).join('\n')
    expect(notes).toMatch(/\$ref to "\/outside\.yaml" is not a file chosen beside the spec/)
    expect(notes).toMatch(/\$ref to "https:\/\/schemas\.example\.com\/thing\.yaml" is not a file chosen beside the spec/)
  })
})
