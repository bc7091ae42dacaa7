import { z } from 'zod'
import { DescriptionsSchema, type Descriptions, type SavedRequestInput, type VariableInput } from '../../../shared/collection'
import { AssertionSchema, type Assertion, type Scripts } from '../../../shared/scripts'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, KeyValue } from '../../../shared/http'
import type { Example } from '../../../shared/compare'
import { ParleyError } from '../../../shared/errors'

/**
 * What every importer produces: a collection as a tree, independent of where it came from. The
 * writer turns it into files with the collection store; the preview only counts it.
 */
export interface ImportedFolder {
  type: 'folder'
  name: string
  description: string
  /** Absent: inherit from the parent. */
  auth?: HttpAuth
  headers: KeyValue[]
  variables: VariableInput[]
  items: ImportedItem[]
  /** Run around every request inside (outer to inner). */
  scripts?: Scripts
}

export interface ImportedRequest {
  type: 'request'
  request: SavedRequestInput
  /** Saved example responses, written beside the request (src/core/compare/examples.ts). */
  examples?: Example[]
}

export type ImportedItem = ImportedFolder | ImportedRequest

export interface ImportedCollection {
  name: string
  description: string
  auth: HttpAuth
  headers: KeyValue[]
  variables: VariableInput[]
  items: ImportedItem[]
  /** Run around every request of the collection. */
  scripts?: Scripts
  environments: Array<{ name: string; variables: VariableInput[] }>
  /** What the source had that Parley cannot represent: reported, never silently dropped. */
  unsupported: UnsupportedItem[]
}

/**
 * Folders deeper than this are refused: no tool makes them on purpose, and a hostile file nested
 * thousands deep would otherwise exhaust the stack of every recursive step after it.
 */
export const maxImportDepth = 100

/** The refusal for a file nested past `maxImportDepth`. */
export function tooDeep(where: string): ParleyError {
  return new ParleyError(
    'import_too_deep',
    `This file nests folders more than ${maxImportDepth} levels deep (at "${where.slice(0, 120)}"), which Parley does not import.`,
    `Flatten the folders in the tool that made it to at most ${maxImportDepth} levels, then export again.`
  )
}

/** A sentence for an item that is neither a request nor a folder, listed instead of imported. */
export function junkItem(item: unknown): string {
  const shown =
    item === null
      ? 'null'
      : Array.isArray(item)
        ? 'a list'
        : typeof item === 'object'
          ? 'an object with no request in it'
          : `${typeof item} ${JSON.stringify(item).slice(0, 40)}`
  return `An item that is ${shown}, neither a request nor a folder, was skipped.`
}

/** An empty collection to fill. */
export function emptyCollection(name: string): ImportedCollection {
  return {
    name: itemName(name, 'Imported collection'),
    description: '',
    auth: { type: 'none' },
    headers: [],
    variables: [],
    items: [],
    environments: [],
    unsupported: []
  }
}

/** A name Parley accepts for a file or folder: no slashes, not empty, at most 200 characters. */
export function itemName(name: unknown, fallback: string): string {
  const text =
    typeof name === 'string'
      ? name
          .replace(/[/\\\0]/g, '-')
          .replace(/\s+/g, ' ')
          .trim()
      : ''
  const cut = text.slice(0, 200).trim()
  return cut === '' || cut === '.' || cut === '..' ? fallback : cut
}

/** A variable Parley accepts; a name it cannot hold is reported instead. */
export function importVariable(
  name: unknown,
  value: unknown,
  options: { enabled?: boolean; secret?: boolean; where: string; unsupported: UnsupportedItem[] }
): VariableInput | undefined {
  const key = typeof name === 'string' ? name.trim() : ''
  if (key === '' || /[{}]/.test(key) || key.startsWith('$') || key.length > 200) {
    options.unsupported.push({
      item: options.where,
      what: `The variable "${String(name)}" has a name Parley cannot use (empty, with { } or starting with $); it was left out.`
    })
    return undefined
  }
  return {
    name: key,
    value: value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value),
    enabled: options.enabled ?? true,
    secret: options.secret ?? false
  }
}

/** Counts requests and folders in a tree. */
export function countItems(items: ImportedItem[]): { requests: number; folders: number } {
  let requests = 0
  let folders = 0
  for (const item of items) {
    if (item.type === 'request') requests++
    else {
      folders++
      const inner = countItems(item.items)
      requests += inner.requests
      folders += inner.folders
    }
  }
  return { requests, folders }
}

/** Text of a description that may be a string or `{ content }` (Postman) or absent. */
export function descriptionText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
    return (value as { content: string }).content
  }
  return ''
}

/** A record's field, as an unknown, for reading untyped JSON safely. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback
}

/** `https://x.test/v1/users?page=2` → `users`: a short name for a request made from a URL. */
export function lastSegment(url: string): string {
  try {
    const parsed = new URL(url)
    return decodeURIComponent(
      parsed.pathname
        .split('/')
        .filter((part) => part !== '')
        .at(-1) ?? parsed.host
    )
  } catch {
    return url.slice(0, 80)
  }
}

/**
 * Assertion rows and descriptions in other languages, which Postman and Insomnia files cannot hold:
 * Parley's own exports carry them under `_parley` (the value passed here) for a round trip.
 */
export function carriedExtras(carried: unknown): { assertions?: Assertion[]; descriptions?: Descriptions } {
  const assertions = z.array(AssertionSchema).max(1000).safeParse(field(carried, 'assertions'))
  const descriptions = DescriptionsSchema.safeParse(field(carried, 'descriptions'))
  return {
    ...(assertions.success && assertions.data.length > 0 ? { assertions: assertions.data } : {}),
    ...(descriptions.success && field(carried, 'descriptions') !== undefined ? { descriptions: descriptions.data } : {})
  }
}
