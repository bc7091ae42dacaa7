import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { decodeServerFrame } from '../../../src/shared/wire'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir()
const cli = join(import.meta.dirname, '../../../src/host/cli.ts')
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** Starts the real host CLI (node itself, so a signal reaches the host and not a wrapper) and reads its URL. */
async function startHostCli(dataDir: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--no-build', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  children.push(child)
  const url = await new Promise<URL>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const found = /running at (\S+)/.exec(out)
      if (found) resolve(new URL(found[1]!))
    })
    child.once('exit', (code) => reject(new Error(`the host exited early (${code})`)))
  })
  return { child, url }
}

function call(ws: WebSocket, id: number, name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = decodeServerFrame(data.toString()) as { type: string; id?: number; result?: { ok: boolean } }
      if (frame.type !== 'result' || frame.id !== id) return
      ws.off('message', onMessage)
      resolve(frame.result!)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ type: 'call', id, name, input }))
  })
}

describe('the browser host with a hostile collection open', () => {
  it('opens a collection whose files are FIFOs, and still exits on its first SIGTERM', async () => {
    const base = await tempDir()
    const folder = join(base, 'fifo-collection')
    await mkdir(join(folder, 'environments'), { recursive: true })
    await writeFile(join(folder, 'good.yaml'), 'kind: http\nname: Good\nmethod: GET\nurl: http://x\n')
    // Reading any of these the ordinary way waits for a writer that never comes.
    for (const fifo of ['parley.yaml', 'pipe.yaml', 'environments/dev.yaml']) execFileSync('mkfifo', [join(folder, fifo)])

    const { child, url } = await startHostCli(join(base, 'data'))
    const ws = new WebSocket(`ws://${url.host}/contract?${url.searchParams.toString()}`, { headers: { origin: url.origin } })
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    const opened = await call(ws, 1, 'collection.open', { path: folder })
    expect(opened.ok).toBe(true)
    const tree = opened.value as { problems: Array<{ path: string; message: string }>; root: { children: Array<{ name: string }> } }
    expect(tree.root.children.map((c) => c.name)).toEqual(['Good'])
    expect(tree.problems.map((p) => p.path)).toEqual(['environments/dev.yaml', 'parley.yaml', 'pipe.yaml'])
    ws.close()

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)
})
