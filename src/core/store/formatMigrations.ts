import { parse } from 'yaml'
import { z } from 'zod'
import { CollectionFileSchema, EnvironmentFileSchema, FolderFileSchema, SavedRequestSchema, collectionFormatVersion } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'

/**
 * The collection format's version (`parley: N` in parley.yaml) and the steps that upgrade older files.
 * The version is the collection's: folder, request and environment files carry none of their own and are
 * read at the version their parley.yaml states. Reading an older collection upgrades each file in memory,
 * step by step, and the next save of a file writes it in the current shape (parley.yaml with the current
 * version). A collection from a newer Parley is refused rather than half-read.
 *
 * To change the format: raise `collectionFormatVersion` (src/shared/collection.ts), change the schemas,
 * add one step per file type below under the version it upgrades from, and add a fixture folder
 * `test/unit/core/store/formatFixtures/v<N>` written by the older Parley (formatMigrations.test.ts loads
 * every version). Files of one collection are saved one at a time, so a step must also accept a file that
 * is already in the newer shape (a request saved after the upgrade, while parley.yaml still says N).
 */

export type FormatFileType = 'collection' | 'folder' | 'request' | 'environment'

/** Upgrades the plain value of one file from version N to N + 1. */
export type FormatStep = (value: Record<string, unknown>) => Record<string, unknown>

/** 1 | 2 | … | N - 1: the versions that need a step up. */
type OlderThan<N extends number, Acc extends number[] = []> = Acc['length'] extends N
  ? never
  : (Acc['length'] extends 0 ? never : Acc['length']) | OlderThan<N, [...Acc, 0]>
type OlderVersion = OlderThan<typeof collectionFormatVersion>

/** Every file type has a step from every older version: a version without one fails to compile. */
export type FormatChain = { readonly [T in FormatFileType]: { readonly [V in OlderVersion]: FormatStep } }

export const formatMigrations: FormatChain = {
  // Version 1 is the first; the first format change adds `1: (value) => …` to each of these.
  collection: {},
  folder: {},
  request: {},
  environment: {}
}

const schemas = {
  collection: CollectionFileSchema,
  folder: FolderFileSchema,
  request: SavedRequestSchema,
  environment: EnvironmentFileSchema
} as const

/** The value of a file of `type` written at `from`, upgraded to the current version. */
export function upgradeFile(
  type: FormatFileType,
  value: unknown,
  from: number,
  chain: { readonly [T in FormatFileType]: Readonly<Record<number, FormatStep>> } = formatMigrations,
  to: number = collectionFormatVersion
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  let out = value as Record<string, unknown>
  for (let version = from; version < to; version++) {
    const step = chain[type][version]
    if (!step) throw new Error(`no ${type} step from format version ${version}`)
    out = step(out)
  }
  return type === 'collection' ? { ...out, parley: to } : out
}

/** The schema that reads a file of `type` from a collection at `version`: the file's own, after any upgrade. */
export function readSchema<T extends FormatFileType>(type: T, version: number): (typeof schemas)[T] {
  if (version === collectionFormatVersion) return schemas[type]
  return z.preprocess((value) => upgradeFile(type, value, version), schemas[type]) as unknown as (typeof schemas)[T]
}

/** What `parley:` says in a parley.yaml's text: a version, or undefined when it is absent or not one. */
export function statedFormatVersion(text: string): number | undefined {
  let value: unknown
  try {
    value = parse(text, { maxAliasCount: 0 })
  } catch {
    return undefined
  }
  const stated = (value as { parley?: unknown } | null)?.parley
  return typeof stated === 'number' && Number.isInteger(stated) && stated >= 1 ? stated : undefined
}

/** The version to read a collection at; a newer one than this Parley knows is refused. */
export function formatVersionOf(text: string, root: string): number {
  const stated = statedFormatVersion(text)
  if (stated === undefined) return collectionFormatVersion
  if (stated > collectionFormatVersion) {
    throw new ParleyError(
      'format_too_new',
      `${root} was made by a newer Parley (collection format ${stated}; this Parley reads formats up to ${collectionFormatVersion}), so it was not opened: reading it could lose what the newer version wrote.`,
      'Update Parley to the latest version, then open the collection again.'
    )
  }
  return stated
}

/** parley.yaml, read at the version it states (an absent or malformed `parley:` is left to the schema to report). */
export function collectionFileSchemaFor(text: string): z.ZodType<z.output<typeof CollectionFileSchema>> {
  const stated = statedFormatVersion(text)
  if (stated !== undefined && stated > collectionFormatVersion) {
    return z.custom<z.output<typeof CollectionFileSchema>>(() => false, {
      path: ['parley'],
      message: `collection format ${stated} was made by a newer Parley (this one reads formats up to ${collectionFormatVersion}): update Parley`
    })
  }
  return stated === undefined || stated === collectionFormatVersion ? CollectionFileSchema : readSchema('collection', stated)
}
