import { FolderSettingsSchema } from '../../shared/collection'
import type { HttpRequest, HttpResponse } from '../../shared/http'
import type { SendContext } from '../../shared/sendContext'
import type { EventBus } from '../events'
import type { HttpEngine } from '../http/engine'
import type { Handlers } from '../invoke'
import type { CompareFn } from '../compare/matchesExample'
import { prepareHttpRequest } from '../sendPreparation'
import type { createCollectionServices } from '../store/collectionServices'
import { runRequest } from './runRequest'
import type { VariableWriter } from './scriptVariables'

export interface RunHandlerDeps {
  store: ReturnType<typeof createCollectionServices>
  http: HttpEngine
  events: EventBus
  /** The app-wide settings (TLS verification) applied to every send. */
  withAppSettings(request: HttpRequest): HttpRequest
  /** The files the request reads, checked against the file-access rule; returns it with their real paths. */
  checkFiles(request: HttpRequest, context: SendContext | undefined): Promise<HttpRequest>
  /** Keeps a response in the request's response history (src/core/compare). */
  record(response: HttpResponse, context: SendContext | undefined, tabId: string | undefined): Promise<void>
  /** The diff behind `example <name>` rows (core's diff worker). */
  compare?: CompareFn
}

/** Saves what scripts changed to variables: globals, the environment, the collection's variables. */
export function variableWriter(store: RunHandlerDeps['store']): VariableWriter {
  return {
    saveGlobals: (variables) => store.handlers['globals.save']({ variables }),
    saveEnvironment: (collectionId, id, name, variables) => store.handlers['environment.save']({ collectionId, id, name, variables }),
    saveCollectionVariables: async (collectionId, variables) => {
      const settings = await store.handlers['folder.read']({ collectionId, path: '' })
      await store.handlers['folder.save']({ collectionId, path: '', settings: FolderSettingsSchema.parse({ ...settings, variables }) })
    }
  }
}

/**
 * `http.run` (a send with its scripts and assertion rows) and `http.cancel`, which also stops a
 * run whose pre-request scripts are still going, before its send starts.
 */
export function createRunHandlers({
  store,
  http,
  events,
  withAppSettings,
  checkFiles,
  record,
  compare
}: RunHandlerDeps): Pick<Handlers, 'http.run' | 'http.cancel'> {
  const runsInFlight = new Map<string, { cancelled: boolean }>()
  const writer = variableWriter(store)
  return {
    'http.run': ({ requestId, request, context, scripts, assertions, name, tabId }) => {
      const run = { cancelled: false }
      runsInFlight.set(requestId, run)
      return runRequest(
        {
          ...store,
          http,
          writer,
          // Files are checked after scripts and variables had their say, so neither can smuggle one out.
          prepare: async (prepared, ctx, scope) =>
            withAppSettings(await checkFiles(await prepareHttpRequest({ ...store, scopeFor: async () => scope }, prepared, ctx), ctx)),
          onProgress: (progress) => events.emit('http.progress', progress),
          cancelled: () => run.cancelled,
          ...(compare ? { compare } : {})
        },
        { requestId, request, context, scripts, assertions, name }
      )
        .then(async (result) => {
          // Every response a user sees goes into its request's response history, for Compare.
          if (result.response) await record(result.response, context, tabId)
          return result
        })
        .finally(() => runsInFlight.delete(requestId))
    },
    'http.cancel': ({ requestId }) => {
      const run = runsInFlight.get(requestId)
      if (run) run.cancelled = true
      return { cancelled: http.cancel(requestId) || run !== undefined }
    }
  }
}
