import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, sendError } from './reply'
import { applyCors, isPreflight, answerPreflight } from './cors'
import { langOf, say, withLang } from '../i18n'

export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
}

export type Handler = (ctx: RequestContext) => void | Promise<void>

export interface Route {
  /** '*' accepts every method; GET routes also answer HEAD (Node drops the body for us). */
  methods: readonly string[] | '*'
  path: string
  handler: Handler
  /** Listed in the 404 body so a learner who mistyped a path sees what exists. */
  summary?: string
}

interface CompiledRoute extends Route {
  pattern: RegExp
  names: string[]
}

function compile(route: Route): CompiledRoute {
  const names: string[] = []
  const source = route.path
    .split('/')
    .map((part) => {
      if (part === '*') {
        names.push('*')
        return '(.*)'
      }
      if (part.startsWith(':')) {
        names.push(part.slice(1))
        return '([^/]+)'
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return { ...route, pattern: new RegExp(`^${source}/?$`), names }
}

function allows(route: Route, method: string): boolean {
  if (route.methods === '*') return true
  return route.methods.includes(method) || (method === 'HEAD' && route.methods.includes('GET'))
}

export function createRouter(routes: readonly Route[]) {
  const compiled = routes.map(compile)
  const index = routes.filter((r) => r.summary).map((r) => `${r.methods === '*' ? 'ANY' : r.methods.join('|')} ${r.path} - ${r.summary}`)

  return function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lang = langOf(req.headers['accept-language'], new URL(req.url ?? '/', 'http://playground.local').searchParams.get('lang'))
    return withLang(lang, () => answer(req, res))
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    try {
      const url = new URL(req.url ?? '/', 'http://playground.local')
      applyCors(req, res)
      if (isPreflight(req)) {
        answerPreflight(req, res)
        return
      }
      const matches = compiled.flatMap((route) => {
        const m = route.pattern.exec(url.pathname)
        return m ? [{ route, m }] : []
      })
      const hit = matches.find(({ route }) => allows(route, method))
      if (!hit) {
        if (matches.length > 0) {
          const allowed = [...new Set(matches.flatMap(({ route }) => (route.methods === '*' ? [] : route.methods)))]
          sendError(res, 405, say('methodNotAllowed', { method, path: url.pathname }), { allowed }, { Allow: allowed.join(', ') })
          return
        }
        sendError(res, 404, say('noRoute', { method, path: url.pathname }), {
          hint: say('noRouteHint'),
          routes: index
        })
        return
      }
      const params: Record<string, string> = {}
      hit.route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(hit.m[i + 1] ?? '')
      })
      await hit.route.handler({ req, res, url, params })
    } catch (error) {
      failSafely(res, error)
    }
  }
}

/** The server must outlive any handler bug: answer 500 JSON if we still can, otherwise drop the socket. */
function failSafely(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof HttpError) {
    sendError(res, error.status, error.message, error.extra, error.headers)
    return
  }
  if (error instanceof URIError) {
    sendError(res, 400, say('badPercentEncoding'))
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  sendError(res, 500, say('internalError'), { detail: message })
}
