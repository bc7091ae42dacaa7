/**
 * The contract's import and export calls, in a module of their own: core lists them at start and loads
 * the converters (and their parsers: tree-sitter for cURL, the OpenAPI parser, httpsnippet…) on the first call.
 */
export const convertCalls = [
  'curl.parse',
  'export.curl',
  'export.snippet',
  'export.targets',
  'export.socketioSnippet',
  'import.detect',
  'import.preview',
  'import.run',
  'import.begin',
  'import.append',
  'export.postman',
  'export.insomnia',
  'export.har'
] as const

export type ConvertCall = (typeof convertCalls)[number]
