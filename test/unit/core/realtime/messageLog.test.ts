import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Message } from '../../../../src/shared/session'
import { MessageLog } from '../../../../src/core/realtime/messageLog'
import { describeArgs, jsonErrorOffset, parseAuthJson } from '../../../../src/core/realtime/payload'
import { useTempDir } from '../../support/tempDir'

const tempDir = useTempDir('parley-log-')

const message = (seq: number, over: Partial<Message> = {}): Message => ({
  seq,
  sessionId: 's',
  at: 1_700_000_000_000 + seq,
  direction: 'in',
  kind: 'event',
  event: 'e',
  args: [seq],
  preview: String(seq),
  size: String(seq).length,
  ...over
})

describe('the message log', () => {
  it('appends to NDJSON within the flush interval, without being asked', async () => {
    const log = new MessageLog(join(await tempDir(), 'sessions', 's.ndjson'), { flushMs: 50 })
    log.append(message(1))
    log.append(message(2))
    // Nobody calls flush(): the lines reach the file by the log's own timer.
    await vi.waitFor(
      async () => {
        const lines = (await readFile(log.file, 'utf8').catch(() => '')).trim().split('\n')
        expect(lines.map((l) => (l ? JSON.parse(l) : null))).toEqual([message(1), message(2)])
      },
      { timeout: 15_000, interval: 50 }
    )
    await log.close()
  })

  it('holds only a bounded ring in memory and reads older messages back from the file by seq range', async () => {
    const log = new MessageLog(join(await tempDir(), 's.ndjson'), { ringSize: 100 })
    for (let seq = 1; seq <= 5_000; seq++) log.append(message(seq))
    expect(log.inMemory).toBe(100)
    expect(log.get(10)).toBeUndefined()
    expect(log.get(4_950)).toEqual(message(4_950))
    const early = await log.read(1_234, 10)
    expect(early).toEqual(Array.from({ length: 10 }, (_, i) => message(1_234 + i)))
    expect(await log.read(4_990, 100)).toHaveLength(11)
    expect(await log.read(6_000, 10)).toEqual([])
    await log.close()
  })

  it('keeps big messages right: lines that wrap the byte ring, and ones too big for it, read back intact', async () => {
    const log = new MessageLog(join(await tempDir(), 's.ndjson'), { ringSize: 50 })
    const big = (seq: number) => message(seq, { args: ['x'.repeat(seq % 7 === 0 ? 400_000 : 90_000 + seq)], preview: 'big', kind: 'text' })
    for (let seq = 1; seq <= 40; seq++) log.append(big(seq))
    for (let seq = 41; seq <= 45; seq++) log.append(message(seq, { preview: 'é ü 漢字' }))
    // The newest small ones are in memory; the big ones that wrapped the ring come back from the file.
    expect(log.get(45)).toEqual(message(45, { preview: 'é ü 漢字' }))
    expect(log.get(7)).toBeUndefined()
    const all = await log.read(1, 45)
    expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
    expect(all.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => big(i + 1)))
    expect(await log.read(20, 3)).toEqual([big(20), big(21), big(22)])
    await log.close()
  })

  it('lets an amended message (an ack) supersede its first line, in memory, on read-back and in the export', async () => {
    const dir = await tempDir()
    const log = new MessageLog(join(dir, 's.ndjson'), { ringSize: 10 })
    log.append(message(1, { direction: 'out', status: 'awaiting-ack' }))
    for (let seq = 2; seq <= 50; seq++) log.append(message(seq))
    await log.flush()
    log.update(message(1, { direction: 'out', status: 'acked', ack: { args: ['ok'], rttMs: 3 } }))
    log.append(message(51))
    const [first] = await log.read(1, 2)
    expect(first).toMatchObject({ seq: 1, status: 'acked', ack: { args: ['ok'], rttMs: 3 } })
    const count = await log.exportTo(join(dir, 'export.ndjson'))
    expect(count).toBe(51)
    const exported = (await readFile(join(dir, 'export.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Message)
    expect(exported.map((m) => m.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1))
    expect(exported[0]?.status).toBe('acked')
    await log.close()
  })
})

describe('payloads', () => {
  it('makes binary JSON-safe at any depth and previews all args', () => {
    const d = describeArgs(['a', { nested: Buffer.from([1, 2]) }, 7])
    expect(d.args).toEqual(['a', { nested: { $binary: 'AQI=', size: 2 } }, 7])
    expect(d.preview).toBe('"a", {"nested":{"$binary":"AQI=","size":2}}, 7')
    const plain = describeArgs([{ x: 1 }, 'two'])
    expect(plain.preview).toBe('{"x":1},"two"')
    expect(plain.size).toBe(Buffer.byteLength('[{"x":1},"two"]'))
  })

  it('finds where JSON goes wrong', () => {
    expect(jsonErrorOffset('{"a": nope}')).toBe(7)
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8)
    expect(() => parseAuthJson('{\n  "token": x\n}')).toThrow(/line 2, column 12/)
    expect(() => parseAuthJson('[1]')).toThrow(/must be a JSON object/)
    expect(parseAuthJson('  ')).toBeUndefined()
  })
})
