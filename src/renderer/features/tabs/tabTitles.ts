import type { TabKind } from './tabsStore'
import { requestKinds, type RealtimeKind } from '../../../shared/requestKinds'
import { tabCatalogs, tr } from '../../i18n'

/** The short badge a realtime tab (or tree row, history entry) shows instead of a method: its kind's, from shared/requestKinds.ts. */
export const kindBadge = (kind: RealtimeKind): string => requestKinds[kind].badge

/**
 * The path of a URL as typed, without its scheme, host or a leading `{{base}}` variable, and
 * without query or fragment: the host is mostly the same across tabs, the path is what differs.
 * Parsed by hand because the text may hold `{{variables}}` a URL parser refuses.
 */
export function pathOfUrl(url: string): { path: string; host: string } {
  let rest = url.trim()
  let host = ''
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(rest)
  if (scheme) {
    host = scheme[1] ?? ''
    rest = rest.slice(scheme[0].length)
  } else {
    const variable = /^\{\{[^{}]+\}\}/.exec(rest)
    if (variable) {
      host = variable[0]
      rest = rest.slice(variable[0].length)
    } else if (!rest.startsWith('/')) {
      const slash = rest.search(/[/?#]/)
      host = slash < 0 ? rest : rest.slice(0, slash)
      rest = slash < 0 ? '' : rest.slice(slash)
    }
  }
  const path = rest.split(/[?#]/)[0] ?? ''
  return { path: path === '/' ? '' : path, host }
}

/** An unsaved HTTP tab's title, which is also the default name it is saved under: `GET /api/notes`. */
export function httpTitle(method: string, url: string): string {
  if (!url.trim()) return tr('tabs:tabTitles.untitledRequest')
  const { path, host } = pathOfUrl(url)
  return `${method.trim().toUpperCase() || 'GET'} ${path || host || url.trim()}`
}

/** An unsaved realtime tab's title: its kind and what tells it apart (`SIO /private`, `WS /chat`). */
export function realtimeTitle(kind: RealtimeKind, url: string, namespace = '/'): string {
  const { path, host } = pathOfUrl(url)
  const ns = namespace.trim()
  const what = kind === 'socketio' && ns && ns !== '/' ? ns : path || host
  return `${kindBadge(kind)} ${what || tr('tabs:tabTitles.newSession')}`
}

/**
 * "Untitled request" in every language: a tab made before the language changed still reads in the current one.
 * So does a tab made before the catalogs had loaded (the first tab of a fresh window), whose title is the key.
 */
function isUntitled(title: string): boolean {
  if (title === 'tabsStore.untitledRequest' || title === 'tabTitles.untitledRequest') return true
  return Object.values(tabCatalogs).some((catalog) => {
    const tabs = catalog as { tabsStore?: { untitledRequest?: string }; tabTitles?: { untitledRequest?: string } } | undefined
    return title === tabs?.tabsStore?.untitledRequest || title === tabs?.tabTitles?.untitledRequest
  })
}

/** A tab's title as shown: an untitled request's in the interface language. */
export function shownTitle(tab: { kind: TabKind; title: string }): string {
  return tab.kind === 'http' && isUntitled(tab.title) ? tr('tabs:tabsStore.untitledRequest') : tab.title
}

export function tabLabel(tab: { kind: TabKind; title: string; draft: { method: string } }): string {
  if (tab.kind === 'http' && isUntitled(tab.title)) return shownTitle(tab)
  const badge = tab.kind === 'http' ? tab.draft.method.trim().toUpperCase() : kindBadge(tab.kind)
  return tab.title.startsWith(`${badge} `) ? tab.title.slice(badge.length + 1) : tab.title
}
