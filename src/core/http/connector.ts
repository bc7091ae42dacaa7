import { lookup } from 'node:dns/promises'
import { connect as netConnect, isIP, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { connect as tlsConnect, type TLSSocket } from 'node:tls'
import type { buildConnector } from 'undici'
import { ParleyError } from '../../shared/errors'
import { httpError, toHttpError } from './errors'
import type { ProxyTarget } from './proxy'
import { certificateError, type TlsMaterial } from './tls'

/** How long each phase of opening one connection took, in ms; read once by the first request on it. */
export interface ConnectTimings {
  dns: number
  connect: number
  tls: number
  claimed: boolean
  /** Whether we offered a client certificate, to explain a server that hangs up after the handshake. */
  clientCert: boolean
}

/** Timings recorded by our connector, per socket: undici never tells a request how its socket was made. */
export const socketTimings = new WeakMap<Socket, ConnectTimings>()

/** The last error each socket of ours emitted, for a better message than undici's. */
export const socketErrors = new WeakMap<Socket, Error>()

export interface ConnectorOptions {
  tls: TlsMaterial
  proxy: ProxyTarget | null
  alpn: string[]
  connectTimeoutMs: number
  /** Connection attempts in flight by origin, so a cancel can stop one nobody else waits for. */
  pending: Map<string, Set<(error: Error) => void>>
  /** Whether any request of ours still waits on this origin. */
  wanted(key: string): boolean
}

/** The origin key the connector and the engine agree on. */
export function originKey(protocol: string, hostname: string, port: string | number): string {
  const p = String(port || (protocol === 'https:' ? 443 : 80))
  return `${protocol}//${hostname.replace(/^\[|\]$/g, '')}:${p}`
}

/**
 * A connect function for undici that opens the socket itself (DNS, TCP, proxy CONNECT, TLS) so each
 * phase can be timed, the certificate checked with a readable error, and the attempt cancelled.
 */
export function createConnector(options: ConnectorOptions): buildConnector.connector {
  return (params, callback) => {
    const protocol = params.protocol
    const host = params.hostname.replace(/^\[|\]$/g, '')
    const port = Number(params.port) || (protocol === 'https:' ? 443 : 80)
    const key = originKey(protocol, host, port)
    const sockets: Socket[] = []
    let finished = false
    let phase = 'resolving the host name'
    const timings: ConnectTimings = { dns: 0, connect: 0, tls: 0, claimed: false, clientCert: Boolean(options.tls.options.cert ?? options.tls.options.pfx) }

    const finish = (error: Error | null, socket?: Socket): void => {
      if (finished) {
        // A late step of an attempt that already timed out or was cancelled: leave nothing open.
        for (const s of [...sockets].reverse()) s.destroy()
        return
      }
      finished = true
      if (timer) clearTimeout(timer)
      const set = options.pending.get(key)
      set?.delete(abort)
      if (set?.size === 0) options.pending.delete(key)
      if (error || !socket) {
        for (const s of [...sockets].reverse()) s.destroy()
        callback(error ?? new Error('no socket'), null)
        return
      }
      socketTimings.set(socket, timings)
      // undici may report only "other side closed"; the TLS alert (e.g. certificate required) explains why.
      socket.on('error', (error) => {
        if (!socketErrors.has(socket)) socketErrors.set(socket, error)
      })
      callback(null, socket)
    }
    const abort = (error: Error): void => finish(error)

    // undici re-queues a request cancelled mid-response and dials again for it before dropping it;
    // refusing that dial is what keeps a cancel from leaving an idle socket behind.
    if (!options.wanted(key)) {
      finished = true
      callback(new Error('no request is waiting for this connection'), null)
      return
    }
    let set = options.pending.get(key)
    if (!set) options.pending.set(key, (set = new Set()))
    set.add(abort)

    const timer =
      options.connectTimeoutMs > 0
        ? setTimeout(() => {
            finish(
              httpError(
                'connect_timeout',
                `Connecting to ${host}:${port} took longer than ${options.connectTimeoutMs} ms (stuck while ${phase}).`,
                'Check that the server is reachable and answering, or raise the connect timeout in the request settings.'
              )
            )
          }, options.connectTimeoutMs)
        : undefined

    void (async () => {
      const proxy = options.proxy
      const dialHost = proxy ? proxy.url.hostname.replace(/^\[|\]$/g, '') : host
      const dialPort = proxy ? Number(proxy.url.port) || (proxy.url.protocol === 'https:' ? 443 : 80) : port
      const via = proxy ? `the proxy ${proxy.url.host}` : `${host}:${port}`
      try {
        let t = performance.now()
        let addresses = [dialHost]
        // An IP address needs no lookup: its DNS phase is 0, not the cost of asking.
        if (!isIP(dialHost)) {
          addresses = (await lookup(dialHost, { all: true })).map((a) => a.address)
          timings.dns = performance.now() - t
        }
        if (finished) return

        phase = `connecting to ${via}`
        t = performance.now()
        let socket = await dial(addresses, dialPort, sockets)
        if (proxy) {
          // The request's TLS settings (verification, CA files) apply to an https:// proxy as well.
          if (proxy.url.protocol === 'https:') socket = await handshake(socket, dialHost, ['http/1.1'], options.tls, sockets)
          phase = `asking the proxy for a tunnel to ${host}:${port}`
          await openTunnel(socket, host, port, proxy)
        }
        timings.connect = performance.now() - t

        if (protocol === 'https:') {
          phase = `in the TLS handshake with ${host}:${port}`
          t = performance.now()
          socket = await handshake(socket, host, options.alpn, options.tls, sockets)
          timings.tls = performance.now() - t
          if (options.alpn.length === 1 && options.alpn[0] === 'h2' && (socket as TLSSocket).alpnProtocol !== 'h2') {
            throw httpError(
              'request_failed',
              `${host}:${port} does not offer HTTP/2 (ALPN chose ${(socket as TLSSocket).alpnProtocol || 'nothing'}), and this request forces HTTP/2.`,
              'Set the HTTP version of the request to Auto or HTTP/1.1.'
            )
          }
        }
        socket.setNoDelay(true)
        socket.setKeepAlive(true, 60_000)
        finish(null, socket)
      } catch (error) {
        if (proxy && !(error instanceof ParleyError)) {
          const mapped = toHttpError(error, via)
          finish(
            httpError(
              'proxy_failed',
              `Could not reach ${via} (${mapped.message})`,
              'Check the proxy address in the settings or in HTTP_PROXY/HTTPS_PROXY, and that the proxy is running.'
            )
          )
        } else {
          finish(toHttpError(error, `${host}:${port}`))
        }
      }
    })()
  }
}

async function dial(addresses: string[], port: number, sockets: Socket[]): Promise<Socket> {
  let lastError: unknown
  // Try each address in turn: `localhost` may resolve to ::1 first while the server listens on 127.0.0.1.
  for (const address of addresses) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = netConnect({ host: address, port })
        sockets.push(socket)
        socket.once('connect', () => {
          socket.off('error', reject)
          resolve(socket)
        })
        socket.once('error', reject)
      })
    } catch (error) {
      lastError = error
    }
  }
  throw lastError ?? new Error('no address to connect to')
}

function handshake(socket: Socket, host: string, alpn: string[], material: TlsMaterial, sockets: Socket[]): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tlsSocket = tlsConnect({
      socket,
      host,
      servername: isIP(host) ? undefined : host,
      ALPNProtocols: alpn,
      // We check the result ourselves after the handshake, so the error can name the certificate.
      rejectUnauthorized: false,
      ...material.options
    })
    sockets.push(tlsSocket)
    tlsSocket.once('secureConnect', () => {
      tlsSocket.off('error', reject)
      if (material.verify && !tlsSocket.authorized) {
        reject(certificateError(tlsSocket, host))
        return
      }
      resolve(tlsSocket)
    })
    tlsSocket.once('error', reject)
  })
}

function openTunnel(socket: Socket, host: string, port: number, proxy: ProxyTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`
    let head = `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n`
    if (proxy.authorization) head += `Proxy-Authorization: ${proxy.authorization}\r\n`
    socket.write(`${head}\r\n`)
    let buffered = Buffer.alloc(0)
    const cleanup = (): void => {
      socket.off('data', onData)
      socket.off('error', onError)
      socket.off('end', onEnd)
    }
    const onError = (error: Error): void => {
      cleanup()
      reject(error)
    }
    const onEnd = (): void => {
      cleanup()
      reject(
        httpError(
          'proxy_failed',
          `The proxy ${proxy.url.host} closed the connection instead of opening a tunnel to ${authority}.`,
          'Check that the proxy allows CONNECT to this host and port.'
        )
      )
    }
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk])
      const end = buffered.indexOf('\r\n\r\n')
      if (end === -1) {
        if (buffered.length > 64 * 1024) onEnd()
        return
      }
      cleanup()
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1')
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1] ?? 0)
      const rest = buffered.subarray(end + 4)
      if (rest.length > 0) socket.unshift(rest)
      if (status >= 200 && status < 300) {
        resolve()
        return
      }
      const hint =
        status === 407
          ? 'The proxy wants credentials: put them in the proxy URL, as http://user:password@host:port.'
          : 'Check that the proxy allows tunnels to this host and port.'
      reject(httpError('proxy_failed', `The proxy ${proxy.url.host} refused the tunnel to ${authority}: ${statusLine.trim() || 'no status line'}.`, hint))
    }
    socket.on('data', onData)
    socket.once('error', onError)
    socket.once('end', onEnd)
  })
}
