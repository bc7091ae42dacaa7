/**
 * Which Node.js each part of Parley needs, read from the packages that set the bar (never a second copy
 * of the numbers): the project's own `engines` (build, browser host, CLI, tests) and the electron
 * package's `engines` (its installer, which downloads the desktop app's binary). Electron then runs on
 * the Node it carries inside, so an Electron binary already on disk needs nothing more of the system's.
 */

type Version = readonly [number, number, number]

/** The lowest version a simple `>=X.Y.Z` range allows; undefined for ranges we do not read. */
export function minimumOf(range: string): Version | undefined {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range)
  if (!match) return undefined
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)]
}

function parse(version: string): Version {
  const [major = 0, minor = 0, patch = 0] = version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0)
  return [major, minor, patch]
}

/** Whether `version` (e.g. "20.20.2") meets a `>=X.Y.Z` range; a range we cannot read is not enforced. */
export function meetsRange(version: string, range: string): boolean {
  const minimum = minimumOf(range)
  if (!minimum) return true
  const actual = parse(version)
  for (let index = 0; index < 3; index++) {
    if (actual[index]! !== minimum[index]!) return actual[index]! > minimum[index]!
  }
  return true
}

/** "22.12.0" from ">= 22.12.0", for messages. */
export function describeRange(range: string): string {
  const minimum = minimumOf(range)
  return minimum ? minimum.join('.') : range
}
