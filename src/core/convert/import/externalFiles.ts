import { isAbsolute, normalize } from 'node:path'
import { SavedRequestSchema } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpRequest } from '../../../shared/http'
import { filesReadBy } from '../../files/fileAccess'
import type { ImportedCollection, ImportedItem } from './importModel'

/**
 * The import report's warning for every file an imported request would read from outside its
 * new collection folder (an absolute path, `~`, or a way up with `..`): Send refuses those until
 * the user chooses them, so the user learns it now, from the report, and not from a failed Send.
 */
export function flagExternalFiles(collection: ImportedCollection): void {
  collection.unsupported.push(...externalFileWarnings(collection.items))
}

function externalFileWarnings(items: ImportedItem[], folders: string[] = []): UnsupportedItem[] {
  const warnings: UnsupportedItem[] = []
  for (const item of items) {
    if (item.type === 'folder') {
      warnings.push(...externalFileWarnings(item.items, [...folders, item.name]))
      continue
    }
    const parsed = SavedRequestSchema.safeParse(item.request)
    if (!parsed.success || parsed.data.kind !== 'http') continue
    const where = [...folders, parsed.data.name].join(' / ')
    warnings.push(...externalFileNotes(parsed.data, `"${parsed.data.name}"`).map((what) => ({ item: where, what })))
  }
  return warnings
}

/** One sentence per file outside the collection that a request reads; `subject` names the request. */
export function externalFileNotes(request: Pick<HttpRequest, 'body' | 'settings'>, subject: string): string[] {
  return filesReadBy(request)
    .filter((file) => isExternal(file.path))
    .map((file) => `${subject} reads ${file.path} (${file.what}); Parley will refuse to send it until you choose it in a picker or allow it.`)
}

/** A path that leaves the folder it is resolved against. */
export function isExternal(path: string): boolean {
  if (path === '') return false
  return isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('~') || normalize(path).split(/[\\/]/)[0] === '..'
}
