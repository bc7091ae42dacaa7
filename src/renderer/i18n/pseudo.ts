import IntlMessageFormat from 'intl-messageformat'

/**
 * The pseudo-locale `en-XA`: every English message with its letters accented and wrapped in ⟦ ⟧, so a
 * screen shows at a glance (and a test proves) which text came through the catalog. ICU structure
 * (arguments, plural and select options, #) is kept: only literal text changes.
 */
export const pseudoLocale = 'en-XA'
export const pseudoOpen = '⟦'
export const pseudoClose = '⟧'

const accents: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ľ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ó',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ľ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ó',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ú',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž'
}

export function accent(text: string): string {
  let out = ''
  for (const char of text) out += accents[char] ?? char
  return out
}

// The parser's element types (intl-messageformat's TYPE enum, by value).
type Element = {
  type: number
  value?: string
  style?: unknown
  options?: Record<string, { value: Element[] }>
  offset?: number
  pluralType?: string
  children?: Element[]
}

function escapeLiteral(text: string, inPlural: boolean): string {
  const escaped = text.replace(/'/g, "''").replace(/[{}]/g, (c) => `'${c}'`)
  return inPlural ? escaped.replace(/#/g, "'#'") : escaped
}

function styleText(style: unknown): string {
  if (typeof style === 'string') return `, ${style}`
  if (style && typeof style === 'object' && 'pattern' in style) return `, ::${String((style as { pattern: string }).pattern)}`
  if (style && typeof style === 'object' && 'tokens' in style) {
    const tokens = (style as { tokens: { stem: string; options: string[] }[] }).tokens
    return `, ::${tokens.map((t) => [t.stem, ...t.options].join('/')).join(' ')}`
  }
  return ''
}

function print(elements: Element[], inPlural: boolean): string {
  let out = ''
  for (const el of elements) {
    switch (el.type) {
      case 0:
        out += escapeLiteral(accent(el.value ?? ''), inPlural)
        break
      case 1:
        out += `{${el.value}}`
        break
      case 2:
        out += `{${el.value}, number${styleText(el.style)}}`
        break
      case 3:
        out += `{${el.value}, date${styleText(el.style)}}`
        break
      case 4:
        out += `{${el.value}, time${styleText(el.style)}}`
        break
      case 5:
      case 6: {
        const kind = el.type === 5 ? 'select' : el.pluralType === 'ordinal' ? 'selectordinal' : 'plural'
        const offset = el.offset ? ` offset:${el.offset}` : ''
        const options = Object.entries(el.options ?? {})
          .map(([key, option]) => `${key} {${print(option.value, el.type === 6)}}`)
          .join(' ')
        out += `{${el.value}, ${kind},${offset} ${options}}`
        break
      }
      case 7:
        out += '#'
        break
      case 8:
        out += `<${el.value}>${print(el.children ?? [], inPlural)}</${el.value}>`
        break
    }
  }
  return out
}

/** One message in the pseudo-locale; a message that does not parse is returned accented as plain text. */
export function pseudoMessage(message: string): string {
  try {
    const ast = new IntlMessageFormat(message, 'en').getAst() as unknown as Element[]
    return `${pseudoOpen}${print(ast, false)}${pseudoClose}`
  } catch {
    return `${pseudoOpen}${accent(message)}${pseudoClose}`
  }
}

type Catalog = { [key: string]: string | Catalog }

/** A whole namespace in the pseudo-locale, keys unchanged. */
export function pseudoCatalog(catalog: Catalog): Catalog {
  const out: Catalog = {}
  for (const [key, value] of Object.entries(catalog)) out[key] = typeof value === 'string' ? pseudoMessage(value) : pseudoCatalog(value)
  return out
}
