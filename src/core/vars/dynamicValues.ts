import { randomInt, randomUUID } from 'node:crypto'

/**
 * Values computed at resolution time, named with a leading `$` so they can never clash with a
 * user's variable (variable names starting with `$` are refused).
 */
const dynamicValues: Record<string, () => string> = {
  $uuid: () => randomUUID(),
  /** Unix time in seconds, as most APIs expect it. */
  $timestamp: () => String(Math.floor(Date.now() / 1000)),
  $isoTimestamp: () => new Date().toISOString(),
  /** 0 to 1000 inclusive. */
  $randomInt: () => String(randomInt(0, 1001))
}

/** The value of a dynamic variable, or undefined when `name` is not one. */
export function dynamicValue(name: string): string | undefined {
  return Object.hasOwn(dynamicValues, name) ? dynamicValues[name]!() : undefined
}

export const dynamicValueNames = Object.keys(dynamicValues)
