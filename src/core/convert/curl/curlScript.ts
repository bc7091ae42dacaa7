import parser from 'curlconverter/dist/src/shell/Parser.js'

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
  const root = parser.parse(source).rootNode as unknown as ShellNode
  const commands: string[] = []
  const skipped: string[] = []
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
          if (/\bcurl\b/.test(node.text)) commands.push(withHeredocs(source, node, nodes.slice(i + 1)))
          else skipped.push(shortText(node.text))
          return
        default:
          if (holdsCurl(node)) commands.push(withHeredocs(source, node, nodes.slice(i + 1)))
          else skipped.push(shortText(node.text))
      }
    })
  }
  visit(top)
  return { commands, skipped }
}

/** Whether a text reads as a cURL command or a script of them (not a JSON or YAML document). */
export function looksLikeCurl(text: string): boolean {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return false
  const lines = stripPrompts(trimmed).split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
  const first = lines[0]?.trim() ?? ''
  return /^curl(\.exe)?(\s|$)/i.test(first) || /\|\s*curl\s/.test(first) || /^[A-Za-z_][A-Za-z0-9_]*=\S*\s+curl\s/.test(first)
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

/** A command's text, with here-document bodies older grammars leave as the next siblings. */
function withHeredocs(source: string, node: ShellNode, after: ShellNode[]): string {
  let end = node.endIndex
  for (const next of after) {
    if (next.type !== 'heredoc_body') break
    end = next.endIndex
  }
  return source.slice(node.startIndex, end).replace(/^curl\.exe(?=\s)/i, 'curl')
}

function shortText(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim()
  return line.length > 60 ? `${line.slice(0, 57)}…` : line
}
