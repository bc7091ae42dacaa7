import type { ImportFormat, ImportResult, ImportRunInput } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { parseCurlScript } from '../curl/parseCurl'
import { looksLikeCurl } from '../curl/curlScript'
import { detectDocument, readDocument } from './detectFormat'
import { importBruno } from './bruno'
import { brunoFolderMark, importBrunoFolder } from './brunoFolder'
import { flagExternalFiles } from './externalFiles'
import { importHar } from './har'
import { countItems, emptyCollection, field, itemName, lastSegment, type ImportedCollection } from './importModel'
import { importInsomnia } from './insomnia'
import { importOpenApi } from './openapi'
import { importPostmanCollection } from './postmanCollection'
import { importPostmanEnvironment } from './postmanEnvironment'
import { collectionFolderFor, writeCollection, type ImportStores } from './writeCollection'

/**
 * Reads a file in any supported format into the importers' common model, with a warning for every
 * file a request would read from outside the collection.
 */
export async function readImport(text: string, format?: Exclude<ImportFormat, 'unknown'>): Promise<{ format: ImportFormat; collection: ImportedCollection }> {
  const read = await readAnyFormat(text, format)
  flagExternalFiles(read.collection)
  return read
}

async function readAnyFormat(text: string, format?: Exclude<ImportFormat, 'unknown'>): Promise<{ format: ImportFormat; collection: ImportedCollection }> {
  if (format === 'curl' || (format === undefined && looksLikeCurl(text))) {
    const collection = emptyCollection('Imported from cURL')
    for (const { request, warnings } of parseCurlScript(text)) {
      const name = itemName(`${request.method} ${lastSegment(request.url)}`, request.method)
      collection.items.push({ type: 'request', request: { kind: 'http', name, description: '', ...request } })
      collection.unsupported.push(...warnings.map((what) => ({ item: name, what })))
    }
    return { format: 'curl', collection }
  }
  const doc = readDocument(text)
  const detected = format ?? detectDocument(doc)
  if (doc === undefined || detected === 'unknown' || detected === 'curl') {
    throw new ParleyError(
      doc === undefined ? 'unreadable_import' : 'unknown_format',
      doc === undefined ? 'This file is neither JSON nor YAML, nor a cURL command.' : 'Parley does not recognise the format of this file.',
      'Import a Postman collection (v2.0/v2.1) or environment, an Insomnia v4 or v5 export, a Bruno collection (folder or JSON export), an OpenAPI 3 or Swagger 2.0 file, a HAR file, or a cURL command.'
    )
  }
  switch (detected) {
    case 'postman-collection':
      return { format: detected, collection: importPostmanCollection(doc) }
    case 'postman-environment':
      return { format: detected, collection: importPostmanEnvironment(doc) }
    case 'insomnia':
      return { format: detected, collection: importInsomnia(doc) }
    case 'openapi':
      return { format: detected, collection: await importOpenApi(doc) }
    case 'har':
      return { format: detected, collection: importHar(doc) }
    case 'bruno':
      return { format: detected, collection: field(doc, 'parleyImport') === brunoFolderMark ? importBrunoFolder(doc) : importBruno(doc) }
  }
}

/** What an import would create, without writing anything. */
export async function previewImport(input: ImportRunInput): Promise<ImportResult> {
  const { format, collection } = await readImport(input.text, input.format)
  return summary(format, collection, await collectionFolderFor(input.targetDir, collection.name))
}

/** Imports a file as a new collection folder inside `targetDir`, and opens it. */
export async function runImport(stores: ImportStores, input: ImportRunInput): Promise<ImportResult> {
  const { format, collection } = await readImport(input.text, input.format)
  const folder = await collectionFolderFor(input.targetDir, collection.name)
  const { collectionId } = await writeCollection(stores, collection, folder)
  return { ...summary(format, collection, folder), collectionId }
}

function summary(format: ImportFormat, collection: ImportedCollection, collectionPath: string): ImportResult {
  const counts = countItems(collection.items)
  return {
    format,
    collectionPath,
    name: collection.name,
    imported: counts.requests,
    folders: counts.folders,
    environments: collection.environments.length,
    unsupported: collection.unsupported
  }
}
