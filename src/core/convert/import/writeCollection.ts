import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { FolderSettingsSchema, SavedRequestSchema, VariableSchema } from '../../../shared/collection'
import { ParleyError } from '../../../shared/errors'
import { baseRel, exists, slugify } from '../../store/collectionPaths'
import { resolveUserPath } from '../../userPath'
import type { CollectionStore } from '../../store/collectionStore'
import type { EnvironmentStore } from '../../store/environmentStore'
import { createFolder, saveFolderSettings } from '../../store/folderFiles'
import type { OpenCollection } from '../../store/openCollection'
import { createRequest } from '../../store/requestFiles'
import { ExampleFiles } from '../../compare/examples'
import type { SecretStore } from '../../store/secretStore'
import type { ImportedCollection, ImportedItem } from './importModel'

export interface ImportStores {
  collections: CollectionStore
  environments: EnvironmentStore
  secrets: SecretStore
}

/** The folder the collection would get: `<targetDir>/<slug>`, or `-2`, `-3`… when taken. */
export async function collectionFolderFor(targetDir: string, name: string): Promise<string> {
  const parent = resolveUserPath(targetDir)
  for (let n = 1; n < 10_000; n++) {
    const candidate = join(parent, n === 1 ? slugify(name) : `${slugify(name)}-${n}`)
    if (!(await exists(candidate))) return candidate
  }
  return join(parent, `${slugify(name)}-${Date.now()}`)
}

/**
 * Writes an imported collection as a new collection folder through the collection store (so
 * files, order lists and secrets are exactly what Parley itself writes) and opens it. It is
 * written into a hidden folder beside the target and renamed into place when complete: a crash
 * or kill midway leaves no half collection (the hidden folder goes at the next start).
 */
export async function writeCollection(stores: ImportStores, imported: ImportedCollection, folder: string): Promise<{ collectionId: string }> {
  try {
    await mkdir(resolve(folder, '..'), { recursive: true })
  } catch (error) {
    throw new ParleyError(
      'target_unwritable',
      `Parley cannot create the collection folder in ${resolve(folder, '..')} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'Choose a folder you can write to; nothing was imported.'
    )
  }
  let staged
  try {
    staged = await stores.collections.stage(folder, imported.name)
  } catch (error) {
    throw new ParleyError(
      'target_unwritable',
      `Parley cannot create the collection folder in ${resolve(folder, '..')} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'Choose a folder you can write to; nothing was imported.'
    )
  }
  const { collection } = staged
  try {
    await fillCollection(stores, collection, imported)
  } catch (error) {
    await staged.abandon()
    throw error
  }
  const tree = await staged.commit()
  return { collectionId: tree.id }
}

async function fillCollection(stores: ImportStores, collection: OpenCollection, imported: ImportedCollection): Promise<void> {
  await collection.exclusive(async () => {
    await saveFolderSettings(
      collection,
      stores.secrets,
      '',
      FolderSettingsSchema.parse({
        name: imported.name,
        description: imported.description,
        headers: imported.headers,
        auth: imported.auth,
        variables: imported.variables,
        ...(imported.scripts ? { scripts: imported.scripts } : {})
      })
    )
    await writeItems(stores, collection, '', imported.items)
  })
  for (const environment of imported.environments) {
    await stores.environments.save(
      collection,
      undefined,
      environment.name,
      environment.variables.map((v) => VariableSchema.parse(v))
    )
  }
}

async function writeItems(stores: ImportStores, collection: OpenCollection, folder: string, items: ImportedItem[]): Promise<void> {
  const entries: string[] = []
  for (const item of items) {
    if (item.type === 'request') {
      const { path } = await createRequest(collection, folder, SavedRequestSchema.parse(item.request))
      entries.push(baseRel(path))
      for (const example of item.examples ?? []) await new ExampleFiles(collection.root).save(path, example)
      continue
    }
    const { path } = await createFolder(collection, folder, item.name)
    entries.push(baseRel(path))
    await saveFolderSettings(
      collection,
      stores.secrets,
      path,
      FolderSettingsSchema.parse({
        name: item.name,
        description: item.description,
        headers: item.headers,
        auth: item.auth ?? { type: 'inherit' },
        variables: item.variables,
        ...(item.scripts ? { scripts: item.scripts } : {})
      })
    )
    await writeItems(stores, collection, path, item.items)
  }
  // The source's order is part of the collection: keep it rather than sort alphabetically.
  if (entries.length > 1) await collection.updateOrder(folder, () => entries)
}
