import { crc32, deflateSync } from 'node:zlib'
import iconv from 'iconv-lite'
import type { Route } from '../http/router'
import { sendBytes } from '../http/reply'

export const LATIN1_TEXT = 'Café naïve, déjà vu, façade, smörgåsbord: ISO-8859-1 bytes.\n'
export const SHIFT_JIS_TEXT = 'こんにちは、世界。パーリーのプレイグラウンドです。\n'

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** A real PNG built from pixels, so image previews get a valid file without a binary asset in the repo. */
export function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: truecolour RGB
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1) // each row starts with filter byte 0 (none)
    for (let x = 0; x < width; x++) {
      const p = row + 1 + x * 3
      rows[p] = Math.round((x / (width - 1)) * 255)
      rows[p + 1] = Math.round((y / (height - 1)) * 255)
      rows[p + 2] = 160
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}

const PNG = makePng(64, 64)

// The script proves whether a preview runs page scripts: sandboxed previews must keep the "not run" text.
const HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Parley playground</title>
  <style>body { font-family: system-ui, sans-serif; margin: 2rem; } code { background: #eee; padding: 0 .2em; }</style>
</head>
<body>
  <h1>Parley playground</h1>
  <p>This page comes from <code>GET /html</code>.</p>
  <p id="script-status">JavaScript did not run (a sandboxed preview should show this).</p>
  <script>document.getElementById('script-status').textContent = 'JavaScript ran in this preview.'</script>
</body>
</html>
`

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<playground name="Parley">
  <note id="1" tags="welcome">
    <title>Welcome to Parley</title>
    <body>XML responses get their own viewer &amp; syntax highlighting.</body>
  </note>
  <note id="2" tags="xml">
    <title>Entities &lt;escaped&gt;</title>
    <body><![CDATA[CDATA keeps <tags> as text.]]></body>
  </note>
</playground>
`

export function documentRoutes(): Route[] {
  return [
    {
      methods: ['GET'],
      path: '/image/png',
      summary: 'a 64x64 PNG',
      handler: ({ res }) => sendBytes(res, 200, 'image/png', PNG)
    },
    {
      methods: ['GET'],
      path: '/html',
      summary: 'an HTML page with a <script>',
      handler: ({ res }) => sendBytes(res, 200, 'text/html; charset=utf-8', HTML)
    },
    {
      methods: ['GET'],
      path: '/xml',
      summary: 'an XML document',
      handler: ({ res }) => sendBytes(res, 200, 'application/xml; charset=utf-8', XML)
    },
    {
      methods: ['GET'],
      path: '/charset/latin1',
      summary: 'text encoded as ISO-8859-1',
      handler: ({ res }) => sendBytes(res, 200, 'text/plain; charset=iso-8859-1', Buffer.from(LATIN1_TEXT, 'latin1'))
    },
    {
      methods: ['GET'],
      path: '/charset/shift_jis',
      summary: 'Japanese text encoded as Shift_JIS',
      handler: ({ res }) => sendBytes(res, 200, 'text/plain; charset=shift_jis', iconv.encode(SHIFT_JIS_TEXT, 'shift_jis'))
    }
  ]
}
