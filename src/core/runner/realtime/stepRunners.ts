import { ParleyError } from '../../../shared/errors'
import type { EmitArg } from '../../../shared/realtime'
import type { RealtimeStep } from '../../../shared/realtimeSteps'
import { supportsStep } from '../../../shared/requestKinds'
import type { ConsoleEntry, TestResult } from '../../../shared/scripts'
import type { SendContext } from '../../../shared/sendContext'
import type { Message, SessionKind } from '../../../shared/session'
import type { Session } from '../../realtime/session'
import { cancelled, pause, type RunRecorder } from './runRecorder'
import { ackMessage, noun, receivedSummary, toStepMessage, type StepMessage } from './stepMessages'
import type { StepScripts } from './stepScripts'

/** What each step needs of its run: the session (once open), the recorder, scripts and variables. */
export interface StepRun {
  kind: SessionKind
  deps: { signal?: AbortSignal; checkFiles?: (paths: string[], context: SendContext | undefined) => Promise<Map<string, string>> }
  recorder: RunRecorder
  scripts: StepScripts
  context: SendContext | undefined
  /** `{{variables}}` resolved as the run's variables stand now (scripts may have changed them). */
  resolve<T>(value: T): T
  session(): Session | undefined
  open(): Promise<Session>
}

export interface StepOutcome {
  tests: TestResult[]
  console: ConsoleEntry[]
}

const none = (): StepOutcome => ({ tests: [], console: [] })
const pass = (name: string): TestResult => ({ name, passed: true, source: 'step' })
const fail = (name: string, message: string): TestResult => ({ name, passed: false, message, source: 'step' })
const invalid = (message: string, hint: string) => new ParleyError('invalid_steps', message, hint)

/**
 * Runs one step. A failed expectation is a failed test in the outcome; a step that cannot be carried
 * out (no connection, an emit refused, cancelled) throws, and the run stops there.
 */
export async function runStep(run: StepRun, step: RealtimeStep, title: string): Promise<StepOutcome> {
  if (run.deps.signal?.aborted) throw cancelled()
  switch (step.type) {
    case 'connect':
      return connect(run, step, title)
    case 'emit':
      return emit(run, step, title)
    case 'send': {
      if (!supportsStep(run.kind, 'send'))
        throw invalid(
          `A ${run.kind === 'sse' ? 'SSE stream only receives' : 'Socket.IO session emits events'}; it has no frames to send.`,
          run.kind === 'sse' ? 'Remove the send step.' : 'Use an emit step.'
        )
      await need(run).send?.({ type: step.frame, value: run.resolve(step.value) })
      return none()
    }
    case 'expect':
      return expect(run, step, title)
    case 'wait':
      await pause(step.ms, run.deps.signal)
      return none()
    case 'close':
      await run.session()?.close({ ...(step.code !== undefined ? { code: step.code } : {}), ...(step.reason !== undefined ? { reason: step.reason } : {}) })
      return none()
  }
}

function need(run: StepRun): Session {
  const session = run.session()
  if (!session) throw invalid('The session is not open yet: this step comes before the connect step.', 'Move the connect step first.')
  return session
}

async function connect(run: StepRun, step: Extract<RealtimeStep, { type: 'connect' }>, title: string): Promise<StepOutcome> {
  const session = await run.open()
  const deadline = Date.now() + step.timeoutMs
  const { recorder } = run
  for (;;) {
    const seen = recorder.version
    if (recorder.state === 'connected') return { tests: [pass(title)], console: [] }
    if (recorder.state === 'error' || recorder.state === 'closed' || recorder.state === 'disconnected') {
      throw new ParleyError(
        'connect_failed',
        `Could not connect to ${session.url}: ${recorder.detail}.`,
        'Check the URL, auth and the server; the remaining steps were not run.'
      )
    }
    if (!(await recorder.next(seen, deadline, run.deps.signal))) {
      throw new ParleyError(
        'connect_timeout',
        `Not connected to ${session.url} within ${step.timeoutMs} ms (${recorder.detail || 'no answer'}).`,
        "Raise the connect step's timeout, or check the server."
      )
    }
  }
}

async function emitArgs(run: StepRun, args: EmitArg[]): Promise<EmitArg[]> {
  const resolved = run.resolve(args)
  const files = resolved.filter((arg) => arg.type === 'binary-file').map((arg) => arg.value)
  if (files.length === 0) return resolved
  if (!run.deps.checkFiles) throw invalid('File arguments cannot be sent here.', 'Use a binary-base64 argument instead.')
  const real = await run.deps.checkFiles(files, run.context)
  return resolved.map((arg) => (arg.type === 'binary-file' ? { ...arg, value: real.get(arg.value) ?? arg.value } : arg))
}

async function emit(run: StepRun, step: Extract<RealtimeStep, { type: 'emit' }>, title: string): Promise<StepOutcome> {
  if (!supportsStep(run.kind, 'emit'))
    throw invalid(
      `Only Socket.IO emits events; this is a ${run.kind === 'sse' ? 'SSE stream' : 'WebSocket'}.`,
      run.kind === 'websocket' ? 'Use a send step.' : 'Remove the emit step.'
    )
  const session = need(run)
  const event = run.resolve(step.event)
  const seq = await session.emit!({ event, args: await emitArgs(run, step.args), ack: step.ack !== undefined, ackTimeoutMs: step.ack?.timeoutMs ?? 5_000 })
  if (!step.ack) return step.script?.trim() ? run.scripts.run(step.script, title, undefined, []) : none()
  const { recorder } = run
  // The engine reports the ack, or its timeout, through the recorder; this deadline is only a backstop.
  const deadline = Date.now() + step.ack.timeoutMs + 1_000
  for (;;) {
    const seen = recorder.version
    const outcome = recorder.ackOf(seq)
    if (outcome?.status === 'ack-timeout') return { tests: [fail(title, `no ack for ${event} within ${step.ack.timeoutMs} ms`)], console: [] }
    if (outcome?.status === 'acked') {
      const msg = ackMessage(event, seq, outcome.ack)
      const matched = await run.scripts.matches(step.ack.predicate, msg, `step "${title}"`)
      if ('error' in matched) return { tests: [fail(title, `the ack predicate failed: ${matched.error}`)], console: [] }
      if (!matched.passed)
        return {
          tests: [fail(title, `the ack of ${event} did not match ${step.ack.predicate.trim()}: got ${JSON.stringify(outcome.ack.args).slice(0, 300)}`)],
          console: []
        }
      const scripted = step.script?.trim() ? await run.scripts.run(step.script, title, msg, [msg]) : none()
      return { tests: [pass(title), ...scripted.tests], console: scripted.console }
    }
    if (!recorder.live) return { tests: [fail(title, `no ack for ${event}: the session ended (${recorder.detail})`)], console: [] }
    if (!(await recorder.next(seen, deadline, run.deps.signal)))
      return { tests: [fail(title, `no ack for ${event} within ${step.ack.timeoutMs} ms`)], console: [] }
  }
}

async function expect(run: StepRun, step: Extract<RealtimeStep, { type: 'expect' }>, title: string): Promise<StepOutcome> {
  if (run.kind === 'websocket' && step.event)
    return { tests: [fail(title, `a WebSocket message has no event name, so "${step.event}" never matches`)], console: [] }
  need(run)
  const { recorder } = run
  const event = run.resolve(step.event)
  const predicate = step.predicate.trim()
  const deadline = Date.now() + step.timeoutMs
  const matched: Message[] = []
  const others: Message[] = []
  let otherCount = 0
  let lastSeen = 0
  let thrown: { count: number; first: string } | undefined
  const dropped = recorder.dropped
  const expected = () =>
    `expected ${step.count === 1 ? '' : `${step.count} `}${noun(run.kind, step.count)}${event ? ` ${event}` : ''}${predicate ? ` matching ${predicate}` : ''} within ${step.timeoutMs} ms`
  const failure = (why: string) => {
    const got = matched.length > 0 ? `only ${matched.length} matched; ` : ''
    const threw = thrown ? `; the predicate threw for ${thrown.count} of them: ${thrown.first}` : ''
    return {
      tests: [fail(title, `${expected()}${why}; ${got}${receivedSummary(run.kind, others, otherCount + recorder.dropped - dropped)}${threw}`)],
      console: []
    }
  }
  for (;;) {
    const seen = recorder.version
    for (const message of [...recorder.waiting()]) {
      if (message.seq <= lastSeen) continue
      lastSeen = message.seq
      if (event && message.event !== event) {
        otherCount += 1
        others.push(message)
        continue
      }
      const msg = toStepMessage(message)
      const outcome = await run.scripts.matches(predicate, msg, `step "${title}"`)
      if ('error' in outcome) {
        if (outcome.fatal) return { tests: [fail(title, `the predicate failed: ${outcome.error}`)], console: [] }
        thrown = thrown ? { ...thrown, count: thrown.count + 1 } : { count: 1, first: outcome.error }
      }
      if (!outcome.passed) {
        otherCount += 1
        others.push(message)
        continue
      }
      matched.push(message)
      if (matched.length === step.count) {
        recorder.consumeThrough(message.seq)
        const messages: StepMessage[] = matched.map(toStepMessage)
        const scripted = step.script?.trim() ? await run.scripts.run(step.script, title, messages.at(-1), messages) : none()
        return { tests: [pass(title), ...scripted.tests], console: scripted.console }
      }
    }
    if (others.length > 20) others.splice(0, others.length - 20)
    if (recorder.version !== seen) continue
    if (!recorder.live) return failure(` (the session ended: ${recorder.detail})`)
    if (!(await recorder.next(seen, deadline, run.deps.signal))) return failure('')
  }
}
