import { spawn, type ChildProcess } from 'node:child_process'
import type { PlaygroundStatus } from '../shared/app'
import { ParleyError } from '../shared/errors'
import type { EventBus } from './events'

/** How to run the playground program; each shell knows where its copy is. */
export interface PlaygroundCommand {
  command: string
  args: string[]
  env?: Record<string, string>
}

const readyLine = /Playground listening on (http:\/\/127\.0\.0\.1:\d+)/
const startTimeoutMs = 20_000

/**
 * Runs the demo server as a child process on a free loopback port. Core never imports the
 * playground: it starts the program and reads the one line it prints when it is listening.
 */
export class PlaygroundProcess {
  private child: ChildProcess | undefined
  private current: PlaygroundStatus = { state: 'stopped', url: null, error: null, collectionId: null }
  private starting: Promise<PlaygroundStatus> | undefined

  constructor(
    private readonly command: PlaygroundCommand | undefined,
    private readonly events: EventBus,
    /** Runs once it listens; what it returns (the sample collection's id) joins the status. */
    private readonly onRunning: (url: string) => Promise<string | null> = async () => null
  ) {}

  status(): PlaygroundStatus {
    return this.current
  }

  /** Starts it, or returns the running one. */
  start(): Promise<PlaygroundStatus> {
    if (this.current.state === 'running') return Promise.resolve(this.current)
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined
    })
    return this.starting
  }

  async stop(): Promise<PlaygroundStatus> {
    const child = this.child
    // Forget it first, so its exit reads as asked for, not as a crash.
    this.child = undefined
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      await exited
    }
    this.set({ state: 'stopped', url: null, error: null, collectionId: null })
    return this.current
  }

  private async launch(): Promise<PlaygroundStatus> {
    if (!this.command) {
      throw new ParleyError('playground_unavailable', 'This build of Parley has no playground.', 'Run `npm run playground` from a source checkout instead.')
    }
    this.set({ state: 'starting', url: null, error: null, collectionId: null })
    const child = spawn(this.command.command, [...this.command.args, '--port', '0'], {
      env: { ...process.env, ...this.command.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    this.child = child
    let output = ''
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`it did not say it was listening within ${startTimeoutMs / 1000} s`)), startTimeoutMs)
        const onData = (chunk: Buffer): void => {
          output = (output + chunk.toString()).slice(-4000)
          const match = readyLine.exec(output)
          if (match?.[1]) {
            clearTimeout(timer)
            resolve(match[1])
          }
        }
        child.stdout?.on('data', onData)
        child.stderr?.on('data', onData)
        child.once('error', (error) => {
          clearTimeout(timer)
          reject(error)
        })
        child.once('exit', (code) => {
          clearTimeout(timer)
          reject(new Error(`it exited with code ${code}: ${output.trim() || 'no output'}`))
        })
      })
      child.once('exit', (code) => {
        if (this.child !== child) return
        this.child = undefined
        this.set({ state: 'failed', url: null, error: `The playground stopped unexpectedly (exit code ${code}).`, collectionId: null })
      })
      // A sample collection that cannot open must not take the running server down with it.
      const collectionId = await this.onRunning(url).catch(() => null)
      this.set({ state: 'running', url, error: null, collectionId })
      return this.current
    } catch (error) {
      child.kill('SIGKILL')
      this.child = undefined
      const message = `The playground could not start: ${(error as Error).message}`
      this.set({ state: 'failed', url: null, error: message, collectionId: null })
      throw new ParleyError('playground_failed', message, 'Try again; if it keeps failing, run `npm run playground` in a terminal to see why.')
    }
  }

  private set(status: PlaygroundStatus): void {
    this.current = status
    this.events.emit('playground.changed', status)
  }
}
