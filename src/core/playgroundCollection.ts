import { cp, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { FolderSettingsSchema } from '../shared/collection'
import type { Handlers } from './invoke'

type StoreCalls = Pick<Handlers, 'collection.open' | 'folder.read' | 'folder.save'>

/**
 * Opens the sample collection for a running playground: copied once from the app's resources
 * into the data dir (so a learner's edits survive restarts), then its `playground` and
 * `playgroundWs` variables pointed at where the playground listens now.
 */
export async function openPlaygroundCollection(store: StoreCalls, options: { sampleDir: string; dataDir: string; url: string }): Promise<string> {
  const target = join(options.dataDir, 'playground-collection')
  const present = await stat(join(target, 'parley.yaml')).then(
    () => true,
    () => false
  )
  if (!present) await cp(options.sampleDir, target, { recursive: true, errorOnExist: false, force: false })
  const tree = await store['collection.open']({ path: target })
  const settings = await store['folder.read']({ collectionId: tree.id, path: '' })
  const wsUrl = options.url.replace(/^http/, 'ws')
  const wanted: Record<string, string> = { playground: options.url, playgroundWs: wsUrl }
  const variables = (settings.variables ?? []).map((v) => ({
    name: v.name,
    value: wanted[v.name] ?? v.value ?? '',
    enabled: v.enabled ?? true,
    secret: v.secret ?? false
  }))
  for (const [name, value] of Object.entries(wanted)) {
    if (!variables.some((v) => v.name === name)) variables.push({ name, value, enabled: true, secret: false })
  }
  const { order: _order, ...rest } = settings
  await store['folder.save']({ collectionId: tree.id, path: '', settings: FolderSettingsSchema.parse({ ...rest, variables }) })
  return tree.id
}
