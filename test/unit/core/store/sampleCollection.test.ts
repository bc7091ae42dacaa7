import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCollection } from '../../../../src/core/store/collectionLoader'
import { toYaml } from '../../../../src/core/store/yamlFormat'
import { CollectionFileSchema, FolderFileSchema, SavedRequestSchema, type TreeNode } from '../../../../src/shared/collection'
import { listFiles } from './storeTestKit'

const sample = join(import.meta.dirname, '../../../../resources/sample-collection')

const outline = (node: TreeNode): unknown => (node.type === 'folder' ? { [node.name]: node.children.map(outline) } : `${node.method ?? node.kind} ${node.name}`)

describe('the sample collection', () => {
  it('loads with no problems, in the order the files give', async () => {
    const loaded = await loadCollection(sample)
    expect(loaded.problems).toEqual([])
    expect(loaded.name).toBe('Parley playground')
    expect(loaded.file?.variables.map((v) => [v.name, v.value])).toEqual([
      ['playground', 'http://127.0.0.1:4000'],
      ['playgroundWs', 'ws://127.0.0.1:4000']
    ])
    expect(loaded.tree.children.map(outline)).toEqual([
      {
        REST: [
          'GET List notes',
          'GET Get a note',
          'POST Create a note',
          'PATCH Update a note',
          'DELETE Delete a note',
          'POST Echo',
          'POST Form',
          'GET Bearer auth',
          'GET Basic auth',
          'GET Digest auth',
          'GET Redirects',
          'GET Cookies',
          'GET Large JSON',
          'GET Slow'
        ]
      },
      { 'Socket.IO': ['socketio Chat', 'socketio Ticker', 'socketio Private'] },
      { WebSocket: ['websocket Echo', 'websocket Broadcast', 'websocket Subprotocol'] },
      { SSE: ['GET Clock'] }
    ])
    expect(loaded.requests.get('rest/list-notes.yaml')?.url).toBe('{{playground}}/api/notes?page=1&limit=10')
    expect(loaded.requests.get('websocket/echo.yaml')?.url).toBe('{{playgroundWs}}/ws/echo')
  })

  it('is written in canonical form: load → save gives the same bytes', async () => {
    for (const file of await listFiles(sample)) {
      const text = await readFile(join(sample, file), 'utf8')
      const schema = file === 'parley.yaml' ? CollectionFileSchema : file.endsWith('folder.yaml') ? FolderFileSchema : SavedRequestSchema
      const { parse } = await import('yaml')
      expect(toYaml(schema, schema.parse(parse(text))), file).toBe(text)
    }
  })

  it("holds the playground's credentials and Socket.IO details", async () => {
    const { parse } = await import('yaml')
    const read = async (file: string) => SavedRequestSchema.parse(parse(await readFile(join(sample, file), 'utf8')))
    expect(await read('rest/bearer-auth.yaml')).toMatchObject({ auth: { type: 'bearer', token: 'parley' } })
    expect(await read('rest/basic-auth.yaml')).toMatchObject({ auth: { type: 'basic', username: 'parley', password: 'secret' } })
    expect(await read('socket-io/private.yaml')).toMatchObject({ namespace: '/private', auth: '{"token":"parley"}' })
    expect(await read('socket-io/chat.yaml')).toMatchObject({
      listeners: [{ event: 'chat:message' }],
      emits: [{ event: 'chat:send', ack: true }, { event: 'echo' }]
    })
    expect(await read('websocket/subprotocol.yaml')).toMatchObject({ protocols: ['parley.v1'] })
    expect(await read('socket-io/chat.yaml')).toMatchObject({
      steps: [{ type: 'connect' }, { type: 'emit', event: 'chat:send', ack: {} }, { type: 'expect', event: 'chat:message' }, { type: 'close' }]
    })
  })
})
