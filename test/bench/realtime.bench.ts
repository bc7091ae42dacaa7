import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io } from 'socket.io-client'
import { EventBus } from '../../src/core/events'
import { SessionManager } from '../../src/core/realtime/sessionManager'
import { SocketIoRequestSchema } from '../../src/shared/realtime'
import { encodeServerFrame } from '../../src/shared/wire'
import { verdict } from './targets'

const COUNT = 100_000

/** CPU time (user + system) of this process: the client's alone, the playground runs in its own. */
const cpuOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000
const TARGET_RATIO = 1.3

/** The playground in its own process, as the app starts it: its CPU must not count against either client. */
async function startPlaygroundProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/playground/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = out.match(/Playground listening on (\S+)/)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`the playground exited with ${code}: ${out}`)))
  })
  return { url, child }
}

/** A bare socket.io-client: connect, ask for the burst, count items until burst:done. */
async function bare(url: string, count: number): Promise<{ ms: number; cpuMs: number; received: number }> {
  const socket = io(url, { transports: ['websocket'], forceNew: true })
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  let received = 0
  socket.on('burst:item', () => {
    received += 1
  })
  const started = performance.now()
  const cpu = process.cpuUsage()
  await new Promise<void>((resolve) => {
    socket.once('burst:done', () => resolve())
    socket.emit('burst', { count })
  })
  const ms = performance.now() - started
  const cpuMs = cpuOf(process.cpuUsage(cpu))
  socket.close()
  return { ms, cpuMs, received }
}

function occurrences(text: string, part: string): number {
  let n = 0
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n += 1
  return n
}

/**
 * The engine as the app runs it: session manager, message log on disk, batched events through the
 * real EventBus, each encoded into a frame for the window as the browser host does.
 */
async function engine(
  url: string,
  count: number,
  dataDir: string,
  id: string
): Promise<{ ms: number; cpuMs: number; received: number; pushed: number; onDisk: number }> {
  const events = new EventBus()
  // The batches the window was sent, counted after the clock stops: counting is the bench's work, not the engine's.
  const batches: string[] = []
  let done: (() => void) | undefined
  let connected: (() => void) | undefined
  let frameBytes = 0
  events.subscribe((name, payload) => {
    // What the browser host does with every event: one frame to the window (encodeServerFrame).
    frameBytes += encodeServerFrame({ type: 'event', name, payload }).length
    if (name === 'session.messages') {
      const { lines } = payload as { lines: string }
      batches.push(lines)
      if (lines.includes('"event":"burst:done"')) done?.()
    } else if (name === 'session.status' && (payload as { state: string }).state === 'connected') connected?.()
  })
  const manager = new SessionManager({ dataDir, events, statsIntervalMs: 0 })
  const isConnected = new Promise<void>((resolve) => (connected = resolve))
  await manager.open({ sessionId: id, kind: 'socketio', request: SocketIoRequestSchema.parse({ url }) })
  await isConnected
  const started = performance.now()
  const cpu = process.cpuUsage()
  const finished = new Promise<void>((resolve) => (done = resolve))
  await manager.emit(id, { event: 'burst', args: [{ type: 'json', value: JSON.stringify({ count }) }], ack: false, ackTimeoutMs: 1000 })
  await finished
  const ms = performance.now() - started
  const cpuMs = cpuOf(process.cpuUsage(cpu))
  const received = manager.list()[0]!.in
  const pushed = batches.reduce((sum, lines) => sum + occurrences(lines, '"event":"burst:item"'), 0)
  await manager.close(id)
  const onDisk = (await manager.messages(id, 1, 10_000)).lastSeq
  await manager.dispose()
  if (frameBytes === 0) throw new Error('no frame was encoded')
  return { ms, cpuMs, received: received - 1, pushed, onDisk }
}

/** The playground bursts 100,000 Socket.IO messages; the engine must keep every one at a rate within 1.3x of a bare client, the server in its own process. */
export async function run(): Promise<{ name: string; ratio: number; engineMs: number; bareMs: number; received: number; met: boolean }> {
  const playground = await startPlaygroundProcess()
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-realtime-'))
  try {
    // Warm both paths (JIT, sockets) before measuring.
    await bare(playground.url, 5_000)
    await engine(playground.url, 5_000, dataDir, 'warm')
    // The machine is shared, so runs vary: alternate the two and compare medians of five.
    const bares: Awaited<ReturnType<typeof bare>>[] = []
    const engines: Awaited<ReturnType<typeof engine>>[] = []
    for (let round = 0; round < 5; round++) {
      // Alternate which goes first, so neither always meets a warmer or busier machine.
      if (round % 2 === 1) engines.push(await engine(playground.url, COUNT, dataDir, `burst-${round}`))
      bares.push(await bare(playground.url, COUNT))
      if (round % 2 === 0) engines.push(await engine(playground.url, COUNT, dataDir, `burst-${round}`))
    }
    const median = <T extends { ms: number }>(runs: T[]): T => [...runs].sort((x, y) => x.ms - y.ms)[Math.floor(runs.length / 2)]!
    const b = median(bares)
    const e = median(engines)
    const ratio = Math.round((e.ms / b.ms) * 100) / 100
    const cpuRatio = Math.round((median(engines.map((r) => ({ ...r, ms: r.cpuMs }))).ms / median(bares.map((r) => ({ ...r, ms: r.cpuMs }))).ms) * 100) / 100
    const complete = bares.every((r) => r.received === COUNT) && engines.every((r) => r.received === COUNT && r.pushed === COUNT)
    // On a loaded machine the wall-clock ratio swings with what else runs (0.8 to 2.6 in one hour):
    // the CPU each side spent must meet the target too.
    const met = complete && ratio <= TARGET_RATIO && cpuRatio <= TARGET_RATIO
    console.log(
      `bench socketio-burst-100k: ratio ${ratio} (engine ${Math.round(e.ms)} ms, bare ${Math.round(b.ms)} ms, received ${e.received}/${COUNT}, pushed to windows ${e.pushed}, logged ${e.onDisk} lines; CPU-time ratio ${cpuRatio}) target <= ${TARGET_RATIO}x in time and CPU: ${verdict('socketio-burst-100k', met)}`
    )
    return { name: 'socketio-burst-100k', ratio, engineMs: e.ms, bareMs: b.ms, received: e.received, met }
  } finally {
    playground.child.kill('SIGINT')
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void run().then(() => process.exit(0))
