import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { CompareResult } from '../../shared/compare'
import { ParleyError } from '../../shared/errors'
import { compareResponses, type ResponseSnapshot } from './compareResponses'
import type { DiffJob } from './diffWorker'

/** Bodies smaller than this together are compared on the spot: a worker round trip costs more. */
export const INLINE_DIFF_BYTES = 256 * 1024

type Settle = { resolve: (result: CompareResult) => void; reject: (error: Error) => void }

/**
 * Runs `compareResponses` in one worker thread (started on first use, stopped on dispose), so that
 * parsing and diffing two large bodies never stalls core's event loop. The API is compareResponses'
 * own, made async. Where no worker can start (its file missing from a package), diffs run inline.
 */
export class DiffPool {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Settle>()
  private nextId = 1
  /** Set when a worker failed before answering anything: then diffs run inline from now on. */
  private unavailable = false
  /** How many diffs went to the worker, and how many it answered (tests read them to see it is really used). */
  workerJobs = 0
  workerAnswers = 0

  constructor(private readonly inlineBytes = INLINE_DIFF_BYTES) {}

  /** Compares two responses; large bodies are handed to the worker (their Buffers are moved there, so do not reuse them). */
  compare(left: ResponseSnapshot, right: ResponseSnapshot, ignorePaths: string[] = []): Promise<CompareResult> {
    const size = (left.body?.length ?? 0) + (right.body?.length ?? 0)
    const worker = size < this.inlineBytes || this.unavailable ? null : this.start()
    if (!worker) return Promise.resolve().then(() => compareResponses(left, right, ignorePaths))
    const job: DiffJob = { id: this.nextId++, left, right, ignorePaths }
    this.workerJobs++
    return new Promise<CompareResult>((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject })
      // Bodies that own their memory are moved, not copied: copying megabytes would stall this thread.
      worker.postMessage(job, [left.body, right.body].flatMap((body) => (body && ownsMemory(body) ? [body.buffer as ArrayBuffer] : [])))
    })
  }

  async dispose(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.failAll(new ParleyError('cancelled', 'The comparison was stopped because Parley is closing.'))
    await worker?.terminate()
  }

  private start(): Worker | null {
    if (this.worker) return this.worker
    const entry = workerEntry()
    if (!entry) {
      this.unavailable = true
      return null
    }
    let answered = false
    const worker = entry.source ? new Worker(entry.source, { eval: true }) : new Worker(entry.url)
    worker.unref()
    worker.on('message', (message: { id: number; ok: boolean; result?: CompareResult; message?: string }) => {
      answered = true
      this.workerAnswers++
      const settle = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (!settle) return
      if (message.ok) settle.resolve(message.result as CompareResult)
      else settle.reject(new ParleyError('compare_failed', `The comparison failed: ${message.message}`, 'Try again; if it keeps failing, report it with the two responses.'))
    })
    const lost = (why: string): void => {
      if (this.worker !== worker) return
      this.worker = null
      if (!answered) {
        // It never worked (e.g. its file cannot be loaded here): later diffs run inline. The waiting ones
        // gave their bodies away to it, so they fail with a reason and are simply asked again.
        this.unavailable = true
        this.failAll(new ParleyError('compare_failed', `The diff worker could not start (${why}).`, 'Compare again: Parley now compares on its main thread.'))
        return
      }
      this.failAll(new ParleyError('compare_failed', `The comparison stopped: ${why}.`, 'Try again; very large bodies may need more memory than the diff may use.'))
    }
    worker.on('error', (error) => lost(error.message))
    worker.on('exit', (code) => lost(`the diff worker exited with code ${code}`))
    this.worker = worker
    return worker
  }

  private failAll(error: Error): void {
    for (const [id, settle] of this.pending) {
      this.pending.delete(id)
      settle.reject(error)
    }
  }
}

const ownsMemory = (body: Buffer): boolean => body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer

/**
 * Where the worker's code is: the `diffWorker.js` entry electron-vite emits beside the bundle that
 * holds this code, or, run from source, diffWorker.ts loaded through tsx (Node 20 does not apply
 * `--import tsx` to a worker's entry, so a one-line bootstrap imports it with tsx's own API).
 */
function workerEntry(): { url: URL; source?: string } | null {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const url = new URL('./diffWorker.ts', here)
    // tsx's ESM API (its package resolves the CommonJS build for require; the ESM one sits beside it).
    const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs')
    return { url, source: `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(here)}))` }
  }
  for (const candidate of ['./diffWorker.js', '../diffWorker.js']) {
    const url = new URL(candidate, here)
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url }
  }
  return null
}
