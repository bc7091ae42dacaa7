import { useEffect, useState, useSyncExternalStore } from 'react'
import { MAX_BODY_SLICE, type HttpResponse } from '../../../shared/http'
import { api } from '../../app/api'
import type { BodyKind, BodyProgress, FromWorker, ToWorker, WorkerAnswer, WorkerRequest, WorkerText } from './bodyProtocol'
import { bodyKindOf } from './contentKind'
import { tr } from '../../i18n'

/** A note or failure of the body worker, in the user's language. */
export function workerText(text: WorkerText): string {
  return tr(`response:bodyWorker.${text.key}`, text.values)
}

type AnswerOf<K extends WorkerRequest['op']> = Extract<WorkerAnswer, { op: K }>

/**
 * The slice asked of core per call: a quarter of the most it serves. Each slice arrives on the main
 * thread (the WebSocket's text, its JSON and its check) before it goes to the worker; a 1 MiB slice
 * made that one task of over 100 ms CPU while a large body streamed in (the 50 MB bench).
 */
const SLICE = Math.min(MAX_BODY_SLICE, 256 * 1024)
/** Slices asked of core at once: enough to keep the pipe full, few enough to keep memory flat. */
const SLICES_IN_FLIGHT = 8

/**
 * One response body as the main thread sees it: a worker that holds the bytes and answers
 * questions about them, fed slice by slice from core. Only small answers come back.
 */
export class BodyModel {
  readonly kind: BodyKind
  readonly size: number
  private readonly worker: Worker
  private readonly pending = new Map<number, { resolve: (answer: WorkerAnswer) => void; reject: (error: Error) => void }>()
  private readonly listeners = new Set<() => void>()
  private nextId = 1
  private disposed = false
  progress: BodyProgress
  loadError: string | null = null

  constructor(readonly response: HttpResponse) {
    this.kind = bodyKindOf(response)
    this.size = response.body.size
    this.progress = { bytes: 0, total: this.size, done: false, lines: { pretty: 0, raw: 0, hex: 0 }, note: null }
    this.worker = new Worker(new URL('./bodyWorker.ts', import.meta.url), { type: 'module', name: 'parley-body' })
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data)
    this.worker.onerror = (event) => {
      this.loadError = event.message || tr('response:bodyModel.theBodyWorkerCould')
      this.notify()
    }
    this.send({ type: 'open', kind: this.kind, charset: response.body.charset, total: this.size })
    void this.load()
  }

  private send(message: ToWorker): void {
    if (!this.disposed) this.worker.postMessage(message)
  }

  private receive(message: FromWorker): void {
    if (message.type === 'progress') {
      this.progress = message.progress
      this.notify()
      return
    }
    const waiting = this.pending.get(message.id)
    if (!waiting) return
    this.pending.delete(message.id)
    if (message.type === 'answer') waiting.resolve(message.answer)
    else waiting.reject(new Error(message.text ? workerText(message.text) : message.message))
  }

  private async load(): Promise<void> {
    const body = this.response.body
    try {
      if (body.kind === 'inline') {
        this.send({ type: 'chunk', base64: body.base64 })
      } else {
        // Slices come from core in order; a few are in flight so the wire never idles.
        const slices: Promise<string>[] = []
        let asked = 0
        const ask = (): void => {
          const offset = asked * SLICE
          if (offset >= body.size) return
          asked++
          slices.push(api.call('http.readBody', { bodyId: body.bodyId, offset, length: SLICE }).then((slice) => slice.base64))
        }
        for (let i = 0; i < SLICES_IN_FLIGHT; i++) ask()
        for (let i = 0; i < slices.length; i++) {
          const base64 = await slices[i]!
          if (this.disposed) return
          ask()
          this.send({ type: 'chunk', base64 })
        }
      }
      this.send({ type: 'end' })
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error)
      this.notify()
    }
  }

  ask<K extends WorkerRequest['op']>(request: Extract<WorkerRequest, { op: K }>): Promise<AnswerOf<K>> {
    if (this.disposed) return Promise.reject(new Error(tr('response:bodyModel.closed')))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (answer: WorkerAnswer) => void, reject })
      this.send({ type: 'ask', id, request })
    })
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }

  dispose(): void {
    this.disposed = true
    this.worker.terminate()
    for (const waiting of this.pending.values()) waiting.reject(new Error(tr('response:bodyModel.closed')))
    this.pending.clear()
  }
}

/**
 * Bodies kept open after their pane goes away, so switching request tabs back and forth does not
 * read and index a large body again. Only the most recent few: each holds its bytes in a worker.
 */
const KEEP_BODIES = 3
const open = new Map<string, { model: BodyModel; users: number }>()

function acquire(response: HttpResponse): BodyModel {
  const key = response.requestId
  let entry = open.get(key)
  if (entry?.model.response !== response) {
    entry?.model.dispose()
    entry = { model: new BodyModel(response), users: 0 }
  }
  open.delete(key)
  open.set(key, entry)
  entry.users++
  return entry.model
}

function release(model: BodyModel): void {
  const entry = open.get(model.response.requestId)
  if (entry?.model === model) entry.users--
  else model.dispose()
  // Past the limit, the least recently used bodies nobody shows are closed.
  for (const [key, candidate] of open) {
    if (open.size <= KEEP_BODIES) break
    if (candidate.users > 0) continue
    candidate.model.dispose()
    open.delete(key)
  }
}

/** The body model of a response, alive while a component shows it (and a little after). */
export function useBodyModel(response: HttpResponse): BodyModel | undefined {
  const [model, setModel] = useState<BodyModel>()
  useEffect(() => {
    const acquired = acquire(response)
    setModel(acquired)
    return () => {
      release(acquired)
      setModel(undefined)
    }
  }, [response])
  return model
}

const idle: BodyProgress = { bytes: 0, total: 0, done: false, lines: { pretty: 0, raw: 0, hex: 0 }, note: null }

export function useBodyProgress(model: BodyModel | undefined): { progress: BodyProgress; loadError: string | null } {
  const progress = useSyncExternalStore(model?.subscribe ?? noSubscribe, () => model?.progress ?? idle)
  const loadError = useSyncExternalStore(model?.subscribe ?? noSubscribe, () => model?.loadError ?? null)
  return { progress, loadError }
}

const noSubscribe = (): (() => void) => () => undefined
