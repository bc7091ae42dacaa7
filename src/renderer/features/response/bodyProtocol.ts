/** What the response pane and its body worker say to each other. The parsed document never crosses. */

/** How the worker should read the bytes: pretty-printed JSON, plain text, or bytes only. */
export type BodyKind = 'json' | 'text' | 'binary'

/** The line views the worker serves: formatted JSON, the text as received, a hex dump. */
export type LineView = 'pretty' | 'raw' | 'hex'

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

export type JsonPathKey = string | number

export interface TreeEntry {
  key: JsonPathKey
  type: JsonType
  /** A short rendering of a primitive, empty for containers. */
  preview: string
  /** Entries of a container. */
  count: number
}

export interface JsonPathMatch {
  path: string
  type: JsonType
  preview: string
}

export type WorkerRequest =
  | { op: 'lines'; view: LineView; start: number; count: number }
  | { op: 'search'; view: LineView; query: string; limit: number }
  | { op: 'children'; path: JsonPathKey[]; start: number; end: number }
  | { op: 'jsonpath'; expression: string; limit: number }
  | { op: 'text'; view: 'pretty' | 'raw'; maxChars: number }
  | { op: 'bytes' }

export type WorkerAnswer =
  | { op: 'lines'; lines: string[]; depths: number[] }
  | { op: 'search'; lines: number[]; total: number }
  | { op: 'children'; entries: TreeEntry[]; total: number; type: JsonType }
  | { op: 'jsonpath'; matches: JsonPathMatch[]; total: number }
  | { op: 'text'; text: string; truncated: boolean }
  | { op: 'bytes'; buffer: ArrayBuffer }

/** Messages into the worker: the body first (open, chunks, end), then questions with an id. */
export type ToWorker =
  | { type: 'open'; kind: BodyKind; charset: string | null; total: number }
  | { type: 'chunk'; base64: string }
  | { type: 'end' }
  | { type: 'ask'; id: number; request: WorkerRequest }

export interface BodyProgress {
  bytes: number
  total: number
  done: boolean
  /** Lines available so far in each view. */
  lines: Record<LineView, number>
  /** A note the user should see, e.g. a charset this browser cannot decode (a `response` catalog key under bodyWorker). */
  note: WorkerText | null
}

/** A text the worker wants shown: a key of the `response` catalog's `bodyWorker` group and its values (the worker has no catalog). */
export interface WorkerText {
  key: 'charset' | 'notJsonTree' | 'invalidJson'
  values?: Record<string, string>
}

export type FromWorker =
  | { type: 'progress'; progress: BodyProgress }
  | { type: 'answer'; id: number; answer: WorkerAnswer }
  | { type: 'error'; id: number; message: string; text?: WorkerText }

/** Longest line the viewers are sent; the rest is cut with a note of how much. */
export const MAX_LINE_CHARS = 4000
/** Raw text is cut into display lines of at most this many characters. */
export const RAW_WRAP = 1000
export const HEX_BYTES_PER_LINE = 16
