import { randomInt } from 'node:crypto'
import type { Route } from '../http/router'
import { HttpError, parseIntParam, pauseUnlessClosed, waitForDrain } from '../http/reply'
import { say } from '../i18n'

const MAX_BYTES = 100 * 1024 * 1024
const MAX_LINES = 10_000
const MAX_JSON_MB = 512
const CHUNK = 64 * 1024

/** mulberry32: tiny, fast, and the same sequence on every machine for a given seed. */
export function seededBytes(seed: number) {
  let state = seed >>> 0
  return function next(size: number): Buffer {
    const out = Buffer.allocUnsafe(size)
    for (let i = 0; i < size; i += 4) {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      const word = (t ^ (t >>> 14)) >>> 0
      for (let b = 0; b < 4 && i + b < size; b++) out[i + b] = (word >>> (b * 8)) & 0xff
    }
    return out
  }
}

function largeJsonItem(i: number): string {
  return JSON.stringify({
    id: i,
    name: `item ${i}`,
    active: i % 3 !== 0,
    score: ((i * 7919) % 10_000) / 100,
    tags: [`t${i % 7}`, `t${i % 11}`],
    text: 'The quick brown fox jumps over the lazy dog.'
  })
}

export function generatedRoutes(): Route[] {
  return [
    {
      methods: ['GET'],
      path: '/bytes/:n',
      summary: `n pseudo-random bytes (?seed= makes them reproducible; max ${MAX_BYTES})`,
      handler: async ({ res, params, url }) => {
        const n = parseIntParam(params.n, 'n', { min: 0, max: MAX_BYTES })
        const seed = parseIntParam(url.searchParams.get('seed'), 'seed', {
          min: 0,
          max: 0xffffffff,
          fallback: randomInt(0, 0x7fffffff)
        })
        // The seed goes back in a header so any "random" download can be reproduced exactly.
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': n, 'X-Seed': seed })
        const next = seededBytes(seed)
        for (let sent = 0; sent < n;) {
          const size = Math.min(CHUNK, n - sent)
          sent += size
          if (!res.write(next(size)) && !(await waitForDrain(res))) return
        }
        res.end()
      }
    },
    {
      methods: ['GET'],
      path: '/stream/:n',
      summary: `n JSON lines, one per chunk (?interval=ms between them; max ${MAX_LINES})`,
      handler: async ({ res, params, url }) => {
        const n = parseIntParam(params.n, 'n', { min: 1, max: MAX_LINES })
        const interval = parseIntParam(url.searchParams.get('interval'), 'interval', { min: 0, max: 10_000, fallback: 0 })
        res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-cache' })
        for (let i = 0; i < n; i++) {
          if (res.destroyed) return
          const line = JSON.stringify({ id: i, of: n, at: new Date().toISOString() }) + '\n'
          if (!res.write(line) && !(await waitForDrain(res))) return
          if (interval > 0 && i < n - 1 && !(await pauseUnlessClosed(res, interval))) return
        }
        res.end()
      }
    },
    {
      methods: ['GET'],
      path: '/json/large',
      summary: `a deterministic JSON document of ?mb=N MiB, streamed (max ${MAX_JSON_MB})`,
      handler: async ({ res, url }) => {
        const raw = url.searchParams.get('mb') ?? '1'
        const mb = Number(raw)
        if (raw.trim() === '' || !Number.isFinite(mb) || mb <= 0 || mb > MAX_JSON_MB) {
          throw new HttpError(400, say('megabytesRange', { max: MAX_JSON_MB, raw }), {
            fields: { mb: say('fieldMegabytes', { max: MAX_JSON_MB }) }
          })
        }
        // Exact size: items fill the document, and a final padding string tops it up to the byte.
        const prefix = `{"mb":${mb},"items":[`
        const closing = '],"padding":""}'
        const total = Math.max(Math.round(mb * 1024 * 1024), prefix.length + closing.length)
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': total })

        let written = prefix.length
        let pending = prefix
        for (let i = 0; ; i++) {
          const item = (i === 0 ? '' : ',') + largeJsonItem(i)
          if (written + item.length + closing.length > total) break
          pending += item
          written += item.length
          if (pending.length >= CHUNK) {
            const ok = res.write(pending)
            pending = ''
            if (!ok && !(await waitForDrain(res))) return
          }
        }
        pending += `],"padding":"${'x'.repeat(total - written - closing.length)}"}`
        res.end(pending)
      }
    }
  ]
}
