import type { CredentialsMode } from '../../shared/collection'
import type { OpenCollection } from './openCollection'
import { rekeepRequestCredentials } from './requestFiles'

/**
 * The per-collection switch `credentials:` in parley.yaml. Changing it rewrites every request and
 * folder file at once, so what is in the files always matches what the switch says (a team that
 * switches to files sees them in its next commit, and switching back takes them out again).
 * Returns the files rewritten.
 */
export async function setCredentialsMode(collection: OpenCollection, mode: CredentialsMode): Promise<string[]> {
  const { file } = await collection.readFolderFile('')
  if (!file || !('parley' in file)) return []
  const changed = ['parley.yaml']
  await collection.writeFolderFile('', { ...file, credentials: mode })
  const loaded = await collection.load()
  for (const folder of ['', ...loaded.folders.keys()]) {
    const { file: settings } = await collection.readFolderFile(folder)
    if (!settings) continue
    const revealed = await collection.credentials.reveal(collection.id, settings.auth)
    const auth = await collection.credentials.stash(collection.id, revealed, settings.auth, mode)
    if (JSON.stringify(auth) === JSON.stringify(settings.auth)) continue
    await collection.writeFolderFile(folder, { ...settings, auth })
    if (folder !== '') changed.push(`${folder}/folder.yaml`)
  }
  for (const rel of loaded.requests.keys()) if (await rekeepRequestCredentials(collection, rel)) changed.push(rel)
  return changed
}
