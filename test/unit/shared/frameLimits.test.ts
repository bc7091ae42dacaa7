import { describe, expect, it } from 'vitest'
import { calls, type CallName } from '../../../src/shared/contract'
import { curlMaxChars, importMaxChars, importPartMaxChars } from '../../../src/shared/convert'
import { maxUploadChunkBytes } from '../../../src/shared/files'
import { hostMaxFrameBytes } from '../../../src/shared/wire'

/**
 * The contract's own size limits agree with the browser host's transport: the largest input each
 * call allows, in the characters that JSON makes longest, still fits in one WebSocket message.
 */

/** A string JSON writes at 6 bytes a character (`\u0001`), the most any character can take. */
const worst = (length: number): string => '\u0001'.repeat(length)
const frameBytes = (name: CallName, input: unknown): number => Buffer.byteLength(JSON.stringify({ type: 'call', id: Number.MAX_SAFE_INTEGER, name, input }))

const largest: Array<[CallName, (size: number) => unknown, number]> = [
  ['curl.parse', (n) => ({ command: `curl ${worst(n - 5)}` }), curlMaxChars],
  ['import.detect', (n) => ({ text: worst(n) }), importPartMaxChars],
  ['import.preview', (n) => ({ text: worst(n), targetDir: '/t' }), importPartMaxChars],
  ['import.run', (n) => ({ text: worst(n), targetDir: '/t' }), importPartMaxChars],
  ['import.append', (n) => ({ importId: 'a'.repeat(24), text: worst(n) }), importPartMaxChars],
  ['files.append', (n) => ({ uploadId: 'a'.repeat(24), base64: 'A'.repeat(n) }), Math.ceil(maxUploadChunkBytes / 3) * 4],
  ['vars.resolve', (n) => ({ text: worst(n) }), 1_000_000]
]

describe('contract limits and the host frame limit', () => {
  for (const [name, input, size] of largest) {
    it(`${name}: the largest input allowed fits in one message; one character more is refused`, () => {
      expect(calls[name].input.safeParse(input(size)).success).toBe(true)
      expect(frameBytes(name, input(size))).toBeLessThanOrEqual(hostMaxFrameBytes)
      expect(calls[name].input.safeParse(input(size + 1)).success).toBe(false)
    })
  }

  it('a whole import file may be longer than one message: it is sent in parts', () => {
    expect(importMaxChars).toBeGreaterThan(importPartMaxChars)
    expect(Math.ceil(importMaxChars / importPartMaxChars)).toBe(25)
  })
})
