import { ParleyError, type ErrorParams } from '../../shared/errors'

/** Error codes the HTTP engine raises; the renderer may switch on them. */
export type HttpErrorCode =
  | 'invalid_url'
  | 'invalid_request'
  | 'dns_failed'
  | 'connection_refused'
  | 'connection_reset'
  | 'connect_timeout'
  | 'timeout'
  | 'tls_failed'
  | 'proxy_failed'
  | 'cancelled'
  | 'file_not_found'
  | 'invalid_body'
  | 'too_many_redirects'
  | 'auth_failed'
  | 'request_failed'
  | 'response_too_large'
  | 'idle_timeout'
  | 'decompression_bomb'

/**
 * Builds a ParleyError with one of the engine's codes. `params` carry the specifics (and a `variant` where one
 * code has several messages) so the renderer can say it in the user's language; message and hint stay English.
 */
export function httpError(code: HttpErrorCode, message: string, hint: string, params?: ErrorParams): ParleyError {
  return new ParleyError(code, message, hint, params)
}

interface NodeLikeError {
  code?: string
  message?: string
  cause?: unknown
}

const TLS_HINT =
  'Check the server certificate. To trust a self-signed server anyway, turn off TLS verification for this request (verifyTls: false), or add its CA file under caFiles.'

/**
 * Turns whatever Node, undici or our connector threw into a ParleyError that says what went wrong
 * with `target` and what to do about it. ParleyErrors pass through unchanged.
 */
export function toHttpError(error: unknown, target: string): ParleyError {
  if (error instanceof ParleyError) return error
  const err = (error ?? {}) as NodeLikeError
  // undici wraps socket errors; the cause carries the code that tells them apart.
  const cause = err.cause as NodeLikeError | undefined
  const code = err.code ?? cause?.code ?? ''
  const detail = err.message ?? String(error)
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_FAIL':
      return httpError(
        'dns_failed',
        `Could not resolve the host of ${target} (${code}).`,
        'Check the spelling of the host name and your network or DNS settings.',
        { target, sys: code }
      )
    case 'ECONNREFUSED':
      return httpError(
        'connection_refused',
        `${target} refused the connection.`,
        'Is the server running and listening on that port? Check the host and port in the URL.',
        { target, variant: 'refused' }
      )
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return httpError(
        'connection_refused',
        `${target} cannot be reached from this machine (${code}).`,
        'Check the address, your network connection and any VPN or firewall.',
        { target, sys: code, variant: 'unreachable' }
      )
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'ERR_HTTP2_STREAM_ERROR':
    case 'ERR_HTTP2_SESSION_ERROR':
    case 'ERR_HTTP2_GOAWAY_SESSION':
      return httpError(
        'connection_reset',
        `The connection to ${target} was closed by the other side before the response was complete (${detail}).`,
        'The server or something between you and it dropped the connection. Try again, or check the server logs.',
        { target, detail }
      )
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return httpError(
        'connect_timeout',
        `Connecting to ${target} timed out.`,
        'The server did not accept the connection in time. Check that it is reachable, or raise the connect timeout.',
        { target }
      )
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return httpError('timeout', `${target} did not answer in time.`, 'Raise the request timeout, or check why the server is slow.', { target })
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_HTTP_TOKEN':
    case 'ERR_INVALID_CHAR':
    case 'UND_ERR_NOT_SUPPORTED':
      return httpError(
        'invalid_request',
        `The request to ${target} could not be sent: ${detail}`,
        'Check the method and header names and values for characters HTTP does not allow.',
        { target, detail }
      )
    case 'ENOENT':
      return httpError('file_not_found', detail, 'Choose the file again; it may have been moved or deleted.', { detail })
  }
  if (/NO_APPLICATION_PROTOCOL/.test(code)) {
    return httpError(
      'tls_failed',
      `${target} and Parley have no HTTP version in common (ALPN): the server refused the one this request forces (${code}).`,
      'Set the HTTP version of the request to Auto.',
      { target, sys: code, variant: 'alpn' }
    )
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /CERT|SSL|TLS/.test(code)) {
    const wantsClientCert = /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA/.test(code)
    return httpError(
      'tls_failed',
      `The TLS connection to ${target} failed: ${describeTlsAlert(code, detail)}`,
      wantsClientCert ? "If the server requires a client certificate, add one (PEM certificate and key, or PFX) in the request's TLS settings." : TLS_HINT,
      wantsClientCert ? { target, sys: code, variant: 'handshake' } : { target, sys: code, detail, variant: 'certificate' }
    )
  }
  return httpError(
    'request_failed',
    `The request to ${target} failed: ${detail}${code ? ` (${code})` : ''}`,
    'Check the URL and your network, then try again.',
    { target, detail: code ? `${detail} (${code})` : detail }
  )
}

function describeTlsAlert(code: string, detail: string): string {
  if (/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA/.test(code)) {
    return `the server refused the handshake (${code}); it may require a client certificate, or not accept the one given.`
  }
  return `${detail} (${code})`
}

/** The hint shown with every certificate verification failure. */
export const tlsHint = TLS_HINT
