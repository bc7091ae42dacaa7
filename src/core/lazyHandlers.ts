import type { CallName } from '../shared/contract'
import type { Handlers } from './invoke'

/**
 * Handlers whose module is loaded on the first call of any of them, once. Converters and GraphQL pull
 * in large libraries (tree-sitter, the OpenAPI parser, httpsnippet, graphql) that many sessions never
 * use; loading them at start was a large part of the browser host's cold start.
 */
export function lazyHandlers<K extends CallName>(names: readonly K[], load: () => Promise<Pick<Handlers, K>>): Pick<Handlers, K> {
  let loaded: Promise<Pick<Handlers, K>> | undefined
  const handlers = {} as Pick<Handlers, K>
  for (const name of names) {
    const handler = async (input: Parameters<Handlers[K]>[0]) => {
      // A failed load is not remembered: the next call tries again.
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined
        throw error
      })
      return ((await loaded)[name] as (input: Parameters<Handlers[K]>[0]) => unknown)(input)
    }
    handlers[name] = handler as unknown as Handlers[K]
  }
  return handlers
}
