import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCollection } from '../../../../src/core/store/collectionLoader'
import { toYaml } from '../../../../src/core/store/yamlFormat'
import { CollectionFileSchema, EnvironmentFileSchema, FolderFileSchema, SavedRequestSchema } from '../../../../src/shared/collection'
import { tempDir } from '../../support/tempDir'

const doc = join(import.meta.dirname, '../../../../docs/collection-format.md')
const exampleFiles = [
  'parley.yaml',
  'health.yaml',
  'notes/folder.yaml',
  'notes/create-a-note.yaml',
  'live/chat.yaml',
  'live/echo.yaml',
  'live/clock.yaml',
  'environments/staging.yaml'
]

describe('the full example in docs/collection-format.md', () => {
  it('loads with no problems and is written exactly as Parley would write it', async () => {
    const text = await readFile(doc, 'utf8')
    const example = text.slice(text.indexOf('## A full example'), text.indexOf('## How Parley changes'))
    const blocks = [...example.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!)
    expect(blocks).toHaveLength(exampleFiles.length)
    const { dir, remove: cleanup } = await tempDir()
    try {
      for (const [i, file] of exampleFiles.entries()) {
        await mkdir(dirname(join(dir, file)), { recursive: true })
        await writeFile(join(dir, file), blocks[i]!)
        const schema =
          file === 'parley.yaml'
            ? CollectionFileSchema
            : file.endsWith('folder.yaml')
              ? FolderFileSchema
              : file.startsWith('environments/')
                ? EnvironmentFileSchema
                : SavedRequestSchema
        const { parse } = await import('yaml')
        expect(toYaml(schema, schema.parse(parse(blocks[i]!))), file).toBe(blocks[i])
      }
      const loaded = await loadCollection(dir)
      expect(loaded.problems).toEqual([])
      expect(loaded.tree.children.map((c) => c.name)).toEqual(['Notes', 'Health', 'live'])
      expect(loaded.requests.size).toBe(5)
      expect([...loaded.environments.keys()]).toEqual(['staging'])
    } finally {
      await cleanup()
    }
  })
})
