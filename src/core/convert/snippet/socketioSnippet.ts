import type { EmitArg, SocketIoRequest } from '../../../shared/realtime'

/**
 * A runnable Node script (ESM, socket.io-client) for a saved Socket.IO request: connect with the
 * same URL, path, namespace, auth, query and headers, log the listened events, then send the saved
 * emits, waiting for acks where asked.
 */
export function socketIoSnippet(request: SocketIoRequest): string {
  const v2 = request.clientVersion === 'v2'
  const files = request.emits.some((emit) => emit.args.some((arg) => arg.type === 'binary-file'))
  const lines: string[] = []
  if (v2) lines.push('// socket.io-client 2.x talks to Socket.IO 2 servers: npm install socket.io-client@2')
  lines.push(v2 ? "import io from 'socket.io-client'" : "import { io } from 'socket.io-client'")
  if (files) lines.push("import { readFileSync } from 'node:fs'")
  lines.push('', `const socket = io(${js(namespaceUrl(request.url, request.namespace))}, ${options(request)})`, '')

  lines.push("socket.on('connect', () => {", "  console.log('connected', socket.id)")
  for (const emit of request.emits) {
    const args = emit.args.map(argument)
    if (emit.name) lines.push(`  // ${emit.name.replace(/\n/g, ' ')}`)
    if (!emit.ack) lines.push(`  socket.emit(${[js(emit.event), ...args].join(', ')})`)
    else if (v2) lines.push(`  socket.emit(${[js(emit.event), ...args].join(', ')}, (...ack) => console.log('ack ${escapeQuote(emit.event)}', ...ack))`)
    else {
      lines.push(
        `  socket.timeout(${emit.ackTimeoutMs}).emit(${[js(emit.event), ...args].join(', ')}, (err, ...ack) => {`,
        `    if (err) console.error('no ack for ${escapeQuote(emit.event)} within ${emit.ackTimeoutMs} ms')`,
        `    else console.log('ack ${escapeQuote(emit.event)}', ...ack)`,
        '  })'
      )
    }
  }
  lines.push('})', '')
  lines.push("socket.on('connect_error', (err) => console.error('connect_error', err.message))")
  lines.push("socket.on('disconnect', (reason) => console.log('disconnected', reason))")
  for (const listener of request.listeners.filter((l) => l.enabled)) {
    if (listener.event === '*' && v2) lines.push('// socket.io-client 2.x has no onAny(): add a socket.on() per event to log the others.')
    else if (listener.event === '*') lines.push('socket.onAny((event, ...args) => console.log(event, ...args))')
    else lines.push(`socket.on(${js(listener.event)}, (...args) => console.log(${js(listener.event)}, ...args))`)
  }
  return `${lines.join('\n')}\n`
}

/** io() takes the namespace as the path of its URL. */
function namespaceUrl(url: string, namespace: string): string {
  if (namespace === '/' || namespace === '') return url
  return `${url.replace(/\/+$/, '')}/${namespace.replace(/^\/+/, '')}`
}

function options(request: SocketIoRequest): string {
  const opts: string[] = [`path: ${js(request.path)}`]
  opts.push(`transports: ${request.transports === 'websocket' ? "['websocket']" : "['polling', 'websocket']"}`)
  const query = request.query.filter((q) => q.enabled)
  if (query.length > 0) opts.push(`query: ${object(query.map((q) => [q.name, js(q.value)]))}`)
  const headers = request.headers.filter((h) => h.enabled)
  if (headers.length > 0) opts.push(`extraHeaders: ${object(headers.map((h) => [h.name, js(h.value)]))}`)
  if (request.auth.trim() !== '') opts.push(`auth: ${jsonLiteral(request.auth) ?? js(request.auth)}`)
  opts.push(`reconnection: ${request.reconnection.enabled}`)
  if (request.reconnection.enabled) {
    opts.push(`reconnectionAttempts: ${request.reconnection.attempts}`, `reconnectionDelay: ${request.reconnection.delayMs}`)
  }
  opts.push(`timeout: ${request.connectTimeoutMs}`)
  if (!request.verifyTls) opts.push('rejectUnauthorized: false')
  return `{\n${opts.map((o) => `  ${o}`).join(',\n')}\n}`
}

function argument(arg: EmitArg): string {
  switch (arg.type) {
    case 'json':
      return jsonLiteral(arg.value) ?? js(arg.value)
    case 'text':
      return js(arg.value)
    case 'number':
      return Number.isFinite(Number(arg.value)) && arg.value.trim() !== '' ? String(Number(arg.value)) : js(arg.value)
    case 'boolean':
      return arg.value.trim() === 'true' ? 'true' : 'false'
    case 'null':
      return 'null'
    case 'binary-base64':
      return `Buffer.from(${js(arg.value)}, 'base64')`
    case 'binary-file':
      return `readFileSync(${js(arg.value)})`
  }
}

/** JSON text as a JS literal (JSON is valid JS), indented to sit inside the script. */
function jsonLiteral(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2).replace(/\n/g, '\n  ')
  } catch {
    return undefined
  }
}

function object(entries: Array<[string, string]>): string {
  return `{ ${entries.map(([key, value]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : js(key)}: ${value}`).join(', ')} }`
}

function js(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`
}

function escapeQuote(value: string): string {
  return js(value).slice(1, -1)
}
