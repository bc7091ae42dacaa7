/** @usebruno/lang ships no types: the parsers Parley calls, each returning plain JSON. */
declare module '@usebruno/lang' {
  /** A request `.bru` file. */
  export function bruToJsonV2(text: string): Record<string, unknown>
  /** An environment `.bru` file. */
  export function bruToEnvJsonV2(text: string): Record<string, unknown>
  /** `collection.bru` and `folder.bru`. */
  export function collectionBruToJson(text: string): Record<string, unknown>
}
