import type { HeaderList } from '../../shared/http'

/** True when a header of this name (any case) is present. */
export function hasHeader(headers: HeaderList, name: string): boolean {
  const lower = name.toLowerCase()
  return headers.some(([n]) => n.toLowerCase() === lower)
}

/** The first value of a header, or null. */
export function getHeader(headers: HeaderList, name: string): string | null {
  const lower = name.toLowerCase()
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null
}

/** Every value of a header, in order. */
export function getHeaders(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase()
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
}

/** A copy without any header of these names. */
export function withoutHeaders(headers: HeaderList, ...names: string[]): HeaderList {
  const lower = new Set(names.map((n) => n.toLowerCase()))
  return headers.filter(([n]) => !lower.has(n.toLowerCase()))
}

/** A copy where this header has exactly one value. */
export function withHeader(headers: HeaderList, name: string, value: string): HeaderList {
  return [...withoutHeaders(headers, name), [name, value]]
}

/** The flat `[name, value, name, value]` form undici takes, which keeps order and repeats. */
export function flattenHeaders(headers: HeaderList): string[] {
  const flat: string[] = []
  for (const [n, v] of headers) flat.push(n, v)
  return flat
}
