import { parentPort } from 'node:worker_threads'
import { compareResponses, type ResponseSnapshot } from './compareResponses'

/**
 * The diff worker (worker_threads): parses and compares two bodies off core's main thread, so a
 * diff of two 5 MB JSON bodies does not hold up sends, sockets or other calls. See diffPool.ts.
 */
export interface DiffJob {
  id: number
  left: ResponseSnapshot
  right: ResponseSnapshot
  ignorePaths: string[]
}

// Buffers arrive as Uint8Arrays: structured clone keeps the bytes, not the Buffer class.
const snapshot = (side: ResponseSnapshot): ResponseSnapshot => ({
  ...side,
  body: side.body ? Buffer.from(side.body.buffer, side.body.byteOffset, side.body.byteLength) : null
})

parentPort?.on('message', (job: DiffJob) => {
  try {
    parentPort?.postMessage({ id: job.id, ok: true, result: compareResponses(snapshot(job.left), snapshot(job.right), job.ignorePaths) })
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) })
  }
})
