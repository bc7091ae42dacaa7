import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer, type ServerOptions } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { generate } from 'selfsigned'
import { HttpRequestSchema, type HttpRequest, type HttpRequestInput } from '../../../../src/shared/http'

/** What a test server saw of one request. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  rawHeaders: string[]
  body: Buffer
  httpVersion: string
}

export interface TestServer {
  url: string
  port: number
  server: Server
  seen: SeenRequest[]
  sockets: Set<Socket>
  close(): Promise<void>
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown

/** Buffers the request body first, records it, then calls the handler. */
function recording(seen: SeenRequest[], handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body, httpVersion: req.httpVersion })
      void Promise.resolve(handler(req, res, body)).catch((error: unknown) => {
        res.statusCode = 500
        res.end(String(error))
      })
    })
  }
}

async function listen(server: Server, protocol: 'http' | 'https', seen: SeenRequest[]): Promise<TestServer> {
  const sockets = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    server,
    seen,
    sockets,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** An HTTP server on 127.0.0.1, port 0, that records every request. */
export function startHttpServer(handler: Handler): Promise<TestServer> {
  const seen: SeenRequest[] = []
  return listen(createServer(recording(seen, handler)), 'http', seen)
}

/** An HTTPS server on 127.0.0.1 with the given TLS options. */
export function startHttpsServer(options: ServerOptions, handler: Handler): Promise<TestServer> {
  const seen: SeenRequest[] = []
  return listen(createHttpsServer(options, recording(seen, handler)) as unknown as Server, 'https', seen)
}

/** A self-signed certificate for 127.0.0.1 and localhost, generated now. */
export async function selfSignedCert(
  cn = 'parley-test.local',
  options: { notBeforeDate?: Date; notAfterDate?: Date; clientCertificate?: boolean; dnsNames?: string[]; ips?: string[] } = {}
) {
  const { dnsNames = ['localhost'], ips = ['127.0.0.1'], ...rest } = options
  return generate(
    [
      { name: 'commonName', value: cn },
      { name: 'organizationName', value: 'Parley Tests' }
    ],
    {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] }
      ],
      ...rest
    }
  )
}

/** A request with defaults filled in, as the contract would hand it to the engine. */
export function req(input: HttpRequestInput): HttpRequest {
  return HttpRequestSchema.parse(input)
}
