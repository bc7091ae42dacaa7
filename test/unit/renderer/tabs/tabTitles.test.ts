import { beforeAll, describe, expect, it } from 'vitest'
import { initI18n } from '../../../../src/renderer/i18n'
import { httpTitle, pathOfUrl, realtimeTitle, shownTitle, tabLabel } from '../../../../src/renderer/features/tabs/tabTitles'

describe('tab titles', () => {
  beforeAll(() => initI18n())

  it('an HTTP tab is its method and path, not its host', () => {
    expect(httpTitle('get', 'http://127.0.0.1:40043/api/notes?limit=2#top')).toBe('GET /api/notes')
    expect(httpTitle('POST', '{{base}}/api/notes/{{id}}')).toBe('POST /api/notes/{{id}}')
    expect(httpTitle('GET', 'example.com/users')).toBe('GET /users')
    expect(httpTitle('GET', 'https://api.example.com/')).toBe('GET api.example.com')
    expect(httpTitle('GET', '   ')).toBe('Untitled request')
  })

  it('a tab made before the catalogs loaded (its title is the key) shows "Untitled request" once they are there', () => {
    expect(shownTitle({ kind: 'http', title: 'tabsStore.untitledRequest' })).toBe('Untitled request')
    expect(shownTitle({ kind: 'http', title: 'List notes' })).toBe('List notes')
  })

  it('a realtime tab is its kind and its namespace or path', () => {
    expect(realtimeTitle('socketio', 'http://127.0.0.1:4000', '/private')).toBe('SIO /private')
    expect(realtimeTitle('socketio', 'http://127.0.0.1:4000', '/')).toBe('SIO 127.0.0.1:4000')
    expect(realtimeTitle('websocket', 'ws://localhost:8080/ws/echo?x=1')).toBe('WS /ws/echo')
    expect(realtimeTitle('sse', '')).toBe('SSE new session')
  })

  it('the label beside the badge drops what the badge already says', () => {
    expect(tabLabel({ kind: 'http', title: 'GET /api/notes', draft: { method: 'GET' } })).toBe('/api/notes')
    expect(tabLabel({ kind: 'http', title: 'List notes', draft: { method: 'GET' } })).toBe('List notes')
    expect(tabLabel({ kind: 'socketio', title: 'SIO /private', draft: { method: 'GET' } })).toBe('/private')
  })

  it('finds the path behind a scheme, a host or a leading variable', () => {
    expect(pathOfUrl('wss://h:1/a/b')).toEqual({ path: '/a/b', host: 'h:1' })
    expect(pathOfUrl('{{playground}}/sse/clock')).toEqual({ path: '/sse/clock', host: '{{playground}}' })
    expect(pathOfUrl('/relative?q')).toEqual({ path: '/relative', host: '' })
  })
})
