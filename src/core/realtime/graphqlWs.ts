import type { IncomingMessage } from 'node:http'
import { createClient, type Client } from 'graphql-ws/client'
import WebSocket from 'ws'
import { ParleyError } from '../../shared/errors'
import type { GraphqlWsRequest } from '../../shared/realtime'
import type { SessionStatus } from '../../shared/session'
import { handshakeAuthTypes, handshakeHeaders } from '../http/auth/handshakeAuth'
import type { Session, SessionRecorder } from './session'

type Status = Omit<SessionStatus, 'sessionId'>

/** The subprotocol of the graphql-ws library (graphql-transport-ws), the one this session speaks. */
export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws'

function parseJsonObject(text: string, what: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ParleyError(
      'invalid_message',
      `The ${what} are not valid JSON: ${(error as Error).message}.`,
      `Write the ${what} as a JSON object, like {"id": 1}, or leave them empty.`
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ParleyError('invalid_message', `The ${what} must be a JSON object.`, `Write them as an object, like {"id": 1}, or leave them empty.`)
  return value as Record<string, unknown>
}

/**
 * One GraphQL operation (usually a subscription) over WebSocket with the graphql-ws client: the
 * handshake carries the request's headers and auth, `connection_init` its connection params; each
 * result is a `next` line in the log, then `complete` (or `error`) and the socket closes.
 */
export class GraphqlWsSession implements Session {
  readonly kind = 'graphql-ws'
  readonly url: string
  private client: Client | undefined
  private current: Status = { state: 'connecting', detail: 'not started' }
  private closing = false
  private refused = false

  constructor(
    private readonly request: GraphqlWsRequest,
    private readonly recorder: SessionRecorder
  ) {
    this.url = request.url
  }

  status(): Status {
    return this.current
  }

  async open(): Promise<void> {
    const { request } = this
    let url: URL
    try {
      url = new URL(request.url.trim())
    } catch {
      throw new ParleyError(
        'invalid_url',
        `"${request.url}" is not a URL.`,
        'Use the GraphQL endpoint, e.g. http://localhost:4000/graphql (dialled as ws://) or ws://localhost:4000/graphql.'
      )
    }
    if (url.protocol === 'http:') url.protocol = 'ws:'
    if (url.protocol === 'https:') url.protocol = 'wss:'
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
      throw new ParleyError('invalid_url', `A GraphQL subscription cannot dial ${url.protocol}// URLs.`, 'Use http(s):// or ws(s)://.')
    if (!handshakeAuthTypes.includes(request.auth.type)) {
      throw new ParleyError(
        'unsupported_auth',
        `${request.auth.type} auth is not applied to GraphQL subscriptions yet.`,
        'Put the credentials in a header or in the connection params (e.g. {"Authorization": "Bearer …"}).'
      )
    }
    const variables = parseJsonObject(request.variables, 'GraphQL variables')
    const connectionParams = parseJsonObject(request.connectionParams, 'connection params')
    const headerList = await handshakeHeaders(
      request.auth,
      request.headers.filter((h) => h.enabled && h.name).map((h) => [h.name, h.value] as [string, string]),
      url
    )
    const headers = Object.fromEntries(headerList)
    const payload = { query: request.query, ...(variables ? { variables } : {}), ...(request.operationName ? { operationName: request.operationName } : {}) }

    const onRefused = (status: Status) => {
      this.refused = true
      this.setStatus(status)
    }
    // graphql-ws builds the socket itself: this class hands ws our headers and reports a refused handshake.
    class HandshakeSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers, handshakeTimeout: 20_000 })
        this.on('unexpected-response', (_req, res: IncomingMessage) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.length < 64 && chunks.push(chunk))
          res.on('error', () => undefined)
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8').slice(0, 500)
            onRefused({
              state: 'error',
              detail: `handshake refused: HTTP ${res.statusCode ?? 0} ${res.statusMessage ?? ''}${body ? ` ${body}` : ''}`.trim(),
              said: { key: 'handshakeRefused', values: { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body } },
              httpStatus: res.statusCode
            })
            this.terminate()
          })
        })
      }
    }

    this.setStatus({ state: 'connecting', detail: `connecting to ${url.href}`, said: { key: 'connectingTo', values: { target: url.href } } })
    const client = createClient({
      url: url.href,
      webSocketImpl: HandshakeSocket,
      connectionParams,
      lazy: true,
      lazyCloseTimeout: 0,
      retryAttempts: 0,
      on: {
        connected: (socket) => {
          const protocol = (socket as WebSocket).protocol
          const spoken = protocol || GRAPHQL_TRANSPORT_WS
          this.setStatus({
            state: 'connected',
            detail: `connected (${spoken}), subscribed`,
            said: { key: 'connectedSubscribed', values: { protocol: spoken } },
            transport: protocol || undefined
          })
        },
        closed: (event) => {
          if (this.refused) return
          const { code, reason } = event as { code?: number; reason?: string }
          const by = this.closing ? 'closed by you' : code === 1000 ? 'closed' : 'closed by the server'
          const who = this.closing ? 'closedByYou' : code === 1000 ? 'closed' : 'closedByServer'
          this.setStatus({
            state: 'closed',
            detail: `${by}${code ? `: ${code}` : ''}${reason ? ` ${reason}` : ''}`,
            said: code ? { key: `${who}Code`, values: { code, reason: reason ?? '' } } : { key: who },
            closeCode: code,
            closeReason: reason
          })
        },
        error: (error) => {
          if (this.refused || this.closing) return
          this.setStatus(
            error instanceof Error
              ? { state: 'error', detail: error.message }
              : { state: 'error', detail: 'the WebSocket failed', said: { key: 'webSocketFailed' } }
          )
        }
      }
    })
    this.client = client
    this.recorder.record({ direction: 'out', kind: 'subscribe', event: request.operationName || undefined, args: [payload], status: 'sent' })
    client.subscribe(payload, {
      next: (result) => {
        this.recorder.record({ direction: 'in', kind: 'next', event: request.operationName || firstField(result.data), args: [result] })
      },
      error: (error) => {
        // A closed socket also ends the sink: the close itself is already in the log as a status.
        if (Array.isArray(error))
          this.recorder.record({ direction: 'in', kind: 'error', args: [error], details: { messages: error.map((e) => (e as { message?: string }).message) } })
      },
      complete: () => {
        this.recorder.record({ direction: 'in', kind: 'complete', args: [], preview: 'complete', size: 0 })
      }
    })
  }

  private setStatus(next: Status): void {
    this.current = next
    this.recorder.status(next)
  }

  async close(): Promise<void> {
    const client = this.client
    if (!client || this.closing) return
    this.closing = true
    await client.dispose()
    if (this.current.state !== 'closed' && this.current.state !== 'error')
      this.setStatus({ state: 'closed', detail: 'closed by you', said: { key: 'closedByYou' } })
  }
}

/** The first field of a result's data, which names what the log row is about (`noteChanged`). */
function firstField(data: unknown): string | undefined {
  return data && typeof data === 'object' ? Object.keys(data)[0] : undefined
}
