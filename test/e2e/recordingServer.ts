import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
}

/** A loopback server that answers 200 with a small JSON and remembers exactly what each request carried. */
export async function startRecordingServer(): Promise<{ url: string; received: Received[]; last(): Received; close(): Promise<void> }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, rawHeaders: request.rawHeaders, body })
      response.writeHead(200, { 'content-type': 'application/json' })
      if (request.url === '/token') {
        // Acts as an OAuth 2.0 token endpoint for the client-credentials test.
        response.end(JSON.stringify({ access_token: 'tok-from-server', token_type: 'Bearer', expires_in: 3600 }))
        return
      }
      response.end(JSON.stringify({ received: true, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    last() {
      const request = received.at(-1)
      if (!request) throw new Error('the server received nothing')
      return request
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
