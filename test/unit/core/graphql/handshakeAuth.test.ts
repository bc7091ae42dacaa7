import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { HttpAuth } from '../../../../src/shared/http'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { tempDir } from '../../support/tempDir'

/** A GraphQL subscription's handshake carries the request's auth as a send would: OAuth 2.0, AWS, and a clear refusal for Digest. */
// One data dir for the file's services (a per-test folder would be removed under them after the first test).
let data: Awaited<ReturnType<typeof tempDir>>
let pg: Playground
let services: Services
let handshakes: IncomingMessage[] = []
let wsUrl = ''
const gate = createServer()

beforeAll(async () => {
  pg = await startPlayground()
  data = await tempDir('parley-gql-auth-')
  services = await createServices({ dataDir: data.dir, shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
  // A GraphQL server that records the handshake and refuses it, so nothing else is needed to see what was sent.
  gate.on('upgrade', (req, socket) => {
    handshakes.push(req)
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
  })
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve))
  wsUrl = `ws://127.0.0.1:${(gate.address() as AddressInfo).port}/graphql`
})
afterAll(async () => {
  await services.dispose()
  await pg.close()
  await new Promise<void>((resolve) => gate.close(() => resolve()))
  await data.remove()
})

async function open(auth: HttpAuth): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  handshakes = []
  const sessionId = crypto.randomUUID()
  const result = await services.invoke('session.open', {
    sessionId,
    kind: 'graphql-ws',
    request: { url: wsUrl, query: 'subscription { noteChanged { kind } }', auth }
  })
  // The refused handshake ends the session by itself; services.dispose closes what is left.
  return result.ok ? { ok: true } : { ok: false, error: result.error }
}

describe('GraphQL subscription handshake auth', () => {
  it("OAuth 2.0: the token comes from the playground's token endpoint and is one its protected resource accepts", async () => {
    const auth: HttpAuth = {
      type: 'oauth2',
      grant: 'client_credentials',
      tokenUrl: `${pg.url}/oauth/token`,
      clientId: 'parley-server',
      clientSecret: 'parley-secret',
      clientAuth: 'basic',
      scope: 'notes'
    }
    expect((await open(auth)).ok).toBe(true)
    await expect.poll(() => handshakes.length, { timeout: 30_000 }).toBe(1)
    const authorization = handshakes[0]!.headers.authorization ?? ''
    expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    const check = await fetch(`${pg.url}/oauth/protected`, { headers: { authorization } })
    expect(await check.json()).toMatchObject({ authenticated: true, client: 'parley-server', scope: 'notes' })
    expect(handshakes[0]!.headers['sec-websocket-protocol']).toBe('graphql-transport-ws')
  })

  it('AWS Signature v4 signs the handshake', async () => {
    expect((await open({ type: 'awsv4', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', region: 'eu-west-1', service: 'execute-api' })).ok).toBe(true)
    await expect.poll(() => handshakes.length, { timeout: 30_000 }).toBe(1)
    expect(handshakes[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/
    )
    expect(handshakes[0]!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/)
  })

  it('Digest is refused before dialling, saying what to use instead', async () => {
    const result = await open({ type: 'digest', username: 'u', password: 'p' })
    expect(result.ok).toBe(false)
    expect(result.error?.message).toMatch(/Digest auth cannot be applied to a WebSocket handshake/)
    expect(handshakes).toEqual([])
  })
})
