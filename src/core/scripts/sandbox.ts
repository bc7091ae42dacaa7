import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { getQuickJS, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime } from 'quickjs-emscripten'
import { pmApiSource } from './pmApi'
import { pmAssertionsSource } from './pmAssertions'

/**
 * A QuickJS (WebAssembly) sandbox for user scripts: no Node or Electron APIs, no files, no
 * environment, a memory limit and a time limit. One sandbox can run many scripts (a collection
 * run reuses one, so chai is parsed once); each script runs inside its own function scope.
 */

export interface SandboxLimits {
  /** CPU time one script may take; an endless loop is stopped with a clear error. */
  timeLimitMs: number
  memoryLimitBytes: number
}

export const defaultSandboxLimits: SandboxLimits = { timeLimitMs: 3000, memoryLimitBytes: 64 * 1024 * 1024 }

/** Stays below the host's own stack, so deep recursion is a script error, not a crash of Node. */
const maxStackBytes = 256 * 1024
/** Parsing chai takes far longer than a script on a busy machine; it gets its own allowance. */
const chaiLoadLimitMs = 30_000

export interface ScriptFailure {
  message: string
  line?: number
  column?: number
}

/** Asynchronous services a script may ask for (pm.sendRequest); JSON in, JSON out. */
export type HostCall = (name: string, input: unknown) => Promise<unknown>

export interface ScriptRun {
  /** The value of `__parley.finish()`: what the script did (tests, console, variables …). */
  output: unknown
  error?: ScriptFailure
}

interface CurrentScript {
  host: HostCall
  /** Host calls in flight; the script is not over while one is. */
  pending: Set<Promise<void>>
  error?: ScriptFailure
  filename: string
  code: string
}

let chaiSource: string | undefined
function readChai(): string {
  // chai's package ships a prebuilt ES module bundle for browsers; QuickJS loads it as a module.
  chaiSource ??= readFileSync(createRequire(import.meta.url).resolve('chai'), 'utf8')
  return chaiSource
}

/** chai reports plugin events through EventTarget, which QuickJS lacks; nothing listens here. */
const chaiShim =
  'globalThis.Event ??= class Event { constructor(type) { this.type = type } };\n' +
  'globalThis.EventTarget ??= class EventTarget { addEventListener() {} removeEventListener() {} dispatchEvent() { return true } };'

export class ScriptSandbox {
  private runtime: QuickJSRuntime | undefined
  private context: QuickJSContext | undefined
  private chaiLoaded = false
  private deadline = 0
  private current: CurrentScript | undefined
  private broken = false

  private constructor(private readonly limits: SandboxLimits) {}

  static async create(limits: Partial<SandboxLimits> = {}): Promise<ScriptSandbox> {
    const sandbox = new ScriptSandbox({ ...defaultSandboxLimits, ...limits })
    await sandbox.boot()
    return sandbox
  }

  private async boot(): Promise<void> {
    const quickjs = await getQuickJS()
    const runtime = quickjs.newRuntime()
    runtime.setMemoryLimit(this.limits.memoryLimitBytes)
    runtime.setMaxStackSize(maxStackBytes)
    runtime.setInterruptHandler(() => Date.now() > this.deadline)
    runtime.setModuleLoader((name) => (name === 'chai' ? readChai() : { error: new Error(`module ${name} is not available`) }))
    const context = runtime.newContext()
    this.runtime = runtime
    this.context = context
    this.chaiLoaded = false
    this.installHostFunctions(context)
    this.evalOrThrow(pmApiSource, 'parley-pm.js', 10_000)
  }

  /** `__host(name, json)` for pm.sendRequest and `__done(error?)` for the end of a script; made once per sandbox. */
  private installHostFunctions(vm: QuickJSContext): void {
    const hostFn = vm.newFunction('__host', (nameHandle, inputHandle) => {
      const name = vm.getString(nameHandle)
      const inputJson = vm.getString(inputHandle)
      const deferred = vm.newPromise()
      const current = this.current
      const asked = current ? current.host(name, JSON.parse(inputJson) as unknown) : Promise.reject(new Error('no script is running'))
      const settle = asked.then(
        (value) => {
          if (!deferred.alive) return
          const json = vm.newString(JSON.stringify(value ?? null))
          deferred.resolve(json)
          json.dispose()
        },
        (error: unknown) => {
          if (!deferred.alive) return
          const err = vm.newError(error instanceof Error ? error.message : String(error))
          deferred.reject(err)
          err.dispose()
        }
      )
      const tracked: Promise<void> = settle.finally(() => {
        if (deferred.alive) deferred.dispose()
        current?.pending.delete(tracked)
      })
      current?.pending.add(tracked)
      return deferred.handle
    })
    vm.setProp(vm.global, '__host', hostFn)
    hostFn.dispose()
    const doneFn = vm.newFunction('__done', (errorHandle) => {
      const current = this.current
      if (!current) return
      if (errorHandle !== undefined && vm.typeof(errorHandle) !== 'undefined') current.error = this.failure(errorHandle.dup(), current.filename, current.code)
    })
    vm.setProp(vm.global, '__done', doneFn)
    doneFn.dispose()
  }

  /**
   * Runs one script. `input` becomes `__parley.begin(input)` (the pm object's data); the result is
   * what `__parley.finish()` returns once the script and every callback it started are done.
   */
  async run(code: string, filename: string, input: unknown, host: HostCall): Promise<ScriptRun> {
    if (!this.context) await this.boot()
    const vm = this.context as QuickJSContext
    if (!this.chaiLoaded && /\bexpect\b|\.to\b|\bchai\b/.test(code)) this.loadChai()
    const current: CurrentScript = { host, pending: new Set(), filename, code }
    this.current = current
    try {
      this.callParley('begin', JSON.stringify(input))
      // The script's own function scope keeps its `let`s and `var`s out of the next script's way.
      this.deadline = Date.now() + this.limits.timeLimitMs
      const started = vm.evalCode(`(async () => {\n${code}\n})().then(() => __done(), (e) => __done(e))`, filename)
      if (started.error) {
        current.error = this.failure(started.error, filename, code)
      } else {
        started.value.dispose()
        await this.settle(current)
      }
      const output = JSON.parse(this.callParley('finish')) as { asyncError?: { name?: string; message?: string; stack?: string } } | null
      const late = output?.asyncError
      if (output) delete output.asyncError
      if (late && !current.error) current.error = { message: describe(late), ...locate(late.stack ?? '', filename, code) }
      return { output, ...(current.error ? { error: current.error } : {}) }
    } catch (error) {
      // The sandbox itself failed (memory exhausted in our own code): start afresh next time.
      this.dispose()
      return { output: null, error: current.error ?? { message: error instanceof Error ? error.message : String(error) } }
    } finally {
      this.current = undefined
      if (this.broken) this.dispose()
    }
  }

  /**
   * Evaluates one JavaScript expression with `name` bound to a JSON value (a live step's predicate
   * over `msg`): whether it is truthy, or why it could not be evaluated. Same limits as a script.
   */
  async test(expression: string, filename: string, name: string, value: unknown): Promise<{ passed: boolean; error?: ScriptFailure }> {
    if (!this.context) await this.boot()
    const vm = this.context as QuickJSContext
    // The expression sits on a line of its own, so errors point at its own line 1.
    const code = `(function (${name}) { return !!(\n${expression}\n) })(${JSON.stringify(value ?? null)})`
    this.deadline = Date.now() + this.limits.timeLimitMs
    const result = vm.evalCode(code, filename)
    try {
      if (result.error) return { passed: false, error: this.failure(result.error, filename, expression) }
      const passed = vm.dump(result.value) === true
      result.value.dispose()
      return { passed }
    } finally {
      if (this.broken) this.dispose()
    }
  }

  /** Calls `__parley.begin(json)` or `__parley.finish()` (which returns JSON text). */
  private callParley(name: 'begin' | 'finish', argument?: string): string {
    const vm = this.context as QuickJSContext
    this.deadline = Date.now() + this.limits.timeLimitMs
    const parley = vm.getProp(vm.global, '__parley')
    const fn = vm.getProp(parley, name)
    const arg = argument === undefined ? undefined : vm.newString(argument)
    const result = arg ? vm.callFunction(fn, parley, arg) : vm.callFunction(fn, parley)
    arg?.dispose()
    fn.dispose()
    parley.dispose()
    if (result.error) {
      const message = describe(vm.dump(result.error))
      result.error.dispose()
      throw new Error(message)
    }
    const value = vm.typeof(result.value) === 'string' ? vm.getString(result.value) : ''
    result.value.dispose()
    return value
  }

  /** Runs pending jobs and waits for host calls (pm.sendRequest) until the script and its callbacks are done. */
  private async settle(current: CurrentScript): Promise<void> {
    const runtime = this.runtime as QuickJSRuntime
    for (;;) {
      this.deadline = Date.now() + this.limits.timeLimitMs
      const jobs = runtime.executePendingJobs()
      if (jobs.error) {
        current.error ??= this.failure(jobs.error, current.filename, current.code)
        return
      }
      if (current.pending.size === 0 && !runtime.hasPendingJob()) return
      if (current.pending.size > 0) await Promise.race(current.pending)
    }
  }

  private loadChai(): void {
    this.evalOrThrow(chaiShim, 'parley-chai-shim.js', chaiLoadLimitMs)
    const loaded = this.evalModule(`import * as chai from 'chai';\nglobalThis.__parley.installChai(chai);\n${pmAssertionsSource}`)
    if (loaded) throw new Error(`The assertion library (chai) could not be loaded: ${loaded}`)
    this.chaiLoaded = true
  }

  private evalModule(code: string): string | undefined {
    const vm = this.context as QuickJSContext
    this.deadline = Date.now() + chaiLoadLimitMs
    const result = vm.evalCode(code, 'parley-chai.js', { type: 'module' })
    if (result.error) {
      const message = describe(vm.dump(result.error))
      result.error.dispose()
      return message
    }
    result.value.dispose()
    const jobs = (this.runtime as QuickJSRuntime).executePendingJobs()
    if (jobs.error) {
      const message = describe(vm.dump(jobs.error))
      jobs.error.dispose()
      return message
    }
    return undefined
  }

  /** Runs Parley's own code in the sandbox; a failure there is a bug or an exhausted sandbox. */
  private evalOrThrow(code: string, filename: string, limitMs: number): unknown {
    const vm = this.context as QuickJSContext
    this.deadline = Date.now() + limitMs
    const result = vm.evalCode(code, filename)
    if (result.error) {
      const message = describe(vm.dump(result.error))
      result.error.dispose()
      throw new Error(message)
    }
    const value: unknown = vm.dump(result.value)
    result.value.dispose()
    return value
  }

  /** A script error as the user should read it: the message, and where in their script. */
  private failure(handle: QuickJSHandle, filename: string, code: string): ScriptFailure {
    const vm = this.context as QuickJSContext
    const dumped = vm.dump(handle) as unknown
    handle.dispose()
    const error = (typeof dumped === 'object' && dumped !== null ? dumped : { message: String(dumped) }) as { name?: string; message?: string; stack?: string }
    let message = describe(error)
    if (error.name === 'InternalError' && error.message === 'interrupted') {
      message = `The script ran longer than ${this.limits.timeLimitMs} ms and was stopped (an endless loop?).`
    } else if (error.name === 'InternalError' && error.message === 'out of memory') {
      message = `The script used more than ${Math.round(this.limits.memoryLimitBytes / 1024 / 1024)} MB of memory and was stopped.`
      // A runtime that ran out of memory may be left in a bad state: the next script gets a new one.
      this.broken = true
    }
    const where = locate(error.stack ?? '', filename, code)
    return { message, ...where }
  }

  dispose(): void {
    try {
      this.context?.dispose()
      this.runtime?.dispose()
    } catch {
      // A runtime interrupted mid-way may still hold objects; it is dropped either way.
    }
    this.context = undefined
    this.runtime = undefined
    this.broken = false
  }
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: string; message?: string }
    if (message !== undefined) return name && name !== 'Error' ? `${name}: ${message}` : message
  }
  return String(error)
}

/** The first frame in the user's script, moved back by the one line of our wrapper. */
function locate(stack: string, filename: string, code: string): { line?: number; column?: number } {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack)
  if (!match) return {}
  const lines = code.split('\n').length
  const line = Math.min(Math.max(Number(match[1]) - 1, 1), lines)
  return { line, column: Number(match[2]) }
}
