import type { SavedRequestInput } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpAuth, KeyValue } from '../../../shared/http'
import { asArray, asString, descriptionText, field } from './importModel'
import { headers, insomniaAuth, templates, withQuery } from './insomniaParts'

/**
 * An Insomnia WebSocket or Socket.IO request. Parley's realtime requests have no auth tab, so auth
 * that is one header (bearer, basic, an API key in a header) becomes that header; anything else is
 * reported. Socket.IO event listeners come along (listening: adding one is asking to hear it);
 * the rest of Insomnia's settings are defaults.
 */
export function realtimeRequest(r: Record<string, unknown>, name: string, where: string, unsupported: UnsupportedItem[]): SavedRequestInput {
  const tidy = (text: string): string => templates(text, where, unsupported)
  const hs = headers(r['headers']).map((h) => ({ ...h, name: tidy(h.name), value: tidy(h.value) }))
  const auth = insomniaAuth(r['authentication'], where, unsupported)
  if (auth) hs.push(...authHeaders(auth, where, unsupported).map((h) => ({ ...h, value: tidy(h.value) })))
  const description = descriptionText(r['description'])
  const socketIo = r['_type'] === 'socketio_request' || r['_type'] === 'socket_io_request'
  if (!socketIo) {
    return { kind: 'websocket', name, description, url: tidy(withQuery(asString(r['url']), r['parameters'], where, unsupported)), headers: hs }
  }
  const url = tidy(asString(r['url']))
  const query = asArray(r['parameters'])
    .filter((p) => asString(field(p, 'name')) !== '')
    .map((p) => ({ name: asString(field(p, 'name')), value: tidy(asString(field(p, 'value'))), enabled: field(p, 'disabled') !== true }))
  const path = asString(field(r['settings'], 'path')) || asString(r['path'])
  const listeners = asArray(r['eventListeners'])
    .filter((l) => asString(field(l, 'eventName')).trim() !== '')
    .map((l) => ({ event: asString(field(l, 'eventName')).trim(), enabled: true }))
  return { kind: 'socketio', name, description, url, ...(path ? { path } : {}), query, headers: hs, listeners }
}

function authHeaders(auth: HttpAuth, where: string, unsupported: UnsupportedItem[]): KeyValue[] {
  switch (auth.type) {
    case 'none':
    case 'inherit':
      return []
    case 'bearer':
      return [{ name: 'Authorization', value: `${auth.prefix ?? 'Bearer'} ${auth.token}`.trim(), enabled: true }]
    case 'basic':
      if (!/\{\{/.test(auth.username + auth.password)) {
        return [{ name: 'Authorization', value: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`, enabled: true }]
      }
      break
    case 'apikey':
      if (auth.in === 'header') return [{ name: auth.key, value: auth.value, enabled: true }]
      break
    default:
      break
  }
  unsupported.push({
    item: where,
    what: `${auth.type} auth on a realtime request cannot be carried over (Parley's realtime requests take headers only); add it as a header.`
  })
  return []
}
