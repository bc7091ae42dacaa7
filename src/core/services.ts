import { chmod, mkdir } from 'node:fs/promises'
import { defaultSettings, type AppInfo, type Shell } from '../shared/app'
import type { HttpRequest, HttpResponse } from '../shared/http'
import type { SendContext } from '../shared/sendContext'
import type { CallResult } from '../shared/errors'
import { EventBus } from './events'
import { createHttpEngine } from './http/engine'
import { invokeCall, type Handlers } from './invoke'
import { FileUploads } from './fileUploads'
import { FileAccess, type FileAccessPlace } from './files/fileAccess'
import { FileGrants } from './files/fileGrants'
import { openPlaygroundCollection } from './playgroundCollection'
import { PlaygroundProcess, type PlaygroundCommand } from './playgroundProcess'
import { prepareHttpRequest, scopeOf } from './sendPreparation'
import { resolveValue } from './vars/resolveRequest'
import { SessionManager } from './realtime/sessionManager'
import { SettingsStore } from './store/settingsStore'
import { createCollectionServices } from './store/collectionServices'
import { convertCalls } from './convert/convertCalls'
import { lazyHandlers } from './lazyHandlers'
import { createRunHandlers, variableWriter } from './scripts/runHandlers'
import { createRunnerHandlers } from './runner/runnerHandlers'
import { runRealtimeRequest, type RealtimeRequest } from './runner/realtimeRun'
import { openLiveRequest, savedScripts } from './runner/realtime/liveOpen'
import { createCompareServices } from './compare/compareHandlers'
import type { SecretCipher } from './store/secretCipher'
import { createDialogHandlers, type NativeDialogs } from './dialogHandlers'
import { describeInheritance } from './inheritance'
import { prepareGraphqlWs, withHandshakeAuth } from './graphql/subscriptionRequest'
import { createOAuthHandlers, createOAuthTokens, type OAuthOptions } from './oauth/handlers'

export interface ServicesOptions {
  /** Where app state lives (settings, history, secrets); never beside a collection. */
  dataDir: string
  shell: Shell
  appVersion: string
  /** `process.versions` of the process that hosts core: Electron's main adds electron and chrome. */
  versions?: NodeJS.ProcessVersions
  /** How often `app.status` is pushed; 0 turns it off. */
  statusIntervalMs?: number
  /** How this shell runs the demo server; absent where there is none. */
  playground?: PlaygroundCommand
  /** The sample collection shipped in resources/, opened when the playground starts. */
  sampleCollectionDir?: string
  /** Encrypts secret variable values; Electron can pass one built on safeStorage. Default: a key file in dataDir. */
  secretCipher?: SecretCipher
  /** The OS's folder, file and Save As dialogs, where the shell has them (Electron). */
  nativeDialogs?: NativeDialogs
  /** OAuth 2.0 sign-in: Electron passes its sign-in window. */
  oauth?: OAuthOptions
}

export interface Services {
  readonly events: EventBus
  /** Every adapter calls this, and only this, to serve a call. */
  invoke(name: unknown, input: unknown): Promise<CallResult>
  /** The browser host tells core the URI of its OAuth callback route once it listens. */
  useOAuthRedirect(uri: string): void
  dispose(): Promise<void>
}

/** Assembles core: the one place where engines and stores are created and wired to the contract. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  // History, drafts and cookies hold credentials: the data dir is the user's alone, whoever created it.
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  // A folder someone else owns cannot be changed; Parley still runs there, as before.
  await chmod(options.dataDir, 0o700).catch(() => undefined)
  const events = new EventBus()
  const settings = new SettingsStore(options.dataDir)
  const startedAt = new Date()
  const versions = options.versions ?? process.versions
  const store = createCollectionServices({ dataDir: options.dataDir, events, secretCipher: options.secretCipher })
  const { sampleCollectionDir } = options
  const playground = new PlaygroundProcess(options.playground, events, async (url) =>
    sampleCollectionDir ? openPlaygroundCollection(store.handlers, { sampleDir: sampleCollectionDir, dataDir: options.dataDir, url }) : null
  )
  // The app-wide HTTP switches, kept current so each send reads them without touching the disk.
  let appSettings = await settings.get().catch(() => defaultSettings)
  const oauthTokens = createOAuthTokens(store.secrets)
  const http = await createHttpEngine({
    dataDir: options.dataDir,
    oauthTokens,
    userAgent: `Parley/${options.appVersion}`,
    appProxy: () => appSettings.proxyUrl || null
  })
  const withAppSettings = (request: HttpRequest): HttpRequest => {
    const own = request.settings
    return {
      ...request,
      settings: {
        ...own,
        verifyTls: appSettings.verifyTls && own.verifyTls,
        // A request's own limit wins; without one, the app's.
        maxResponseBytes: own.maxResponseBytes ?? appSettings.maxResponseBytes,
        idleTimeoutMs: own.idleTimeoutMs ?? appSettings.idleTimeoutMs,
        maxDecompressionRatio: own.maxDecompressionRatio ?? appSettings.maxDecompressionRatio
      }
    }
  }
  const sessions = new SessionManager({ dataDir: options.dataDir, events })
  const compare = createCompareServices({ dataDir: options.dataDir, collections: store.collections })
  /** Kept before the response goes out, while its body file surely exists; a full disk costs the history, not the response. */
  const recordResponse = async (response: HttpResponse, context: SendContext | undefined, tabId: string | undefined): Promise<void> => {
    await compare
      .record(response, { ...context, tabId })
      .catch((error: unknown) => response.warnings.push(`Not kept in response history: ${(error as Error).message}`))
  }

  const uploads = new FileUploads(options.dataDir)
  const fileGrants = new FileGrants(options.dataDir)
  const fileAccess = new FileAccess(options.dataDir, fileGrants)
  const filePlace = async (context: SendContext | undefined): Promise<FileAccessPlace> =>
    context ? { collectionId: context.collectionId, collectionRoot: (await store.collections.get(context.collectionId)).root } : {}
  const sessionScopes = new Map<string, Awaited<ReturnType<typeof scopeOf>>>()
  /** Where each session's request lives, for the files its emits read. */
  const sessionPlaces = new Map<string, FileAccessPlace>()
  /** A Socket.IO file argument reads a file like a request body does: same rule, checked real path. */
  const checkEmitFiles = async <E extends { args: Array<{ type: string; value: string }> }>(sessionId: string, emit: E): Promise<E> => {
    const files = emit.args.filter((arg) => arg.type === 'binary-file').map((arg) => ({ what: 'a file argument of the emit', path: arg.value }))
    if (files.length === 0) return emit
    const real = await fileAccess.checkFiles(files, sessionPlaces.get(sessionId) ?? {})
    return { ...emit, args: emit.args.map((arg) => (arg.type === 'binary-file' ? { ...arg, value: real.get(arg.value) ?? arg.value } : arg)) }
  }
  /** Step runs in flight, by requestId, so session.cancelSteps can stop one. */
  const stepRuns = new Map<string, AbortController>()
  const resolveIn = <T>(sessionId: string, value: T): T => {
    const scope = sessionScopes.get(sessionId)
    return scope ? resolveValue(value, scope) : value
  }

  /** Files named by `binary-file` emit arguments of a step, checked like a session's emits. */
  const checkStepFiles = async (paths: string[], context: SendContext | undefined): Promise<Map<string, string>> =>
    fileAccess.checkFiles(
      paths.map((path) => ({ what: 'a file argument of the emit', path })),
      await filePlace(context)
    )
  const runnerHandlers = createRunnerHandlers({
    store,
    http,
    events,
    withAppSettings,
    checkFiles: async (request, context) => fileAccess.check(request, await filePlace(context)),
    checkDataFile: async (path, collectionId) => {
      const real = await fileAccess.checkFiles([{ what: 'the data file', path }], await filePlace({ collectionId }))
      return real.get(path) ?? path
    },
    // A live request's steps, as Run steps runs them, with the run's variables and cancel.
    runRealtime: ({ request, carried, writer, signal, ...input }) =>
      runRealtimeRequest(
        {
          ...store,
          writer,
          signal,
          http,
          checkFiles: checkStepFiles
        },
        { ...input, request: request as RealtimeRequest, steps: request.steps ?? [], carried }
      )
  })

  const oauth = createOAuthHandlers({
    tokens: oauthTokens,
    http,
    events,
    options: options.oauth ?? {},
    prepare: async (request, context) => withAppSettings(await prepareHttpRequest(store, request, context))
  })

  const handlers: Handlers = {
    ...store.handlers,
    ...oauth.handlers,
    ...lazyHandlers(convertCalls, async () => (await import('./convert/convertHandlers')).createConvertHandlers({ ...store, appVersion: options.appVersion })),
    ...createDialogHandlers(options.nativeDialogs, fileGrants),
    'request.inherited': ({ collectionId, path }) => describeInheritance(store.collections, collectionId, path),
    ...compare.handlers,
    // A renamed or moved request (or folder of them) keeps its response history.
    ...Object.fromEntries(
      (['request.rename', 'request.move', 'folder.rename', 'folder.move'] as const).map((name) => [
        name,
        async (input: { collectionId: string; path: string }) => {
          const moved = await (store.handlers[name] as (input: unknown) => Promise<{ path: string }>)(input)
          await compare.follow(input.collectionId, input.path, moved.path).catch(() => undefined)
          return moved
        }
      ])
    ),
    'app.info': (): AppInfo => ({
      name: 'Parley',
      version: options.appVersion,
      shell: options.shell,
      versions: {
        node: versions.node,
        v8: versions.v8,
        electron: versions.electron ?? null,
        chrome: versions.chrome ?? null
      },
      platform: process.platform,
      arch: process.arch,
      dataDir: options.dataDir,
      startedAt: startedAt.toISOString(),
      nativeDialogs: options.nativeDialogs !== undefined
    }),
    'app.problems': () => ({ problems: http.takeProblems().map((problem) => problem.toJSON()) }),
    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      const next = await settings.update(patch)
      appSettings = next
      events.emit('settings.changed', next)
      return next
    },
    'playground.status': () => playground.status(),
    'playground.start': () => playground.start(),
    'playground.stop': () => playground.stop(),
    'files.begin': ({ name }) => uploads.begin(name),
    'files.append': ({ uploadId, base64 }) => uploads.append(uploadId, base64),
    'files.allow': async ({ request, context }) => {
      const place = await filePlace(context)
      const refused = await fileAccess.refused(await prepareHttpRequest(store, request, context), place)
      await fileAccess.allow(place, refused)
      return { allowed: refused.map((file) => file.realPath) }
    },
    'http.send': async ({ requestId, request, context, tabId }) => {
      // Files are checked after variables are resolved, so a {{path}} cannot smuggle one out.
      const prepared = await fileAccess.check(await prepareHttpRequest(store, request, context), await filePlace(context))
      const response = await http.send(requestId, withAppSettings(prepared), (progress) => events.emit('http.progress', progress))
      await recordResponse(response, context, tabId)
      return response
    },
    ...createRunHandlers({
      store,
      http,
      events,
      withAppSettings,
      checkFiles: async (request, context) => fileAccess.check(request, await filePlace(context)),
      record: recordResponse,
      compare: (left, right, ignorePaths) => compare.diffs.compare(left, right, ignorePaths)
    }),
    ...runnerHandlers,
    ...lazyHandlers(['graphql.introspect', 'graphql.schemaFile'], async () =>
      (await import('./graphql/graphqlHandlers')).createGraphqlHandlers({
        http,
        prepare: async (request, context) =>
          withAppSettings(await fileAccess.check(await prepareHttpRequest(store, request, context), await filePlace(context))),
        checkFile: async (path, what, context) => (await fileAccess.checkFiles([{ what, path }], await filePlace(context))).get(path) ?? path
      })
    ),
    'http.readBody': ({ bodyId, offset, length }) => http.readBody(bodyId, offset, length),
    'http.discardBody': async ({ bodyId }) => {
      await http.discardBody(bodyId)
      return { discarded: true as const }
    },
    'cookies.list': async () => ({ cookies: await http.listCookies() }),
    'cookies.clear': async (input) => ({ removed: await http.clearCookies(input?.domain) }),
    'session.open': async ({ context, ...input }) => {
      // A live request runs its collection's, folders' and own pre-request scripts and inherits their headers and auth.
      const live =
        input.kind === 'graphql-ws'
          ? undefined
          : await openLiveRequest({ ...store, writer: variableWriter(store), http }, input.request, context, `open-${input.sessionId ?? input.kind}`)
      const scope = live?.scope ?? (await scopeOf(store, context))
      const request = input.kind === 'graphql-ws' ? await withHandshakeAuth(http, await prepareGraphqlWs(store, input.request, context, scope)) : live?.request
      const opened = await sessions.open({ ...input, request } as typeof input)
      sessionScopes.set(opened.sessionId, scope)
      sessionPlaces.set(opened.sessionId, await filePlace(context))
      return opened
    },
    'session.close': async ({ sessionId, code, reason }) => {
      await sessions.close(sessionId, { code, reason })
      sessionScopes.delete(sessionId)
      sessionPlaces.delete(sessionId)
      return { closed: true as const }
    },
    // Arguments typed after opening see the same variables the session was opened with.
    'session.emit': async ({ sessionId, ...emit }) => sessions.emit(sessionId, await checkEmitFiles(sessionId, resolveIn(sessionId, emit))),
    'session.send': ({ sessionId, type, value }) => sessions.send(sessionId, { type, value: resolveIn(sessionId, value) }),
    'session.ping': ({ sessionId }) => sessions.ping(sessionId),
    'session.setListener': ({ sessionId, event, enabled }) => {
      sessions.setListener(sessionId, event, enabled)
      return { ok: true as const }
    },
    'session.messages': ({ sessionId, fromSeq, limit }) => sessions.messages(sessionId, fromSeq, limit),
    'session.export': ({ sessionId, path }) => sessions.export(sessionId, path),
    'session.list': () => ({ sessions: sessions.list() }),
    'session.runSteps': async ({ kind, request, steps, context, requestId, name }) => {
      stepRuns.get(requestId)?.abort()
      const abort = new AbortController()
      stepRuns.set(requestId, abort)
      try {
        return await runRealtimeRequest(
          {
            ...store,
            writer: variableWriter(store),
            signal: abort.signal,
            http,
            checkFiles: checkStepFiles
          },
          {
            requestId,
            request: { ...request, kind, ...(name !== undefined ? { name } : {}), scripts: await savedScripts(store.collections, context) } as RealtimeRequest,
            steps,
            ...(context ? { context } : {})
          }
        )
      } finally {
        if (stepRuns.get(requestId) === abort) stepRuns.delete(requestId)
      }
    },
    'session.cancelSteps': ({ requestId }) => {
      const run = stepRuns.get(requestId)
      run?.abort()
      return { cancelled: run !== undefined }
    }
  }

  const intervalMs = options.statusIntervalMs ?? 1000
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          events.emit('app.status', {
            now: new Date().toISOString(),
            uptimeSeconds: Math.floor((Date.now() - startedAt.getTime()) / 1000),
            memoryRssBytes: process.memoryUsage.rss()
          })
        }, intervalMs)
      : undefined
  timer?.unref()

  return {
    events,
    invoke: (name, input) => invokeCall(handlers, name, input),
    useOAuthRedirect: oauth.useHostRedirect,
    async dispose() {
      if (timer) clearInterval(timer)
      for (const run of stepRuns.values()) run.abort()
      store.dispose()
      await playground.stop()
      await http.dispose()
      await sessions.dispose()
      await compare.diffs.dispose()
    }
  }
}
