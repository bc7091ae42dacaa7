import type { HttpSettings } from '../../shared/http'
import { httpError } from './errors'

/** A proxy to tunnel through, with its credentials taken out of the URL. */
export interface ProxyTarget {
  url: URL
  /** `Basic ...` for Proxy-Authorization, when the URL carried a user. */
  authorization: string | null
  /** Identifies the proxy for dispatcher reuse. */
  key: string
}

type Env = Record<string, string | undefined>

/** The proxy variables of an environment, read once: process.env is slow to query on every request. */
export interface ProxyEnv {
  http?: string | undefined
  https?: string | undefined
  all?: string | undefined
  noProxy?: string | undefined
}

function envValue(env: Env, name: string): string | undefined {
  // Lower case wins, as curl and most tools do.
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()]
  return value && value.trim() !== '' ? value.trim() : undefined
}

/** Reads HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY (either case). */
export function readProxyEnv(env: Env): ProxyEnv {
  return { http: envValue(env, 'http_proxy'), https: envValue(env, 'https_proxy'), all: envValue(env, 'all_proxy'), noProxy: envValue(env, 'no_proxy') }
}

const parsed = new Map<string, ProxyTarget>()

/** True when NO_PROXY names the host (exactly, as a domain suffix, or `*`), optionally with the port. */
export function isNoProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return true
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''))
    const entryHost = (match?.[1] ?? entry).replace(/^\*?\./, '.')
    const entryPort = match?.[2]
    if (entryPort && entryPort !== port) continue
    if (entryHost.startsWith('.') ? host.endsWith(entryHost) || host === entryHost.slice(1) : host === entryHost || host.endsWith(`.${entryHost}`)) {
      return true
    }
  }
  return false
}

/** Parses a proxy URL from settings or the environment into a ProxyTarget. */
export function parseProxy(raw: string): ProxyTarget {
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`)
  } catch {
    throw httpError('proxy_failed', `The proxy address "${raw}" is not a valid URL.`, 'Write the proxy as http://host:port or http://user:password@host:port.')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw httpError('proxy_failed', `The proxy ${url.protocol}// is not supported: only http:// and https:// proxies are.`, 'Use an HTTP(S) proxy URL.')
  }
  const authorization = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : null
  const key = url.href
  url.username = ''
  url.password = ''
  return { url, authorization, key }
}

/**
 * Which proxy, if any, a request to `target` goes through: the request's own setting, else the
 * app's proxy setting, else HTTP_PROXY/HTTPS_PROXY minus NO_PROXY.
 */
export function resolveProxy(target: URL, setting: HttpSettings['proxy'], appProxy: string | null, env: ProxyEnv): ProxyTarget | null {
  if (setting === 'none') return null
  if (typeof setting === 'object') return cachedProxy(setting.url)
  if (appProxy) return isNoProxy(target, env.noProxy) ? null : cachedProxy(appProxy)
  const raw = target.protocol === 'https:' ? (env.https ?? env.all) : (env.http ?? env.all)
  if (!raw || isNoProxy(target, env.noProxy)) return null
  return cachedProxy(raw)
}

function cachedProxy(raw: string): ProxyTarget {
  let proxy = parsed.get(raw)
  if (!proxy) {
    proxy = parseProxy(raw)
    if (parsed.size > 100) parsed.clear()
    parsed.set(raw, proxy)
  }
  return proxy
}
