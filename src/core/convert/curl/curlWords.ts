import type { Word } from 'curlconverter/dist/src/shell/Word.js'

/**
 * curlconverter keeps shell expansions (`$TOKEN`, `${ID}`, `$(cmd)`) as tokens, because their value
 * is only known to the shell. A variable becomes a Parley `{{variable}}` so the request still works
 * once the user defines it; a command substitution cannot, so its text stays and a warning says so.
 */
export class WordReader {
  private readonly variables = new Set<string>()
  private readonly commands = new Set<string>()

  /** The text of a word, shell variables turned into `{{name}}`. */
  text(word: Word | string | null | undefined): string {
    if (word === null || word === undefined) return ''
    if (typeof word === 'string') return word
    let out = ''
    for (const token of word.tokens) {
      if (typeof token === 'string') out += token
      else if (token.type === 'variable') {
        this.variables.add(token.value)
        out += `{{${token.value}}}`
      } else {
        this.commands.add(token.text)
        out += token.text
      }
    }
    return out
  }

  /** Shell expansions curlconverter flattened into text (it does so inside URLs) become variables too. */
  expandVariables(text: string): string {
    return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_match, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? ''
      this.variables.add(name)
      return `{{${name}}}`
    })
  }

  /** Sentences about every expansion met so far. */
  warnings(): string[] {
    const out: string[] = []
    for (const name of this.variables) {
      out.push(`The shell variable $${name} became the Parley variable {{${name}}}: define it in an environment or the globals.`)
    }
    for (const text of this.commands) {
      out.push(`${text} is a shell command Parley cannot run; its text was kept as it is. Replace it with the value it would give.`)
    }
    return out
  }
}
