import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Server as SocketIoServer } from 'socket.io'
import { describe, expect, it } from 'vitest'
import { socketIoSnippet } from '../../../../src/core/convert/snippet/socketioSnippet'
import { SocketIoRequestSchema } from '../../../../src/shared/realtime'

/** The generated socket.io-client script, run against a real Socket.IO server on loopback. */

// The script lives in a temp folder, so its bare import is pointed at this repo's socket.io-client.
const clientUrl = pathToFileURL(resolve('node_modules/socket.io-client/build/esm-debug/index.js')).href

describe('export.socketioSnippet', () => {
  it('connects with path, namespace, auth, query and headers, listens, and emits with an ack', async () => {
    const http = createServer()
    const io = new SocketIoServer(http, { path: '/rt' })
    const handshakes: Array<{ auth: unknown; query: unknown; header: unknown }> = []
    const emitted: unknown[][] = []
    io.of('/chat').on('connection', (socket) => {
      handshakes.push({ auth: socket.handshake.auth, query: socket.handshake.query['room'], header: socket.handshake.headers['x-client'] })
      socket.emit('welcome', { hello: 'there' })
      socket.on('say', (...args: unknown[]) => emitted.push(['say', ...args]))
      socket.on('join', (room: unknown, ack: (reply: unknown) => void) => {
        emitted.push(['join', room])
        ack({ joined: room })
      })
    })
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
    const port = (http.address() as AddressInfo).port
    const dir = await mkdtemp(join(tmpdir(), 'parley-sio-'))
    try {
      const request = SocketIoRequestSchema.parse({
        url: `http://127.0.0.1:${port}`,
        path: '/rt',
        namespace: '/chat',
        query: [{ name: 'room', value: 'lobby' }],
        headers: [{ name: 'X-Client', value: "parley's" }],
        auth: '{"token":"abc"}',
        transports: 'polling-then-upgrade',
        listeners: [{ event: 'welcome' }],
        emits: [
          {
            name: 'greet',
            event: 'say',
            args: [
              { type: 'text', value: 'hi' },
              { type: 'number', value: '42' },
              { type: 'json', value: '{"a":[1,2]}' },
              { type: 'boolean', value: 'true' },
              { type: 'null' }
            ]
          },
          { event: 'join', args: [{ type: 'text', value: 'room-1' }], ack: true, ackTimeoutMs: 2000 }
        ]
      })
      const code = socketIoSnippet(request)
      expect(code).toContain("import { io } from 'socket.io-client'")
      const file = join(dir, 'client.mjs')
      await writeFile(file, code.replace("'socket.io-client'", `'${clientUrl}'`))
      const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`the script did not finish its work:\n${out}`)), 60_000)
        const check = setInterval(() => {
          if (out.includes('ack join') && out.includes('welcome')) {
            clearInterval(check)
            clearTimeout(timer)
            done()
          }
        }, 20)
      })
      child.kill()
      expect(handshakes).toEqual([{ auth: { token: 'abc' }, query: 'lobby', header: "parley's" }])
      expect(emitted).toEqual([
        ['say', 'hi', 42, { a: [1, 2] }, true, null],
        ['join', 'room-1']
      ])
      expect(out).toMatch(/welcome \{ hello: 'there' \}/)
      expect(out).toMatch(/ack join \{ joined: 'room-1' \}/)
    } finally {
      io.close()
      await new Promise<void>((done) => http.close(() => done()))
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('writes a 2.x script without timeout() for v2 servers, with binary arguments', () => {
    const code = socketIoSnippet(
      SocketIoRequestSchema.parse({
        url: 'https://rt.test',
        clientVersion: 'v2',
        verifyTls: false,
        listeners: [{ event: '*' }, { event: 'off', enabled: false }],
        emits: [
          {
            event: 'upload',
            args: [
              { type: 'binary-base64', value: 'AQID' },
              { type: 'binary-file', value: '/tmp/a.bin' }
            ],
            ack: true
          }
        ]
      })
    )
    expect(code).toContain("import io from 'socket.io-client'")
    expect(code).toContain("import { readFileSync } from 'node:fs'")
    expect(code).toContain("socket.emit('upload', Buffer.from('AQID', 'base64'), readFileSync('/tmp/a.bin'), (...ack) =>")
    expect(code).toContain('rejectUnauthorized: false')
    expect(code).toContain('2.x has no onAny()')
    expect(code).not.toContain("'off'")
  })
})
