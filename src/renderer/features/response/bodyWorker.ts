import { JSONPath } from 'jsonpath-plus'
import {
  HEX_BYTES_PER_LINE,
  MAX_LINE_CHARS,
  RAW_WRAP,
  type BodyKind,
  type FromWorker,
  type JsonPathKey,
  type JsonPathMatch,
  type JsonType,
  type LineView,
  type ToWorker,
  type TreeEntry,
  type WorkerAnswer,
  type WorkerRequest,
  type WorkerText
} from './bodyProtocol'
import { JsonLineFormatter } from './jsonLines'

/**
 * Holds one response body off the main thread: its bytes, its decoded text, an index of its lines
 * (pretty JSON, raw, hex) built as slices arrive, and, once asked for, the parsed document. The UI
 * asks for line ranges, search hits, tree children and JSONPath results; it never gets the document.
 */

interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
}
const scope = self as unknown as WorkerScope
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64

/** A growable pair of columns: where each line starts in the text, and its JSON depth. */
class LineIndex {
  starts = new Float64Array(1024)
  depths = new Uint16Array(1024)
  length = 0
  push(start: number, depth: number): void {
    if (this.length === this.starts.length) {
      const starts = new Float64Array(this.length * 2)
      starts.set(this.starts)
      this.starts = starts
      const depths = new Uint16Array(this.length * 2)
      depths.set(this.depths)
      this.depths = depths
    }
    this.starts[this.length] = start
    this.depths[this.length] = depth
    this.length++
  }
  /** The line holding text offset `offset`. */
  lineOf(offset: number): number {
    let lo = 0
    let hi = this.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

let kind: BodyKind = 'binary'
let total = 0
let note: WorkerText | null = null
let decoder: TextDecoder | undefined
const byteChunks: Uint8Array[] = []
let byteLength = 0
/** Decoded text as it arrived; joined into one string once the body is complete. */
let textChunks: string[] = []
let textStarts: number[] = []
let textLength = 0
let done = false
let pretty: JsonLineFormatter | undefined
const prettyIndex = new LineIndex()
const rawIndex = new LineIndex()
/** Where the raw line being scanned started, and whether the last chunk ended just after a newline. */
let rawLineStart = 0
let parsed: { ok: true; value: unknown } | { ok: false; message: string } | undefined
let lastProgress = 0

/** A failure the UI shows in the user's language: the message is English for logs, `text` is what the catalog says. */
class TextError extends Error {
  constructor(
    message: string,
    readonly text: WorkerText
  ) {
    super(message)
  }
}

const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer)

function progress(force = false): void {
  const now = performance.now()
  if (!force && now - lastProgress < 100) return
  lastProgress = now
  post({
    type: 'progress',
    progress: {
      bytes: byteLength,
      total,
      done,
      lines: {
        pretty: kind === 'json' ? prettyIndex.length : rawIndex.length,
        raw: rawIndex.length,
        hex: Math.ceil(byteLength / HEX_BYTES_PER_LINE)
      },
      note
    }
  })
}

function open(message: Extract<ToWorker, { type: 'open' }>): void {
  kind = message.kind
  total = message.total
  if (kind !== 'binary') {
    try {
      decoder = new TextDecoder(message.charset ?? 'utf-8')
    } catch {
      note = { key: 'charset', values: { charset: message.charset ?? '' } }
      decoder = new TextDecoder('utf-8')
    }
  }
  if (kind === 'json') pretty = new JsonLineFormatter((depth, start) => prettyIndex.push(start, depth), false)
}

function addText(text: string): void {
  if (!text) return
  const start = textLength
  textChunks.push(text)
  textStarts.push(start)
  textLength += text.length
  pretty?.write(text)
  // Raw lines: split at newlines, and cut long ones so one giant line never reaches the DOM whole.
  let from = 0
  for (;;) {
    const newline = text.indexOf('\n', from)
    const lineEnd = newline < 0 ? text.length : newline
    while (start + lineEnd - rawLineStart > RAW_WRAP) {
      rawIndex.push(rawLineStart, 0)
      rawLineStart += RAW_WRAP
    }
    if (newline < 0) break
    rawIndex.push(rawLineStart, 0)
    rawLineStart = start + newline + 1
    from = newline + 1
  }
}

function addChunk(base64: string): void {
  const bytes = fromBase64 ? fromBase64(base64) : decodeBase64(base64)
  byteChunks.push(bytes)
  byteLength += bytes.length
  if (decoder) addText(decoder.decode(bytes, { stream: true }))
  progress()
}

function end(): void {
  if (decoder) addText(decoder.decode())
  pretty?.end()
  if (kind !== 'binary' && (rawLineStart < textLength || rawIndex.length === 0)) rawIndex.push(rawLineStart, 0)
  if (textChunks.length > 1) {
    textChunks = [textChunks.join('')]
    textStarts = [0]
  }
  done = true
  progress(true)
}

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The decoded text between two offsets, across the chunks it may span. */
function textBetween(from: number, to: number): string {
  if (textChunks.length === 1) return textChunks[0]!.slice(from, to)
  let out = ''
  for (let c = 0; c < textChunks.length && from < to; c++) {
    const chunkStart = textStarts[c]!
    const chunk = textChunks[c]!
    const chunkEnd = chunkStart + chunk.length
    if (chunkEnd <= from) continue
    out += chunk.slice(from - chunkStart, Math.min(to, chunkEnd) - chunkStart)
    from = Math.min(to, chunkEnd)
  }
  return out
}

function cut(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} … (${(line.length - MAX_LINE_CHARS).toLocaleString('en')} more characters)` : line
}

function prettyLines(start: number, count: number): { lines: string[]; depths: number[] } {
  const lines: string[] = []
  const depths: number[] = []
  const last = Math.min(prettyIndex.length, start + count)
  if (start >= last) return { lines, depths }
  const formatter = new JsonLineFormatter(
    (depth, _start, text) => {
      if (lines.length < last - start) {
        lines.push(cut(text))
        depths.push(depth)
      }
    },
    true,
    prettyIndex.starts[start],
    prettyIndex.depths[start]
  )
  let position = prettyIndex.starts[start]!
  const step = 16_384
  // A line that is one huge string value is cut long before its end.
  while (lines.length < last - start && position < textLength) {
    formatter.write(textBetween(position, position + step))
    position += step
  }
  if (lines.length < last - start && done) formatter.end()
  return { lines, depths }
}

function rawLines(start: number, count: number): string[] {
  const lines: string[] = []
  const last = Math.min(rawIndex.length, start + count)
  for (let i = start; i < last; i++) {
    const from = rawIndex.starts[i]!
    const to = i + 1 < rawIndex.length ? rawIndex.starts[i + 1]! : done ? textLength : rawLineStart
    lines.push(textBetween(from, to).replace(/\r?\n$/, ''))
  }
  return lines
}

function byteAt(offset: number): number {
  let c = 0
  let base = 0
  while (c < byteChunks.length && base + byteChunks[c]!.length <= offset) {
    base += byteChunks[c]!.length
    c++
  }
  return byteChunks[c]?.[offset - base] ?? 0
}

function hexLines(start: number, count: number): string[] {
  const lines: string[] = []
  const lineCount = Math.ceil(byteLength / HEX_BYTES_PER_LINE)
  for (let line = start; line < Math.min(lineCount, start + count); line++) {
    const offset = line * HEX_BYTES_PER_LINE
    let hex = ''
    let ascii = ''
    for (let b = 0; b < HEX_BYTES_PER_LINE; b++) {
      if (offset + b < byteLength) {
        const value = byteAt(offset + b)
        hex += value.toString(16).padStart(2, '0') + (b === 7 ? '  ' : ' ')
        ascii += value >= 32 && value < 127 ? String.fromCharCode(value) : '.'
      } else {
        hex += b === 7 ? '    ' : '   '
      }
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`)
  }
  return lines
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function search(view: LineView, query: string, limit: number): { lines: number[]; total: number } {
  if (!query || kind === 'binary' || view === 'hex') return { lines: [], total: 0 }
  const index = view === 'pretty' && kind === 'json' ? prettyIndex : rawIndex
  const pattern = new RegExp(escapeRegExp(query), 'gi')
  const lines: number[] = []
  let count = 0
  for (let c = 0; c < textChunks.length; c++) {
    const chunk = textChunks[c]!
    pattern.lastIndex = 0
    for (let match = pattern.exec(chunk); match; match = pattern.exec(chunk)) {
      count++
      const line = index.lineOf(textStarts[c]! + match.index)
      if (lines.length < limit && lines[lines.length - 1] !== line) lines.push(line)
    }
  }
  return { lines, total: count }
}

function parsedDocument(): unknown {
  if (kind !== 'json') throw new TextError('Only a JSON body has a tree.', { key: 'notJsonTree' })
  if (!parsed) {
    try {
      parsed = { ok: true, value: JSON.parse(textBetween(0, textLength)) }
    } catch (error) {
      parsed = { ok: false, message: error instanceof Error ? error.message : String(error) }
    }
  }
  if (!parsed.ok) throw new TextError(`The body is not valid JSON: ${parsed.message}`, { key: 'invalidJson', values: { detail: parsed.message } })
  return parsed.value
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'object' ? 'object' : type === 'string' ? 'string' : type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'null'
}

function countOf(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (value !== null && typeof value === 'object') return Object.keys(value).length
  return 0
}

/** A rendering of a value bounded in size however big the value is. */
function preview(value: unknown, budget = 200): string {
  const type = typeOf(value)
  if (type === 'string') {
    const text = JSON.stringify((value as string).length > budget ? (value as string).slice(0, budget) : value)
    return (value as string).length > budget ? `${text.slice(0, -1)}…"` : text
  }
  if (type !== 'object' && type !== 'array') return String(value)
  let out = type === 'array' ? '[' : '{'
  const entries = type === 'array' ? (value as unknown[]).map((v, i) => [i, v] as const) : Object.entries(value as object)
  for (let i = 0; i < entries.length; i++) {
    if (out.length > budget) return `${out}…${type === 'array' ? ']' : '}'}`
    const [key, child] = entries[i]!
    out += (i ? ', ' : '') + (type === 'array' ? '' : `${JSON.stringify(key)}: `) + preview(child, Math.max(20, budget - out.length))
  }
  return out + (type === 'array' ? ']' : '}')
}

function children(path: JsonPathKey[], start: number, end: number): { entries: TreeEntry[]; total: number; type: JsonType } {
  let node = parsedDocument()
  for (const key of path) node = (node as Record<string, unknown>)[key as string]
  const type = typeOf(node)
  const keys: JsonPathKey[] = Array.isArray(node) ? [] : type === 'object' ? Object.keys(node as object) : []
  const totalCount = Array.isArray(node) ? node.length : keys.length
  const entries: TreeEntry[] = []
  for (let i = start; i < Math.min(end, totalCount); i++) {
    const key = Array.isArray(node) ? i : keys[i]!
    const child = (node as Record<string, unknown>)[key as string]
    const childType = typeOf(child)
    entries.push({ key, type: childType, preview: childType === 'object' || childType === 'array' ? '' : preview(child), count: countOf(child) })
  }
  return { entries, total: totalCount, type }
}

function jsonPath(expression: string, limit: number): { matches: JsonPathMatch[]; total: number } {
  const json = parsedDocument() as object
  const matches: JsonPathMatch[] = []
  let count = 0
  JSONPath({
    path: expression,
    json,
    resultType: 'all',
    wrap: false,
    callback: (payload: { path: string; value: unknown }) => {
      count++
      if (matches.length < limit) matches.push({ path: payload.path, type: typeOf(payload.value), preview: preview(payload.value, 300) })
    }
  })
  return { matches, total: count }
}

function fullText(view: 'pretty' | 'raw', maxChars: number): { text: string; truncated: boolean } {
  if (view === 'raw' || kind !== 'json') {
    return { text: textBetween(0, Math.min(textLength, maxChars)), truncated: textLength > maxChars }
  }
  const parts: string[] = []
  let size = 0
  let truncated = false
  const formatter = new JsonLineFormatter((depth, _start, text) => {
    if (truncated) return
    const line = '  '.repeat(depth) + text
    size += line.length + 1
    if (size > maxChars) truncated = true
    else parts.push(line)
  }, true)
  for (let c = 0; c < textChunks.length && !truncated; c++) formatter.write(textChunks[c]!)
  if (!truncated) formatter.end()
  return { text: parts.join('\n'), truncated }
}

function answer(request: WorkerRequest): { answer: WorkerAnswer; transfer?: Transferable[] } {
  switch (request.op) {
    case 'lines': {
      if (request.view === 'hex') return { answer: { op: 'lines', lines: hexLines(request.start, request.count), depths: [] } }
      if (request.view === 'pretty' && kind === 'json') return { answer: { op: 'lines', ...prettyLines(request.start, request.count) } }
      return { answer: { op: 'lines', lines: rawLines(request.start, request.count).map(cut), depths: [] } }
    }
    case 'search':
      return { answer: { op: 'search', ...search(request.view, request.query, request.limit) } }
    case 'children':
      return { answer: { op: 'children', ...children(request.path, request.start, request.end) } }
    case 'jsonpath':
      return { answer: { op: 'jsonpath', ...jsonPath(request.expression, request.limit) } }
    case 'text':
      return { answer: { op: 'text', ...fullText(request.view, request.maxChars) } }
    case 'bytes': {
      const buffer = new Uint8Array(byteLength)
      let offset = 0
      for (const chunk of byteChunks) {
        buffer.set(chunk, offset)
        offset += chunk.length
      }
      return { answer: { op: 'bytes', buffer: buffer.buffer }, transfer: [buffer.buffer] }
    }
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'open') open(message)
  else if (message.type === 'chunk') addChunk(message.base64)
  else if (message.type === 'end') end()
  else {
    try {
      const { answer: value, transfer } = answer(message.request)
      post({ type: 'answer', id: message.id, answer: value }, transfer)
    } catch (error) {
      post({
        type: 'error',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof TextError ? { text: error.text } : {})
      })
    }
  }
}
