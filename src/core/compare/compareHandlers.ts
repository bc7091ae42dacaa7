import { join } from 'node:path'
import type { CompareSide, ResponseTarget } from '../../shared/compare'
import type { HttpResponse } from '../../shared/http'
import type { Handlers } from '../invoke'
import type { CollectionStore } from '../store/collectionStore'
import type { ResponseSnapshot } from './compareResponses'
import { DiffPool } from './diffPool'
import { ExampleFiles, exampleFromBody } from './examples'
import { ResponseHistory } from './responseHistory'

type CompareCall = 'responses.list' | 'responses.open' | 'responses.setLimits' | 'examples.list' | 'examples.save' | 'examples.delete' | 'compare.run'

export interface CompareDeps {
  dataDir: string
  collections: CollectionStore
  /** Where diffs run: a worker thread, so a large diff does not stall core. */
  diffs?: DiffPool
}

/** Response history, examples and diffs; `record` is what `http.send` calls after each response. */
export function createCompareServices(deps: CompareDeps) {
  const diffs = deps.diffs ?? new DiffPool()
  const history = new ResponseHistory(deps.dataDir, join(deps.dataDir, 'bodies'))
  const rootOf = async (collectionId: string): Promise<string> => (await deps.collections.get(collectionId)).root
  // A saved request is known by where its collection lives and its path in it; an unsaved one by its tab.
  const keyOf = async (target: ResponseTarget): Promise<string> =>
    'tabId' in target ? `tab:${target.tabId}` : `collection:${await rootOf(target.collectionId)}\n${target.path}`
  const examplesOf = async (collectionId: string): Promise<ExampleFiles> => new ExampleFiles(await rootOf(collectionId))

  const snapshot = async (side: CompareSide): Promise<ResponseSnapshot> => {
    if ('history' in side) {
      const { stored, body } = await history.read(await keyOf(side.history.target), side.history.id)
      return { status: stored.entry.status, statusText: stored.entry.statusText, headers: stored.entry.headers, body }
    }
    const example = await (await examplesOf(side.example.collectionId)).get(side.example.path, side.example.name)
    const body = example.bodyBase64 !== undefined ? Buffer.from(example.bodyBase64, 'base64') : Buffer.from(example.body ?? '', 'utf8')
    return { status: example.status, statusText: example.statusText, headers: example.headers, body }
  }

  const handlers: Pick<Handlers, CompareCall> = {
    'responses.list': async ({ target }) => ({
      entries: await history.list(await keyOf(target)),
      limits: await history.limits(),
      totalBytes: await history.totalBytes()
    }),
    'responses.open': async ({ target, id }) => history.reopen(await keyOf(target), id),
    'responses.setLimits': (limits) => history.setLimits(limits),
    'examples.list': async ({ collectionId, path }) => ({ examples: await (await examplesOf(collectionId)).list(path) }),
    'examples.save': async ({ collectionId, path, name, from, ignorePaths }) => {
      const { stored, body } = await history.read(await keyOf(from.target), from.id)
      const example = exampleFromBody(
        {
          name,
          savedAt: new Date().toISOString(),
          status: stored.entry.status,
          statusText: stored.entry.statusText,
          headers: stored.entry.headers,
          ignorePaths
        },
        body
      )
      return { file: await (await examplesOf(collectionId)).save(path, example) }
    },
    'examples.delete': async ({ collectionId, path, name }) => {
      await (await examplesOf(collectionId)).delete(path, name)
      return {}
    },
    'compare.run': async ({ left, right, ignorePaths }) => diffs.compare(await snapshot(left), await snapshot(right), ignorePaths)
  }

  /** Keeps a response in the history of the request it answered (a request file, else the tab). */
  const record = async (response: HttpResponse, where: { collectionId?: string; path?: string; tabId?: string }): Promise<void> => {
    const target: ResponseTarget | null =
      where.collectionId && where.path?.endsWith('.yaml') ? { collectionId: where.collectionId, path: where.path } : where.tabId ? { tabId: where.tabId } : null
    if (!target) return
    const textual = response.body.kind === 'inline' ? response.body.text !== null : /json|text|xml|javascript|yaml/i.test(response.contentType ?? '')
    await history.record(await keyOf(target), response, textual)
  }

  /** A request file (or a folder of them) moved from `from` to `to` in a collection: its history follows. */
  const follow = async (collectionId: string, from: string, to: string): Promise<void> => {
    if (from === to) return
    const prefix = `collection:${await rootOf(collectionId)}\n`
    await history.rekey((key) => {
      if (!key.startsWith(prefix)) return undefined
      const path = key.slice(prefix.length)
      if (path === from) return `${prefix}${to}`
      return path.startsWith(`${from}/`) ? `${prefix}${to}${path.slice(from.length)}` : undefined
    })
  }

  return { handlers, record, follow, history, diffs }
}
