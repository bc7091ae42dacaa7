import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../../src/core/convert/import/detectFormat'
import { useTempDir } from '../../support/tempDir'
import { fixture, importFixture, outline, pathOf } from './importKit'

const tempDir = useTempDir('parley-import2-')

describe('import: Insomnia v4 export', () => {
  it('keeps folders, order, environments and WebSocket requests; turns {{ _.x }} into {{x}}', async () => {
    const { result, read, tree, folder, environments, services } = await importFixture(await tempDir(), await tempDir(), 'insomnia-v4.json')
    expect(result).toMatchObject({ format: 'insomnia', name: 'Notes (Insomnia)', imported: 7, folders: 1, environments: 2 })
    const root = (await tree()).root
    expect(outline(root)).toEqual(['Notes/', '  List notes', '  Create note', '  Upload', 'Login', 'Search (GraphQL)', 'S3 object', 'Live feed'])
    expect(await folder('')).toMatchObject({
      description: 'Exported from Insomnia.',
      variables: [
        { name: 'baseUrl', value: 'https://notes.example.com/api' },
        { name: 'title', value: 'Groceries' }
      ]
    })
    expect(await folder('notes')).toMatchObject({ description: 'Notes endpoints', variables: [{ name: 'pageSize', value: '20' }] })
    expect((await environments()).environments.map((e) => e.name)).toEqual(['Local', 'Production'])
    expect(await read(pathOf(root, 'Notes', 'List notes'))).toMatchObject({
      url: '{{baseUrl}}/notes?limit=20',
      description: 'All notes, newest first.',
      headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
      auth: { type: 'inherit' }
    })
    expect(await read(pathOf(root, 'Notes', 'Create note'))).toMatchObject({
      method: 'POST',
      headers: [],
      body: { type: 'json', text: '{\n\t"title": "{{title}}",\n\t"at": "{% now \'iso-8601\', \'\' %}"\n}' },
      auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
      settings: { followRedirects: false }
    })
    expect(await read(pathOf(root, 'Notes', 'Upload'))).toMatchObject({
      headers: [],
      body: {
        type: 'multipart',
        parts: [
          { kind: 'file', name: 'file', path: '/home/ada/pic.png' },
          { kind: 'text', name: 'caption', value: 'holiday' }
        ]
      },
      auth: { type: 'apikey', key: 'X-Api-Key', value: '{{apiKey}}', in: 'header' }
    })
    expect(await read(pathOf(root, 'Login'))).toMatchObject({
      auth: { type: 'basic', username: 'ada', password: '{{password}}' },
      body: {
        type: 'form',
        fields: [
          { name: 'user', value: 'ada' },
          { name: 'pass', value: '{{password}}' }
        ]
      }
    })
    expect(await read(pathOf(root, 'Search (GraphQL)'))).toMatchObject({
      headers: [],
      body: { type: 'graphql', query: 'query { search(q: "milk") { id } }', variables: '{\n  "n": 1\n}' },
      auth: { type: 'none' }
    })
    expect(await read(pathOf(root, 'S3 object'))).toMatchObject({
      auth: { type: 'awsv4', accessKeyId: 'AKID', secretAccessKey: '{{awsSecret}}', region: 'eu-west-1', service: 's3' }
    })
    expect(await read(pathOf(root, 'Live feed'))).toMatchObject({
      kind: 'websocket',
      url: 'wss://notes.example.com/live',
      headers: [{ name: 'X-Client', value: 'insomnia' }]
    })
    expect(result.unsupported).toEqual([
      { item: 'Notes / List notes', what: expect.stringMatching(/disabled query parameter "tag"/) },
      { item: 'Notes / Create note', what: expect.stringMatching(/template tag \(\{% now … %\}\)/) },
      { item: 'Search (GraphQL)', what: expect.stringMatching(/^ntlm auth is not supported/) },
      { item: 'gRPC hello', what: 'gRPC requests are not supported by Parley; it was skipped.' },
      { item: 'Production', what: expect.stringMatching(/nested variable "limits"/) },
      { item: 'Notes (Insomnia)', what: expect.stringMatching(/^1 saved cookie is not imported/) },
      { item: 'Notes / Upload', what: expect.stringMatching(/^"Upload" reads \/home\/ada\/pic\.png .*refuse to send it/) }
    ])
    await services.dispose()
  })
})

describe('import: HAR from a browser', () => {
  it('one request per entry, without pseudo-headers or computed headers; bodies mapped', async () => {
    const { result, read, tree, services } = await importFixture(await tempDir(), await tempDir(), 'browser.har')
    expect(result).toMatchObject({ format: 'har', name: 'HAR from WebInspector', imported: 4, folders: 0 })
    const root = (await tree()).root
    expect(outline(root)).toEqual(['GET notes', 'POST notes', 'POST login', 'POST upload'])
    expect(await read(pathOf(root, 'GET notes'))).toMatchObject({
      method: 'GET',
      url: 'https://api.example.com/v2/notes?limit=20',
      headers: [
        { name: 'accept', value: 'application/json' },
        { name: 'authorization', value: 'Bearer eyJhbGciOi.x.y' },
        { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0.0.0' }
      ],
      body: { type: 'none' }
    })
    expect(await read(pathOf(root, 'POST notes'))).toMatchObject({
      headers: [{ name: 'origin', value: 'https://app.example.com' }],
      body: { type: 'json', text: '{"title":"Groceries","n":1}' }
    })
    expect(await read(pathOf(root, 'POST login'))).toMatchObject({
      headers: [{ name: 'Cookie', value: 'theme=dark' }],
      body: {
        type: 'form',
        fields: [
          { name: 'user', value: 'ada' },
          { name: 'pass', value: 'p@ss word' }
        ]
      }
    })
    expect(await read(pathOf(root, 'POST upload'))).toMatchObject({
      headers: [],
      body: {
        type: 'multipart',
        parts: [
          { kind: 'text', name: 'caption', value: 'hi' },
          { kind: 'file', name: 'file', path: 'photo.jpg', filename: 'photo.jpg', contentType: 'image/jpeg' }
        ]
      }
    })
    expect(result.unsupported).toEqual([
      { item: '4. POST upload', what: expect.stringMatching(/"photo.jpg" of the form part "file" is not in the HAR file/) },
      { item: 'HAR from WebInspector', what: expect.stringMatching(/Responses, timings and page information/) }
    ])
    await services.dispose()
  })
})

describe('import.detect', () => {
  it('recognises every fixture and a cURL command', async () => {
    expect(detectFormat(await fixture('postman-v2.1-collection.json'))).toBe('postman-collection')
    expect(detectFormat(await fixture('postman-v2.0-collection.json'))).toBe('postman-collection')
    expect(detectFormat(await fixture('postman-environment.json'))).toBe('postman-environment')
    expect(detectFormat(await fixture('insomnia-v4.json'))).toBe('insomnia')
    expect(detectFormat(await fixture('petstore-openapi-3.0.yaml'))).toBe('openapi')
    expect(detectFormat(await fixture('petstore-swagger-2.0.json'))).toBe('openapi')
    expect(detectFormat(await fixture('browser.har'))).toBe('har')
    expect(detectFormat("curl -X POST 'https://x.test'")).toBe('curl')
    expect(detectFormat('{"hello": "world"}')).toBe('unknown')
    expect(detectFormat('not: [valid')).toBe('unknown')
  })

  it('import.run of an unknown file fails with a hint naming the formats; a cURL command becomes a one-request collection', async () => {
    const { createServices } = await import('../../../../src/core/services')
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const bad = await services.invoke('import.run', { text: '{"hello": "world"}', targetDir: await tempDir() })
    expect(bad).toMatchObject({ ok: false, error: { code: 'unknown_format', hint: expect.stringMatching(/Postman.*Insomnia.*OpenAPI.*HAR.*cURL/) } })
    const curl = await services.invoke('import.run', { text: "curl -s https://api.example.com/v1/users -H 'X: 1'", targetDir: await tempDir() })
    expect(curl).toMatchObject({
      ok: true,
      value: { format: 'curl', imported: 1, unsupported: [{ item: 'GET users', what: expect.stringMatching(/-s only changes/) }] }
    })
    await services.dispose()
  })
})

describe('import: where the collection goes', () => {
  it('refuses a relative or unwritable target folder with a readable error, and never overwrites an existing folder', async () => {
    const { createServices } = await import('../../../../src/core/services')
    const { mkdir, writeFile } = await import('node:fs/promises')
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const text = await fixture('postman-environment.json')
    expect(await services.invoke('import.run', { text, targetDir: 'relative/dir' })).toMatchObject({ ok: false, error: { code: 'invalid_path' } })
    const file = `${await tempDir()}/a-file`
    await writeFile(file, 'x')
    expect(await services.invoke('import.run', { text, targetDir: `${file}/below` })).toMatchObject({ ok: false, error: { code: 'target_unwritable' } })
    const target = await tempDir()
    await mkdir(`${target}/notes-staging`)
    await writeFile(`${target}/notes-staging/keep.txt`, 'mine')
    expect(await services.invoke('import.run', { text, targetDir: target })).toMatchObject({ ok: true, value: { collectionPath: `${target}/notes-staging-2` } })
    await services.dispose()
  })
})

describe('import: Insomnia v5 (YAML, Insomnia 10 and 11)', () => {
  it('keeps folders, requests, environments, WebSocket and Socket.IO requests, auth and scripts', async () => {
    const { result, read, tree, folder, environments, services } = await importFixture(await tempDir(), await tempDir(), 'insomnia-v5.yaml')
    expect(result).toMatchObject({ format: 'insomnia', name: 'Chat service', imported: 4, folders: 1, environments: 2 })
    const root = (await tree()).root
    expect(outline(root)).toEqual(['Rooms/', '  List rooms', '  Create room', 'Live feed', 'Socket events'])
    expect(await folder('')).toMatchObject({
      description: 'Rooms, messages and live updates.',
      variables: [
        { name: 'base_url', value: 'https://chat.example.com/api' },
        { name: 'team', value: 'core' }
      ]
    })
    expect(await folder('rooms')).toMatchObject({
      description: 'Everything about rooms.',
      headers: [{ name: 'X-Team', value: '{{team}}', enabled: true }],
      auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
      variables: [{ name: 'roomPrefix', value: 'chat-' }]
    })
    expect((await environments()).environments.map((e) => e.name).sort()).toEqual(['Local', 'Staging'])
    // A folder's script runs around every request inside it, as in Insomnia.
    expect(await folder(pathOf(root, 'Rooms'))).toMatchObject({ scripts: { pre: 'insomnia.environment.set("t", Date.now());' } })
    expect(await read(pathOf(root, 'Rooms', 'List rooms'))).toMatchObject({
      method: 'GET',
      url: '{{base_url}}/rooms?limit=20',
      description: 'All rooms.',
      auth: { type: 'inherit' },
      settings: { followRedirects: false }
    })
    const create = await read(pathOf(root, 'Rooms', 'Create room'))
    expect(create).toMatchObject({
      method: 'POST',
      headers: [],
      body: { type: 'json', text: '{"name": "{{roomPrefix}}general"}' },
      auth: { type: 'basic', username: 'admin', password: '{{password}}' },
      scripts: { pre: 'console.log("before")', post: expect.stringContaining('insomnia.test("created"') }
    })
    expect(await read(pathOf(root, 'Live feed'))).toMatchObject({
      kind: 'websocket',
      url: 'wss://chat.example.com/live',
      headers: [
        { name: 'X-Client', value: 'parley' },
        { name: 'Authorization', value: 'Bearer abc' }
      ]
    })
    expect(await read(pathOf(root, 'Socket events'))).toMatchObject({
      kind: 'socketio',
      url: 'https://chat.example.com',
      listeners: [{ event: 'message' }, { event: 'typing' }]
    })
    expect(result.unsupported.map((u) => `${u.item}: ${u.what}`)).toEqual([
      expect.stringMatching(/^Rooms \/ List rooms: The disabled query parameter "hidden"/),
      'gRPC ping: gRPC requests are not supported by Parley; it was skipped.'
    ])
    await services.dispose()
  })
})
