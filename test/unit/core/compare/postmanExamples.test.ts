import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../support/tempDir'
import { call, importFixture, pathOf } from '../convert/importKit'

const tempDir = useTempDir('parley-examples-')

describe('examples and Postman v2.1 saved responses', () => {
  it('imports a saved response as an example beside the request, and exports it back', async () => {
    const target = await tempDir()
    const { services, collectionId, tree, result } = await importFixture(await tempDir(), target, 'postman-v2.1-collection.json')
    const path = pathOf((await tree()).root, 'Notes', 'List notes')
    const { examples } = await call<{ examples: Array<Record<string, unknown>> }>(services, 'examples.list', { collectionId, path })
    expect(examples).toEqual([
      {
        name: 'OK',
        status: 200,
        statusText: 'OK',
        headers: [['Content-Type', 'application/json']],
        body: '[]',
        ignorePaths: [],
        file: `${path.replace(/\.yaml$/, '')}.examples/ok.yaml`
      }
    ])
    // The examples folder is not a folder of the collection.
    expect(JSON.stringify((await tree()).root)).not.toContain('.examples')

    const exported = await call<{ json: string }>(services, 'export.postman', { collectionPath: result.collectionPath })
    const items = JSON.parse(exported.json) as { item: Array<{ name: string; item?: Array<{ name: string; response: unknown[] }> }> }
    const listNotes = items.item.find((i) => i.name === 'Notes')?.item?.find((i) => i.name === 'List notes')
    expect(listNotes?.response).toEqual([
      expect.objectContaining({
        name: 'OK',
        status: 'OK',
        code: 200,
        header: [{ key: 'Content-Type', value: 'application/json' }],
        body: '[]',
        _postman_previewlanguage: 'json'
      })
    ])
    await services.dispose()
  })
})
