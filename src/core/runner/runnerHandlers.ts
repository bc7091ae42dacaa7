import { randomUUID } from 'node:crypto'
import { ParleyError } from '../../shared/errors'
import type { HttpRequest } from '../../shared/http'
import type { SendContext } from '../../shared/sendContext'
import type { EventBus } from '../events'
import type { HttpEngine } from '../http/engine'
import type { Handlers } from '../invoke'
import { variableWriter } from '../scripts/runHandlers'
import { prepareHttpRequest } from '../sendPreparation'
import type { createCollectionServices } from '../store/collectionServices'
import { readRequest } from '../store/requestFiles'
import { CollectionRun, type CollectionRunOptions, type RealtimeRunner } from './collectionRun'
import { readDataFile } from './dataRows'
import { renderReport } from './reports'

type RunnerCall = 'runner.start' | 'runner.cancel' | 'runner.result' | 'runner.save'

export interface RunnerHandlerDeps {
  store: ReturnType<typeof createCollectionServices>
  http: HttpEngine
  events: EventBus
  withAppSettings(request: HttpRequest): HttpRequest
  /** The files a request reads, checked against the file-access rule (as at Send). */
  checkFiles(request: HttpRequest, context: SendContext | undefined): Promise<HttpRequest>
  /** The data file's real path, once the file-access rule allows it for this collection. */
  checkDataFile(path: string, collectionId: string): Promise<string>
  /** Runs a Socket.IO, WebSocket or SSE request's steps; without it such requests are skipped. */
  runRealtime?: RealtimeRunner | undefined
}

/** Finished runs kept for runner.result and runner.save; the oldest goes first. */
const keptRuns = 20

/** The collection runner's calls; progress goes out as `runner.progress` events. */
export function createRunnerHandlers(deps: RunnerHandlerDeps): Pick<Handlers, RunnerCall> & { runs: Map<string, CollectionRun> } {
  const { store, http, events } = deps
  const runs = new Map<string, CollectionRun>()
  const find = (runId: string): CollectionRun => {
    const run = runs.get(runId)
    if (!run)
      throw new ParleyError('not_found', `There is no run with the id ${runId}.`, 'Only the last 20 runs since the app started are kept; start the run again.')
    return run
  }
  return {
    runs,
    'runner.start': async (input) => {
      await store.collections.get(input.collectionId)
      const rows =
        input.data?.kind === 'rows'
          ? input.data.rows
          : input.data?.kind === 'file'
            ? await readDataFile(await deps.checkDataFile(input.data.path, input.collectionId))
            : undefined
      const runId = randomUUID()
      const options: CollectionRunOptions = { ...input, runId, rows }
      const run = new CollectionRun(
        {
          collections: store.collections,
          readRequest: async (collectionId, path) => (await readRequest(await store.collections.get(collectionId), path)).request,
          send: {
            ...store,
            http,
            // Files are checked after scripts and variables had their say, as at Send.
            prepare: async (request, ctx, scope) =>
              deps.withAppSettings(await deps.checkFiles(await prepareHttpRequest({ ...store, scopeFor: async () => scope }, request, ctx), ctx))
          },
          cancelSend: (requestId) => http.cancel(requestId),
          discardBody: (bodyId) => http.discardBody(bodyId),
          writer: variableWriter(store),
          runRealtime: deps.runRealtime
        },
        options,
        (progress) => events.emit('runner.progress', progress)
      )
      runs.set(runId, run)
      for (const [id, old] of runs) {
        if (runs.size <= keptRuns) break
        if (old.result().summary.state !== 'running') runs.delete(id)
      }
      return { runId }
    },
    'runner.cancel': ({ runId }) => ({ cancelled: find(runId).cancel() }),
    'runner.result': ({ runId }) => find(runId).result(),
    'runner.save': ({ runId, format }) => renderReport(find(runId).result(), format)
  }
}
