import parser from 'curlconverter/dist/src/shell/Parser.js'

/**
 * tree-sitter's Node binding parses a string through a 32 KiB buffer unless told a bigger one, and
 * fails past it with only "Invalid argument"; copies of requests with big bodies are longer. The
 * parser is one instance shared with curlconverter, so its parse is given room for each text.
 */
const shellParser = parser as unknown as { parse(input: unknown, old?: unknown, options?: { bufferSize?: number }): unknown }
const plainParse = shellParser.parse.bind(shellParser)
shellParser.parse = (input, old, options) =>
  plainParse(input, old, { ...(typeof input === 'string' ? { bufferSize: input.length * 2 + 1024 } : {}), ...options })

/** A syntax node of tree-sitter-bash, as far as the splitter reads it. */
interface ShellNode {
  type: string
  text: string
  startIndex: number
  endIndex: number
  namedChildren: ShellNode[]
  childForFieldName(name: string): ShellNode | null
  descendantsOfType(type: string): ShellNode[]
}

/** The curl commands of a pasted script, each as text curlconverter reads alone, and what was skipped. */
export interface CurlScript {
  commands: string[]
  skipped: string[]
  /** Sentences about parts of the commands that were dropped (output redirects). */
  notes: string[]
}

/**
 * People paste what they see: a script with a `#!` line and comments, a prompt (`$ curl …`), several
 * commands one after another, or curl at the end of a pipeline (`echo x | curl -d @- …`) or with a
 * here-document. curlconverter reads one curl command (with its pipeline and redirects) at a time and
 * refuses anything else, so the script is split here on bash's own grammar: each curl command becomes
 * one request, and every other command is named as skipped.
 */
export function splitCurlScript(text: string): CurlScript {
  const source = stripPrompts(text)
  const root = (shellParser.parse(source) as { rootNode: ShellNode }).rootNode
  const commands: string[] = []
  const skipped: string[] = []
  const notes: string[] = []
  const top = root.namedChildren
  const visit = (nodes: ShellNode[]): void => {
    nodes.forEach((node, i) => {
      switch (node.type) {
        case 'comment':
        case 'heredoc_body':
          return
        case 'list':
          visit(node.namedChildren)
          return
        case 'ERROR':
          // Let curlconverter explain the syntax error of the part that holds it.
          if (/\bcurl\b/.test(node.text)) commands.push(withRedirects(source, node, nodes.slice(i + 1), notes))
          else skipped.push(shortText(node.text))
          return
        default: {
          const wrapped = wrappedCurl(node)
          const echoed = echoedInto(node)
          if (wrapped) commands.push(source.slice(wrapped.startIndex, node.endIndex))
          else if (echoed) commands.push(echoed)
          else if (holdsCurl(node)) commands.push(withRedirects(source, node, nodes.slice(i + 1), notes))
          else skipped.push(shortText(node.text))
        }
      }
    })
  }
  visit(top)
  return { commands, skipped, notes }
}

/** Whether a text reads as a cURL command or a script of them (not a JSON or YAML document). */
export function looksLikeCurl(text: string): boolean {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return false
  // A line that starts a curl command at its first column (after a prompt): YAML and JSON documents,
  // even ones whose descriptions show curl examples, only hold such lines indented or quoted.
  return stripPrompts(trimmed)
    .split('\n')
    .some(
      (line) =>
        /^(?:(?:sudo|time|nohup|command|exec)\s+|[A-Za-z_][A-Za-z0-9_]*=\S*\s+)?curl(\.exe)?(\s|$)/i.test(line.trimEnd()) ||
        /^[^\s#][^#]*\|\s*curl\s/.test(line)
    )
}

/** `$ curl …`, `% curl …`, `PS C:\> curl …`: the prompt people copy along with a documented command. */
function stripPrompts(text: string): string {
  return text.replace(/^([ \t]*)(?:\$|%|>|PS [^>\n]*>)[ \t]+(?=curl(?:\.exe)?\s)/gim, '$1')
}

function holdsCurl(node: ShellNode): boolean {
  const name = node.type === 'command' ? node.childForFieldName('name') : null
  if (name) return /^(curl|curl\.exe|\$curl)$/i.test(name.text.trim())
  return node.descendantsOfType('command_name').some((n) => /^(curl|curl\.exe)$/i.test(n.text.trim()))
}

/**
 * `echo 'text' | curl -d @- …`: the text is what curl reads, so the command becomes curl with that
 * text as a here-document (which, like echo, ends it with a newline), which curlconverter reads as input.
 */
function echoedInto(node: ShellNode): string | undefined {
  if (node.type !== 'pipeline' || node.namedChildren.length !== 2) return undefined
  const [echo, curl] = node.namedChildren
  if (!echo || !curl || echo.type !== 'command' || curl.type !== 'command') return undefined
  const args = echo.namedChildren.filter((child) => child.type !== 'command_name')
  if (echo.childForFieldName('name')?.text.trim() !== 'echo' || args.length !== 1 || args[0]?.text.startsWith('-')) return undefined
  if (!/^curl(\.exe)?$/i.test(curl.childForFieldName('name')?.text.trim() ?? '')) return undefined
  const value = literal(args[0])
  if (value === undefined || value.includes('\nPARLEY_EOF')) return undefined
  // A quoted here-document: curlconverter reads it as input (it ignores `<<<`), with no expansion.
  return `${curl.text} <<'PARLEY_EOF'\n${value}\nPARLEY_EOF\n`
}

/** A word's literal value when it has no expansion in it: 'raw', "plain", or bare. */
function literal(word: ShellNode | undefined): string | undefined {
  if (!word) return undefined
  if (word.type === 'raw_string') return word.text.slice(1, -1)
  if (word.type === 'string' && word.namedChildren.every((c) => c.type === 'string_content')) return word.text.slice(1, -1).replace(/\\([\\$`"])/g, '$1')
  if (word.type === 'word' && !/[\\$`]/.test(word.text)) return word.text
  return undefined
}

/** Commands that run the next word as a command: `sudo curl …`, `time curl …`. */
const wrappers = new Set(['sudo', 'time', 'nohup', 'command', 'exec'])

function wrappedCurl(node: ShellNode): ShellNode | undefined {
  if (node.type !== 'command') return undefined
  const name = node.childForFieldName('name')
  const first = node.namedChildren.find((child) => child.type !== 'command_name' && child.type !== 'variable_assignment')
  if (!name || !wrappers.has(name.text.trim()) || !first || !/^curl(\.exe)?$/i.test(first.text)) return undefined
  return first
}

/**
 * A command's text with the redirects that feed it (`< file`, here-documents, which older grammars
 * leave as the next siblings). Output redirects (`> out.json`, `2>&1`) only say where curl writes:
 * curlconverter would take any file redirect for input, so they are left out and named.
 */
function withRedirects(source: string, node: ShellNode, after: ShellNode[], notes: string[]): string {
  let text: string
  if (node.type === 'redirected_statement' && node.namedChildren[0]) {
    const [command, ...redirects] = node.namedChildren
    const input = redirects.filter((r) => /^\s*(0?<(?!&)|<<)/.test(r.text))
    for (const r of redirects.filter((x) => !input.includes(x)))
      notes.push(`"${r.text.trim()}" only says where curl writes its output; Parley shows the response instead.`)
    text = [source.slice(node.startIndex, command.endIndex), ...input.map((r) => r.text)].join(' ')
  } else text = source.slice(node.startIndex, node.endIndex)
  let end = node.endIndex
  for (const next of after) {
    if (next.type !== 'heredoc_body') break
    end = next.endIndex
  }
  return (text + source.slice(node.endIndex, end)).replace(/^curl\.exe(?=\s)/i, 'curl')
}

function shortText(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim()
  return line.length > 60 ? `${line.slice(0, 57)}…` : line
}
