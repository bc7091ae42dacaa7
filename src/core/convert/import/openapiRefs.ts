import $RefParser from '@apidevtools/json-schema-ref-parser'
import type { UnsupportedItem } from '../../../shared/convert'

/** Where the spec is taken to live while its references are resolved: a name no real file has. */
const base = '/__parley_spec__/'

/**
 * Resolves a spec's external `$ref`s (`./schemas/pet.yaml` style, to files beside it) against the
 * files the user chose together with it, and nothing else: no file is read from disk and no URL is
 * fetched. A reference that leaves the spec's folder, or names a file that was not chosen, resolves to
 * an empty schema and is reported.
 */
export async function dereferenceBeside(raw: unknown, files: Map<string, string>, where: string, unsupported: UnsupportedItem[]): Promise<unknown> {
  const missing = new Set<string>()
  const doc = await $RefParser.dereference(
    `${base}openapi.yaml`,
    structuredClone(raw) as object,
    {
      dereference: { circular: 'ignore' },
      resolve: {
        external: true,
        file: false,
        http: false,
        beside: {
          order: 1,
          canRead: true,
          read: (file: { url: string }) => {
            const url = safeDecode(file.url)
            const name = url.startsWith(base) ? url.slice(base.length) : undefined
            const text = name !== undefined && !name.includes('/') ? files.get(name) : undefined
            if (text !== undefined) return text
            missing.add(name ?? url)
            return '{}'
          }
        }
      }
    } as never
  )
  for (const name of missing) {
    unsupported.push({
      item: where,
      what: `The $ref to "${name}" is not a file chosen beside the spec (only files in the spec's own folder are read); its schema gives no example.`
    })
  }
  return doc
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
