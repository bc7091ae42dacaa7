import { z } from 'zod'
import { AppInfoSchema, AppStatusSchema, PlaygroundStatusSchema, SettingsPatchSchema, SettingsSchema } from './app'
import { AppErrorSchema, type CallResult } from './errors'
import * as C from './collection'
import * as D from './dialogs'
import * as F from './files'
import * as H from './http'
import * as I from './inheritance'
import * as S from './session'
import * as V from './convert'
import * as T from './scripts'
import * as K from './compare'
import * as R from './runner'
import * as RS from './realtimeSteps'
import * as G from './graphql'
import * as O from './oauth'

/**
 * The one table of everything that crosses a process boundary. Every adapter (Electron IPC, the
 * preload bridge, the browser host) is a generic loop over it: adding a call is one line here and
 * one handler in core.
 */
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({ input, output, doc })
const event = <P extends z.ZodType>(payload: P, doc: string) => ({ payload, doc })

const NoInput = z.strictObject({}).optional()

export const calls = {
  'app.info': call(NoInput, AppInfoSchema, 'Versions of every runtime and where Parley keeps its data.'),
  'app.problems': call(
    NoInput,
    z.object({ problems: z.array(AppErrorSchema) }),
    'What core found wrong while starting (e.g. a damaged cookies.json set aside); each is given out once.'
  ),
  'settings.get': call(NoInput, SettingsSchema, 'The current app settings.'),
  'settings.update': call(SettingsPatchSchema, SettingsSchema, 'Change some settings; returns them all.'),
  'collection.create': call(C.CollectionCreateInput, C.CollectionTreeSchema, 'Create a collection in an empty or new folder and open it.'),
  'collection.open': call(C.CollectionOpenInput, C.CollectionTreeSchema, 'Open a collection folder (e.g. a git clone); returns its tree.'),
  'collection.close': call(C.CollectionRefInput, C.NoOutput, 'Close a collection; its files stay as they are.'),
  'collection.list': call(NoInput, C.CollectionListOutput, 'The open collections, remembered across restarts.'),
  'collection.tree': call(C.CollectionRefInput, C.CollectionTreeSchema, 'Folders, requests and files that failed to parse.'),
  'collection.search': call(C.SearchInput, C.SearchOutput, 'Requests of all open collections matching name, URL or method.'),
  'request.read': call(C.RequestRefInput, C.RequestReadOutput, 'Read a request file; its hash is the baseHash for saving.'),
  'request.save': call(C.RequestSaveInput, C.PathHashOutput, 'Save a request; refused with conflict if the file changed since baseHash.'),
  'request.create': call(C.RequestCreateInput, C.PathHashOutput, 'Create a request file named after the request in a folder.'),
  'request.rename': call(C.RenameInput, C.PathOutput, 'Rename a request (its name and file name).'),
  'request.duplicate': call(C.DuplicateInput, C.PathOutput, 'Copy a request next to the original.'),
  'request.move': call(C.MoveInput, C.PathOutput, 'Move a request into another folder.'),
  'request.delete': call(C.RequestRefInput, C.TrashOutput, 'Move a request to the trash; trash.undo restores it.'),
  'folder.create': call(C.FolderCreateInput, C.PathOutput, 'Create a folder.'),
  'folder.rename': call(C.RenameInput, C.PathOutput, 'Rename a folder (its name and directory).'),
  'folder.move': call(C.MoveInput, C.PathOutput, 'Move a folder into another folder.'),
  'folder.duplicate': call(C.DuplicateInput, C.PathOutput, 'Copy a folder and its contents next to the original.'),
  'folder.delete': call(C.RequestRefInput, C.TrashOutput, 'Move a folder to the trash; trash.undo restores it.'),
  'folder.read': call(C.RequestRefInput, C.FolderSettingsSchema.extend({ order: z.array(z.string()) }), 'A folder\'s settings; path "" is the collection.'),
  'folder.save': call(C.FolderSaveInput, C.NoOutput, 'Save a folder\'s (or with path "" the collection\'s) settings.'),
  'request.inherited': call(
    I.InheritedInput,
    I.InheritedOutput,
    'The headers and auth a saved request inherits from its collection and folders, each with its source.'
  ),
  'collection.credentials': call(
    C.CollectionRefInput,
    C.CredentialsOutput,
    'Where the collection keeps auth credentials: secret-store (encrypted in the data dir, the default) or files.'
  ),
  'collection.setCredentials': call(
    C.CredentialsSetInput,
    C.CredentialsOutput,
    'Choose where auth credentials are kept; every request and folder file is rewritten to match.'
  ),
  'item.reorder': call(C.ReorderInput, C.NoOutput, "Set the display order of a folder's items."),
  'trash.undo': call(C.TrashUndoInput, C.TrashUndoOutput, 'Restore the last (or a given) deleted item.'),
  'environment.list': call(C.CollectionRefInput, C.EnvironmentListOutput, "A collection's environments and the active one."),
  'environment.save': call(C.EnvironmentSaveInput, C.EnvironmentIdOutput, 'Create (no id) or update an environment.'),
  'environment.delete': call(C.EnvironmentRefInput, C.NoOutput, 'Delete an environment (to the trash).'),
  'environment.setActive': call(C.EnvironmentActiveInput, C.NoOutput, 'Choose the active environment of a collection (null: none).'),
  'globals.get': call(NoInput, C.VariablesSchema, 'Global variables, seen by every collection.'),
  'globals.save': call(C.GlobalsSaveInput, C.VariablesSchema, 'Replace the global variables.'),
  'vars.resolve': call(C.VarsResolveInput, C.VarsResolveOutput, 'Resolve a text: per-variable value and source, for previews.'),
  'vars.resolveRequest': call(
    C.VarsResolveRequestInput,
    C.VarsResolveRequestOutput,
    'A request with every {{variable}} resolved, ready to send (never stored).'
  ),
  'workspace.get': call(NoInput, C.WorkspaceSchema, 'Open tabs and unsaved drafts from the last session.'),
  'workspace.save': call(C.WorkspaceSchema, C.NoOutput, 'Persist open tabs and unsaved drafts.'),
  'history.list': call(C.HistoryListInput, C.HistoryListOutput, 'History grouped by day, newest first, optionally filtered.'),
  'history.add': call(C.HistoryAddInput, C.HistoryEntrySchema, 'Record a sent request or opened session (unresolved).'),
  'history.clear': call(NoInput, C.NoOutput, 'Delete all history.'),
  'history.setLimit': call(C.HistoryLimitInput, C.HistoryLimitOutput, 'How many entries to keep; prunes at once.'),
  'playground.status': call(NoInput, PlaygroundStatusSchema, 'Whether the built-in demo server runs, and where.'),
  'playground.start': call(NoInput, PlaygroundStatusSchema, 'Start the demo server on a free loopback port (or return the running one).'),
  'playground.stop': call(NoInput, PlaygroundStatusSchema, 'Stop the demo server.'),
  'files.begin': call(
    F.FileBeginInputSchema,
    F.FileBeginOutputSchema,
    'Start copying a file chosen in the window into the data dir; returns the path bodies can name.'
  ),
  'files.append': call(F.FileAppendInputSchema, F.FileAppendOutputSchema, 'The next chunk (at most 4 MiB) of a file being copied.'),
  'dialog.pickFolder': call(
    D.DialogPickFolderInput,
    D.DialogPickOutput,
    'The OS folder dialog where the shell has one (native: false otherwise); only the chosen path comes back.'
  ),
  'dialog.pickFile': call(
    D.DialogPickFileInput,
    D.DialogPickOutput,
    'The OS file dialog where the shell has one (native: false otherwise); only the chosen path comes back.'
  ),
  'dialog.saveText': call(
    D.DialogSaveTextInput,
    D.DialogSaveTextOutput,
    'Save As with the OS dialog where the shell has one, then write the text there atomically (native: false otherwise).'
  ),
  'folders.list': call(
    D.FoldersListInput,
    D.FoldersListOutput,
    'Sub-folder names of a folder inside the home folder (no files, no contents), for the in-window folder browser.'
  ),
  'folders.create': call(D.FoldersCreateInput, D.FoldersCreateOutput, 'New folder, inside a folder of the home tree, from the folder browser.'),
  'files.allow': call(
    F.FileAllowInputSchema,
    F.FileAllowOutputSchema,
    'Allow the files a request reads outside its collection and the data dir (refused at Send) for that collection on this machine.'
  ),
  'http.send': call(H.HttpSendInputSchema, H.HttpResponseSchema, 'Send an HTTP request; resolves with the whole response (large bodies as a bodyId).'),
  'http.run': call(
    T.HttpRunInputSchema,
    T.HttpRunOutputSchema,
    'Send with scripts and assertions: pre-request scripts (collection, folders, request), the send, post-response scripts, assertion rows.'
  ),
  'http.cancel': call(H.HttpCancelInputSchema, H.HttpCancelOutputSchema, 'Cancel a send in flight; it rejects with code cancelled.'),
  'http.readBody': call(H.HttpReadBodyInputSchema, H.HttpBodySliceSchema, 'A slice (at most 1 MiB) of a response body stored in a file.'),
  'http.discardBody': call(H.HttpDiscardBodyInputSchema, H.HttpDiscardBodyOutputSchema, 'Delete a stored response body.'),
  // OAuth 2.0 sign-in (src/core/oauth): tokens are kept in the secret store, never in collection files
  'oauth.authorize': call(
    O.OAuthRequestInput,
    O.OAuthAuthorizeOutput,
    'Start authorization code (PKCE) or implicit: the sign-in page URL, with state; in Electron the sign-in window runs to the end.'
  ),
  'oauth.complete': call(
    O.OAuthCompleteInput,
    O.OAuthTokenInfoSchema,
    'The redirect came back: check state, exchange the code with the PKCE verifier, store the token.'
  ),
  'oauth.device': call(O.OAuthRequestInput, O.OAuthDeviceOutput, 'Start the device code grant: the code to show; core polls and pushes oauth.finished.'),
  'oauth.cancel': call(O.OAuthFlowRef, C.NoOutput, 'Give up a sign-in in progress.'),
  'oauth.token': call(O.OAuthRequestInput, O.OAuthTokenInfoSchema, 'The stored token of these OAuth settings: expiry, scope, decoded claims.'),
  'oauth.clear': call(O.OAuthRequestInput, O.OAuthTokenInfoSchema, 'Forget the stored token of these OAuth settings.'),
  // response history, examples and diffs (src/core/compare)
  'responses.list': call(
    K.ResponseListInput,
    K.ResponseListOutput,
    'The last responses of a request (saved: by collection and path; unsaved: by tab), newest first.'
  ),
  'responses.open': call(K.ResponseGetInput, H.HttpResponseSchema, 'A kept response as the viewer shows it (large bodies as a new bodyId).'),
  'responses.setLimits': call(
    K.ResponseLimitsSchema,
    K.ResponseLimitsSchema,
    'How many responses per request and how many body bytes in all to keep; evicts at once.'
  ),
  'examples.list': call(K.ExampleListInput, K.ExampleListOutput, 'The saved examples of a request (files in <request>.examples/).'),
  'examples.save': call(K.ExampleSaveInput, z.object({ file: z.string() }), 'Save a kept response as a named example beside the request.'),
  'examples.delete': call(K.ExampleRefInput, C.NoOutput, 'Delete a saved example.'),
  'compare.run': call(K.CompareInput, K.CompareOutput, 'Diff two responses (history or examples): status, headers, and the body as JSON paths or lines.'),
  // GraphQL schemas (src/core/graphql)
  'graphql.introspect': call(
    G.GraphqlIntrospectInputSchema,
    G.GraphqlSchemaSchema,
    'The schema of a GraphQL endpoint by introspection, sent like the request (variables, headers, auth); cached per URL until refresh.'
  ),
  'graphql.schemaFile': call(
    G.GraphqlSchemaFileInputSchema,
    G.GraphqlSchemaSchema,
    'A GraphQL schema from an SDL or introspection JSON file the user chose (the file-access rules apply).'
  ),
  'cookies.list': call(NoInput, H.CookiesListOutputSchema, 'Every cookie in the jar.'),
  'cookies.clear': call(H.CookiesClearInputSchema, H.CookiesClearOutputSchema, 'Remove all cookies, or those of one domain and its subdomains.'),
  'session.open': call(
    S.SessionOpenInputSchema,
    z.object({ sessionId: z.string() }),
    'Open a Socket.IO, WebSocket or SSE session (an id reused continues its log); status arrives as session.status.'
  ),
  'session.close': call(
    S.SessionCloseInputSchema,
    z.object({ closed: z.literal(true) }),
    'Close a session (WebSocket: with code and reason); its log stays readable.'
  ),
  'session.emit': call(
    S.SessionEmitInputSchema,
    z.object({ seq: z.number().int() }),
    'Socket.IO: emit an event with typed args; with ack, the ack is attached to this seq.'
  ),
  'session.send': call(S.SessionSendInputSchema, z.object({ seq: z.number().int() }), 'WebSocket: send a text, JSON or binary (base64) frame.'),
  'session.ping': call(S.SessionRefSchema, z.object({ seq: z.number().int() }), 'WebSocket: send a ping; the pong is logged.'),
  'session.setListener': call(
    S.SessionSetListenerInputSchema,
    z.object({ ok: z.literal(true) }),
    'Socket.IO: log an event (or * for all others) or stop logging it.'
  ),
  'session.messages': call(
    S.SessionMessagesInputSchema,
    S.SessionMessagesOutputSchema,
    'Read back logged messages by seq range, from memory or the NDJSON file.'
  ),
  'session.export': call(
    S.SessionExportInputSchema,
    z.object({ path: z.string(), count: z.number().int() }),
    'Write the session log as NDJSON (one line per message) to a path, atomically.'
  ),
  'session.list': call(NoInput, z.object({ sessions: z.array(S.SessionSummarySchema) }), 'The sessions core knows, open or closed, with counters.'),
  'session.runSteps': call(
    RS.RealtimeRunInputSchema,
    RS.RealtimeRunOutputSchema,
    'Run the steps of a Socket.IO, WebSocket or SSE request (connect, emit, send, expect, wait, close) in a session of its own, always closed after; each expectation is a test.'
  ),
  'session.cancelSteps': call(
    z.object({ requestId: z.string().min(1).max(200) }),
    z.object({ cancelled: z.boolean() }),
    'Stop a session.runSteps in flight; it answers with error cancelled and closes its session.'
  ),
  // import and export (src/core/convert)
  'curl.parse': call(
    V.CurlParseInputSchema,
    V.CurlParseOutputSchema,
    'Turn a pasted cURL command (bash or Windows cmd) into a request; warnings list what was left out.'
  ),
  'export.curl': call(V.ExportCurlInputSchema, V.ExportCurlOutputSchema, 'A shell-quoted, multi-line cURL command that sends the request.'),
  'export.snippet': call(
    V.SnippetInputSchema,
    V.SnippetOutputSchema,
    'Code that sends the request in one of export.targets; warnings list what the code cannot carry.'
  ),
  'export.targets': call(NoInput, V.SnippetTargetsOutputSchema, 'The languages and libraries export.snippet writes, with labels.'),
  'export.socketioSnippet': call(
    V.SocketIoSnippetInputSchema,
    V.SocketIoSnippetOutputSchema,
    'A socket.io-client script for a Socket.IO request: connect, listen, emit (with acks).'
  ),
  'import.detect': call(
    V.ImportDetectInputSchema,
    V.ImportDetectOutputSchema,
    'Which format a file or pasted text is in (cURL, Postman, Insomnia, OpenAPI, HAR).'
  ),
  'import.preview': call(V.ImportCallInputSchema, V.ImportResultSchema, 'What import.run would create and what it cannot carry over; writes nothing.'),
  'import.run': call(
    V.ImportCallInputSchema,
    V.ImportResultSchema,
    'Import a file as a new collection folder inside targetDir (opened); lists what was not carried over.'
  ),
  'import.begin': call(
    V.ImportBeginInputSchema,
    V.ImportBeginOutputSchema,
    'Start sending a text to import in parts (over 2,000,000 characters); detect, preview and run then take its importId.'
  ),
  'import.append': call(
    V.ImportAppendInputSchema,
    V.ImportAppendOutputSchema,
    'The next part (at most 2,000,000 characters) of a text to import; the whole is at most 50,000,000.'
  ),
  'export.postman': call(
    V.ExportPostmanInputSchema,
    V.ExportJsonOutputSchema,
    'A collection folder as a Postman v2.1 collection (secret values left out); lists what does not fit.'
  ),
  'export.insomnia': call(
    V.ExportPostmanInputSchema,
    V.ExportYamlOutputSchema,
    'A collection folder as an Insomnia v5 (YAML) export (secret values left out); lists what does not fit.'
  ),
  'export.har': call(V.ExportHarInputSchema, V.ExportJsonOutputSchema, 'A request, or the HTTP history, as a HAR 1.2 log.'),
  // the collection runner (src/core/runner)
  'runner.start': call(
    R.RunnerStartInput,
    R.RunnerStartOutput,
    'Run a collection or folder: iterations, data rows (CSV/JSON file or inline), delay, bail, only some requests; progress arrives as runner.progress.'
  ),
  'runner.cancel': call(R.RunnerRefInput, R.RunnerCancelOutput, 'Stop a run; the request in flight is cancelled and the run ends as cancelled.'),
  'runner.result': call(R.RunnerRefInput, R.RunResultSchema, 'Everything a run reported so far (requests, tests, summary).'),
  'runner.save': call(
    R.RunnerSaveInput,
    R.RunnerSaveOutput,
    'A run as a JSON, JUnit XML or self-contained HTML report (text and a file name) for dialog.saveText or a download.'
  )
} as const

export const events = {
  'app.status': event(AppStatusSchema, 'Pushed every second by core: clock, uptime, memory.'),
  'settings.changed': event(SettingsSchema, 'Settings changed, from any window.'),
  'collection.changed': event(C.CollectionChangedSchema, 'Files of a collection changed on disk (not by Parley).'),
  'history.changed': event(C.HistoryChangedSchema, 'History gained, lost or cleared entries.'),
  'playground.changed': event(PlaygroundStatusSchema, 'The demo server started, stopped or failed.'),
  'http.progress': event(H.HttpProgressSchema, 'Progress of a send, at most 10 times a second per request.'),
  'session.messages': event(
    S.SessionMessagesEventSchema,
    'New or amended (same seq) log messages, as the NDJSON lines of the log (messagesOfLines reads them), batched: every ~50 ms or 2,000 messages.'
  ),
  'oauth.finished': event(O.OAuthFinishedSchema, 'A sign-in (popup or device code) ended: the token, or why not.'),
  'oauth.changed': event(O.OAuthChangedSchema, 'A stored token changed (signed in, refreshed at a send or on a 401, cleared): token panels ask again.'),
  'session.status': event(S.SessionStatusSchema, 'A session changed state: connecting, connected, reconnecting, disconnected, error, closed.'),
  'session.stats': event(S.SessionStatsSchema, 'Counters of a session, once a second: in, out, messages per second.'),
  'runner.progress': event(R.RunnerProgressSchema, 'A run started, a request of it started or finished (with its tests), or the run is done (summary).')
} as const

export type Calls = typeof calls
export type Events = typeof events
export type CallName = keyof Calls
export type EventName = keyof Events
/** What a caller passes (before defaults are applied). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
/** What a handler receives (after parsing). */
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>

export const callNames = Object.keys(calls) as CallName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name)
}

/**
 * The untyped transport the renderer finds at `window.parley`, whoever put it there. The renderer
 * wraps it in a typed client; keeping the bridge this small keeps every adapter generic.
 */
export interface ParleyBridge {
  invoke(name: string, input: unknown): Promise<CallResult>
  onEvent(listener: (name: string, payload: unknown) => void): () => void
}

/** Electron IPC channel names, derived from the table. */
export const ipcCallChannel = (name: CallName): string => `parley:call:${name}`
export const ipcEventChannel = 'parley:event'
