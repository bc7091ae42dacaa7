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

type Settle = { resolve: (result: CompareResult) => void; reject: (error: Error) => void; job: DiffJob }

/**
 * Runs `compareResponses` in one worker thread (started on first use, stopped on dispose), so that
 * parsing and diffing two large bodies never stalls core's event loop. The API is compareResponses'
 * own, made async. Where no worker can start (its file missing from a package), diffs run inline.
 */
export class DiffPool {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Settle>()
  private nextId = 1
  /** Set when a worker failed before it came up: then diffs run inline from now on. */
  private unavailable = false
  /** The worker said it is loaded and listening. */
  private ready = false
  /** How many diffs went to the worker, and how many it answered (tests read them to see it is really used). */
  workerJobs = 0
  workerAnswers = 0

  /** `entry` says where the worker's code is (tests point it at a file that cannot load). */
  constructor(
    private readonly inlineBytes = INLINE_DIFF_BYTES,
    private readonly entry: () => WorkerEntry | null = workerEntry
  ) {}

  /**
   * Compares two responses; large bodies go to the worker (once it is up, their Buffers are moved there,
   * not copied, so callers must not reuse them).
   */
  compare(left: ResponseSnapshot, right: ResponseSnapshot, ignorePaths: string[] = []): Promise<CompareResult> {
    const size = (left.body?.length ?? 0) + (right.body?.length ?? 0)
    const worker = size < this.inlineBytes || this.unavailable ? null : this.start()
    if (!worker) return Promise.resolve().then(() => compareResponses(left, right, ignorePaths))
    const job: DiffJob = { id: this.nextId++, left, right, ignorePaths }
    this.workerJobs++
    return new Promise<CompareResult>((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject, job })
      if (this.ready) this.post(worker, job)
    })
  }

  async dispose(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.ready = false
    this.failAll(new ParleyError('cancelled', 'The comparison was stopped because Parley is closing.'))
    await worker?.terminate()
  }

  private post(worker: Worker, job: DiffJob): void {
    // Bodies that own their memory are moved, not copied: copying megabytes would stall this thread.
    worker.postMessage(
      job,
      [job.left.body, job.right.body].flatMap((body) => (body && ownsMemory(body) ? [body.buffer as ArrayBuffer] : []))
    )
  }

  private start(): Worker | null {
    if (this.worker) return this.worker
    const entry = this.entry()
    if (!entry) {
      this.unavailable = true
      return null
    }
    const worker = entry.source ? new Worker(entry.source, { eval: true }) : new Worker(entry.url)
    worker.unref()
    worker.on('message', (message: { ready?: true; id?: number; ok?: boolean; result?: CompareResult; message?: string }) => {
      if (message.ready) {
        // Up: the diffs that waited for it go now.
        this.ready = true
        for (const { job } of this.pending.values()) this.post(worker, job)
        return
      }
      this.workerAnswers++
      const settle = this.pending.get(message.id ?? -1)
      this.pending.delete(message.id ?? -1)
      if (!settle) return
      if (message.ok) settle.resolve(message.result as CompareResult)
      else
        settle.reject(
          new ParleyError('compare_failed', `The comparison failed: ${message.message}`, 'Try again; if it keeps failing, report it with the two responses.')
        )
    })
    const lost = (why: string): void => {
      if (this.worker !== worker) return
      this.worker = null
      if (!this.ready) {
        // It never came up (e.g. its file cannot be loaded in this package): this diff and every later one
        // run inline; the bodies were never handed over, so nothing is lost.
        this.unavailable = true
        for (const [id, settle] of this.pending) {
          this.pending.delete(id)
          try {
            settle.resolve(compareResponses(settle.job.left, settle.job.right, settle.job.ignorePaths))
          } catch (error) {
            settle.reject(error instanceof Error ? error : new Error(String(error)))
          }
        }
        return
      }
      this.ready = false
      this.failAll(
        new ParleyError('compare_failed', `The comparison stopped: ${why}.`, 'Try again; very large bodies may need more memory than the diff may use.')
      )
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
export interface WorkerEntry {
  url: URL
  /** Code to run with `eval: true` instead of the file (the tsx bootstrap, from source). */
  source?: string
}

function workerEntry(): WorkerEntry | null {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const url = new URL('./diffWorker.ts', here)
    // tsx's ESM API (its package resolves the CommonJS build for require; the ESM one sits beside it).
    const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs')
    return { url, source: `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(here)}))` }
  }
  // Beside this bundle (out/main), one up, or, for the browser host's and the CLI's bundles, in out/main.
  for (const candidate of ['./diffWorker.js', '../diffWorker.js', '../main/diffWorker.js']) {
    const url = new URL(candidate, here)
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url }
  }
  return null
}
