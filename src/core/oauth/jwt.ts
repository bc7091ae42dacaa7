/** The claims of a JWT as [name, JSON value] pairs, decoded and not verified; null when the text is no JWT. */
export function decodeClaims(token: string | null | undefined): Array<[string, string]> | null {
  if (!token) return null
  const parts = token.split('.')
  if (parts.length !== 3 || parts[1]!.length > 48 * 1024) return null
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return null
  return Object.entries(claims)
    .slice(0, 100)
    .map(([name, value]) => [name.slice(0, 200), clip(JSON.stringify(value) ?? 'null')])
}

const clip = (text: string): string => (text.length > 4000 ? `${text.slice(0, 3999)}…` : text)
