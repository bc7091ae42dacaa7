import { basename } from 'node:path'
import type { Inherited, InheritSource } from '../shared/inheritance'
import type { CollectionStore } from './store/collectionStore'
import { enclosingFolders } from './sendPreparation'

/**
 * What a request at `path` inherits, by the same rules prepareHttpRequest sends with: every enabled
 * header of the collection and of each enclosing folder (outermost first), and the nearest auth
 * that is not itself "inherit".
 */
export async function describeInheritance(collections: CollectionStore, collectionId: string, path: string): Promise<Inherited> {
  const loaded = await (await collections.get(collectionId)).load()
  const layers: { source: InheritSource; headers: Inherited['headers'][number][]; auth: Inherited['auth'] }[] = []
  const add = (
    source: InheritSource,
    settings:
      { headers?: { name: string; value: string; enabled: boolean; description?: string }[]; auth?: NonNullable<Inherited['auth']>['auth'] } | null | undefined
  ): void => {
    layers.push({
      source,
      headers: (settings?.headers ?? []).filter((h) => h.enabled).map((h) => ({ ...h, source })),
      auth: settings?.auth && settings.auth.type !== 'inherit' ? { auth: settings.auth, source } : null
    })
  }
  add({ kind: 'collection', name: loaded.name, path: '' }, loaded.file)
  for (const folder of enclosingFolders(path)) {
    const file = loaded.folders.get(folder)
    add({ kind: 'folder', name: file?.name ?? basename(folder), path: folder }, file)
  }
  return {
    headers: layers.flatMap((l) => l.headers),
    auth: [...layers].reverse().find((l) => l.auth)?.auth ?? null
  }
}
