import type { ImportFormat, ImportResult, ImportRunInput } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { parseCurlScript } from '../curl/parseCurl'
import { looksLikeCurl } from '../curl/curlScript'
import { detectDocument, readDocument } from './detectFormat'
import { importBruno } from './bruno'
import { brunoFolderMark, importBrunoFolder } from './brunoFolder'
import { flagExternalFiles } from './externalFiles'
import { importHar } from './har'
import { asArray, countItems, emptyCollection, field, itemName, lastSegment, type ImportedCollection } from './importModel'
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
  const chosen = chosenFiles(readDocument(text))
  const doc = chosen ? chosen.main : readDocument(text)
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
      return { format: detected, collection: await importOpenApi(doc, chosen?.beside) }
    case 'har':
      return { format: detected, collection: importHar(doc) }
    case 'bruno':
      return { format: detected, collection: field(doc, 'parleyImport') === brunoFolderMark ? importBrunoFolder(doc) : importBruno(doc) }
  }
}

/**
 * Several files chosen at once travel as `{ parleyImport: 'files', files: [{ path, text }] }`: the
 * first that is an importable document is imported, the others are the files beside it (an OpenAPI
 * spec's external `$ref`s resolve against them).
 */
function chosenFiles(doc: unknown): { main: unknown; beside: Map<string, string> } | undefined {
  if (field(doc, 'parleyImport') !== 'files') return undefined
  const files = asArray(field(doc, 'files')).flatMap((f) =>
    typeof field(f, 'path') === 'string' && typeof field(f, 'text') === 'string' ? [{ path: String(field(f, 'path')), text: String(field(f, 'text')) }] : []
  )
  const read = files.map((f) => ({ ...f, doc: readDocument(f.text) }))
  const main = read.find((f) => detectDocument(f.doc) === 'openapi') ?? read.find((f) => !['unknown', 'curl'].includes(detectDocument(f.doc)))
  if (!main) return { main: undefined, beside: new Map() }
  const beside = new Map(files.filter((f) => f.path !== main.path).map((f) => [f.path.split(/[\\/]/).at(-1) ?? f.path, f.text]))
  return { main: main.doc, beside }
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
