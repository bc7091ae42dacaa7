import bashParser from 'curlconverter/dist/src/shell/Parser.js'

/**
 * node-tree-sitter 0.21, under curlconverter's bash tokenizer, copies a string input into a buffer of
 * 32 Ki UTF-16 units and fails on anything longer with a bare "Invalid argument" (a 900 KB command
 * with a large --data-raw). Giving it a buffer as long as the command lets every command the
 * contract accepts (curlMaxChars) be read. Applied once, to curlconverter's own parser instance.
 */
const parseWithDefaultBuffer = bashParser.parse.bind(bashParser)
bashParser.parse = (input, oldTree, options) =>
  parseWithDefaultBuffer(
    input,
    oldTree,
    typeof input === 'string' && options?.bufferSize === undefined ? { ...options, bufferSize: input.length + 1 } : options
  )
