import { createRequire } from 'node:module'
import type * as BrunoLang from '@usebruno/lang'
import type { UnsupportedItem } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { importBruno } from './bruno'
import { asArray, asString, field, maxImportDepth, tooDeep, type ImportedCollection } from './importModel'

const requireCjs = createRequire(import.meta.url)
let brunoLang: typeof BrunoLang | undefined
/** Bruno's parser, loaded on the first folder import: building its grammar was a third of core's start-up CPU. */
function bruno(): typeof BrunoLang {
  brunoLang ??= requireCjs('@usebruno/lang') as typeof BrunoLang
  return brunoLang
}

/** How a chosen folder travels as import text: its files, by path relative to the folder chosen. */
export const brunoFolderMark = 'bruno-folder'

interface FolderFile {
  path: string
  text: string
}

type Json = Record<string, unknown>

/**
 * A Bruno collection folder (`bruno.json`, `collection.bru`, a `.bru` file per request, `folder.bru`
 * per folder, `environments/*.bru`), as the files the user chose arrive: read with Bruno's own
 * parser (@usebruno/lang) into the shape of Bruno's JSON export, then imported like one. A file
 * that does not parse is named with its error; the rest still comes in.
 */
export function importBrunoFolder(doc: unknown): ImportedCollection {
  const files: FolderFile[] = asArray(field(doc, 'files')).flatMap((f) =>
    typeof field(f, 'path') === 'string' && typeof field(f, 'text') === 'string'
      ? [{ path: normalise(asString(field(f, 'path'))), text: asString(field(f, 'text')) }]
      : []
  )
  const config = files.filter((f) => f.path === 'bruno.json' || f.path.endsWith('/bruno.json')).sort((a, b) => a.path.length - b.path.length)[0]
  if (!config) {
    throw new ParleyError(
      'not_bruno',
      'This folder has no bruno.json, so it is not a Bruno collection.',
      'Choose the folder that holds bruno.json (the collection folder itself).'
    )
  }
  const base = config.path.slice(0, config.path.length - 'bruno.json'.length)
  const inside = files.filter((f) => f.path.startsWith(base)).map((f) => ({ ...f, path: f.path.slice(base.length) }))
  const problems: UnsupportedItem[] = []
  const parse = <T>(file: FolderFile, read: (text: string) => T): T | undefined => {
    try {
      return read(file.text)
    } catch (error) {
      const lines = String((error as Error).message)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
      const why = lines.length > 1 ? `${lines[0] ?? ''} ${lines.at(-1) ?? ''}` : (lines[0] ?? 'invalid')
      problems.push({ item: file.path, what: `This file could not be read (${why}); it was left out.` })
      return undefined
    }
  }
  const brunoConfig = parse(config, (text) => JSON.parse(text) as unknown)
  const collectionBru = inside.find((f) => f.path === 'collection.bru')
  const rootBru = collectionBru ? parse(collectionBru, (text) => bruno().collectionBruToJson(text)) : undefined

  const environments = inside
    .filter((f) => /^environments\/[^/]+\.bru$/.test(f.path))
    .flatMap((f) => {
      const env = parse(f, (text) => bruno().bruToEnvJsonV2(text))
      return env ? [{ name: f.path.slice('environments/'.length, -'.bru'.length), variables: field(env, 'variables') }] : []
    })

  const folder = (dir: string, depth: number): Json[] => {
    if (depth > maxImportDepth) throw tooDeep(dir)
    const here = inside.filter((f) => f.path.startsWith(dir) && f.path.endsWith('.bru') && !f.path.startsWith('environments/'))
    const items: Json[] = []
    const subdirs = new Set<string>()
    for (const f of here) {
      const rest = f.path.slice(dir.length)
      const slash = rest.indexOf('/')
      if (slash >= 0) {
        subdirs.add(rest.slice(0, slash))
        continue
      }
      if (rest === 'folder.bru' || rest === 'collection.bru') continue
      const json = parse(f, (text) => bruno().bruToJsonV2(text))
      if (json) items.push(requestItem(json, rest.slice(0, -'.bru'.length)))
    }
    for (const name of [...subdirs].sort()) {
      if (dir === '' && (name === 'node_modules' || name.startsWith('.'))) continue
      const folderBru = inside.find((f) => f.path === `${dir}${name}/folder.bru`)
      const settings = folderBru ? parse(folderBru, (text) => bruno().collectionBruToJson(text)) : undefined
      items.push({
        type: 'folder',
        name: asString(field(field(settings, 'meta'), 'name')) || name,
        seq: field(field(settings, 'meta'), 'seq'),
        root: { request: settingsRequest(settings), docs: field(settings, 'docs') },
        items: folder(`${dir}${name}/`, depth + 1)
      })
    }
    return items
  }

  const collection = importBruno({
    name: asString(field(brunoConfig, 'name')),
    root: { request: settingsRequest(rootBru), docs: field(rootBru, 'docs') },
    items: folder('', 0),
    environments
  })
  collection.unsupported.unshift(...problems)
  return collection
}

/** One `.bru` request as an item of Bruno's JSON export. */
function requestItem(json: Json, fileName: string): Json {
  const meta = field(json, 'meta')
  const kind = asString(field(meta, 'type'))
  const http = field(json, 'http') ?? field(json, 'ws')
  const body = field(json, 'body')
  return {
    type: kind === 'graphql' ? 'graphql-request' : kind === 'ws' ? 'ws-request' : kind === 'grpc' ? 'grpc-request' : 'http-request',
    name: asString(field(meta, 'name')) || fileName,
    seq: field(meta, 'seq'),
    request: {
      url: field(http, 'url'),
      method: field(http, 'method'),
      headers: field(json, 'headers'),
      params: field(json, 'params'),
      body: { ...(body !== null && typeof body === 'object' ? body : {}), mode: field(http, 'body') },
      auth: { ...(field(json, 'auth') as object | undefined), mode: field(http, 'auth') },
      script: field(json, 'script'),
      vars: field(json, 'vars'),
      assertions: field(json, 'assertions'),
      tests: field(json, 'tests'),
      docs: field(json, 'docs')
    }
  }
}

/** collection.bru / folder.bru: what applies to every request inside. */
function settingsRequest(settings: unknown): Json {
  return {
    headers: field(settings, 'headers'),
    auth: field(settings, 'auth'),
    script: field(settings, 'script'),
    vars: field(settings, 'vars'),
    tests: field(settings, 'tests')
  }
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '')
}
