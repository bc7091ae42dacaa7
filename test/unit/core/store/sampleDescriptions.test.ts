import { cp, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { descriptionIn, DescriptionsSchema, SavedRequestSchema } from '../../../../src/shared/collection'
import { listFiles, servicesKit } from './storeTestKit'

const sample = join(import.meta.dirname, '../../../../resources/sample-collection')
let kit: Awaited<ReturnType<typeof servicesKit>> | undefined
afterEach(async () => {
  await kit?.dispose()
  kit = undefined
})

describe('descriptions in several languages', () => {
  it('every description of the sample collection has a Spanish text of its own', async () => {
    for (const file of await listFiles(sample)) {
      const doc = parse(await readFile(join(sample, file), 'utf8')) as { description?: string; descriptions?: Record<string, string> }
      if (!doc.description) continue
      expect(doc.descriptions?.['es'], file).toBeTruthy()
      expect(doc.descriptions?.['es'], file).not.toBe(doc.description)
    }
  })

  it('shows the text of the language asked for, its base language, or the description', () => {
    const item = { description: 'Lists the notes.', descriptions: { es: 'Lista las notas.', 'pt-BR': 'Lista as notas.' } }
    expect(descriptionIn(item, 'es')).toBe('Lista las notas.')
    expect(descriptionIn(item, 'es-MX')).toBe('Lista las notas.')
    expect(descriptionIn(item, 'pt-BR')).toBe('Lista as notas.')
    expect(descriptionIn(item, 'en')).toBe('Lists the notes.')
    expect(descriptionIn(item, 'fr')).toBe('Lists the notes.')
    expect(descriptionIn({ description: 'Only English.' }, 'es')).toBe('Only English.')
  })

  it('a file without descriptions still reads (backward compatible) and a bad language tag is refused with the reason', () => {
    const old = SavedRequestSchema.parse({ kind: 'http', name: 'Old', description: 'From before', method: 'GET', url: 'http://x' })
    expect(old.descriptions).toEqual({})
    const bad = DescriptionsSchema.safeParse({ Spanish: 'hola' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toContain('language is a tag such as es')
  })

  it('saving a request or the collection settings keeps the translations the file has', async () => {
    kit = await servicesKit()
    const dir = join(kit.base, 'sample')
    await cp(sample, dir, { recursive: true })
    const { id } = await kit.call('collection.open', { path: dir })
    const read = await kit.call('request.read', { collectionId: id, path: 'rest/list-notes.yaml' })
    expect(read.request.descriptions['es']).toMatch(/^GET lee/)
    await kit.call('request.save', {
      collectionId: id,
      path: read.path,
      baseHash: read.hash,
      request: { ...read.request, url: '{{playground}}/api/notes?page=2' }
    })
    const saved = parse(await readFile(join(dir, 'rest/list-notes.yaml'), 'utf8')) as { url: string; descriptions: Record<string, string> }
    expect(saved.url).toBe('{{playground}}/api/notes?page=2')
    expect(saved.descriptions['es']).toBe(read.request.descriptions['es'])
    const settings = await kit.call('folder.read', { collectionId: id, path: '' })
    const { order: _order, ...rest } = settings
    await kit.call('folder.save', { collectionId: id, path: '', settings: { ...rest, description: 'Changed in English' } })
    const root = parse(await readFile(join(dir, 'parley.yaml'), 'utf8')) as { description: string; descriptions: Record<string, string> }
    expect(root.description).toBe('Changed in English')
    expect(root.descriptions['es']).toMatch(/^Peticiones para el servidor/)
  })
})
