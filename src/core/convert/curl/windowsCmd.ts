/**
 * "Copy as cURL (cmd)" from Chrome and Firefox writes for cmd.exe: `^` escapes (`^"`, `^&`, `^{`),
 * `^` at line ends, and inside quotes the MS C runtime's `\"`. Those commands mean something else to
 * bash, so they are split into arguments here, the way cmd.exe and then the C runtime would.
 */

/** Whether a command looks written for cmd.exe rather than a POSIX shell. */
export function isWindowsCmd(command: string): boolean {
  // A single-line cmd command with plain double quotes reads the same in bash, so only carets decide:
  // the URL quoted as ^"…^" (DevTools always writes it first), or ^ at line ends.
  return /^\s*curl(\.exe)?\s+\^"/i.test(command) || /\s\^\r?\n/.test(command)
}

/** Splits a cmd.exe command line into its arguments (the first is `curl`). */
export function windowsCmdToArgv(command: string): string[] {
  return splitCrtArguments(undoCaretEscapes(command.trim()))
}

/**
 * cmd.exe's pass: `^` makes the next character literal; `^` before a line break removes the break
 * and keeps the character after it, which is how DevTools writes both line continuations
 * (`^\n  -H`) and line breaks inside a value (`^\n\n`).
 */
function undoCaretEscapes(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (c !== '^') {
      out += c
      continue
    }
    let j = i + 1
    const lineBreak = text.startsWith('\r\n', j) ? 2 : text[j] === '\n' ? 1 : 0
    j += lineBreak
    if (lineBreak > 0 && text.startsWith('\r\n', j)) {
      out += '\n'
      i = j + 1
    } else {
      out += text[j] ?? ''
      i = j
    }
  }
  return out
}

/**
 * The MS C runtime's rules: whitespace separates arguments outside quotes; `"` toggles quoting;
 * 2n backslashes before `"` give n backslashes and a toggle, 2n+1 give n and a literal `"`;
 * other backslashes are literal.
 */
function splitCrtArguments(line: string): string[] {
  const args: string[] = []
  let current = ''
  let inQuotes = false
  let started = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? ''
    if (c === '\\') {
      let count = 0
      while (line[i + count] === '\\') count++
      if (line[i + count] === '"') {
        current += '\\'.repeat(Math.floor(count / 2))
        if (count % 2 === 1) current += '"'
        else inQuotes = !inQuotes
        i += count
      } else {
        current += '\\'.repeat(count)
        i += count - 1
      }
      started = true
      continue
    }
    if (c === '"') {
      // Inside quotes, "" is a literal quote (the runtime since 2008 does this too).
      if (inQuotes && line[i + 1] === '"') {
        current += '"'
        i++
      } else inQuotes = !inQuotes
      started = true
      continue
    }
    if (!inQuotes && /\s/.test(c)) {
      if (started) args.push(current)
      current = ''
      started = false
      continue
    }
    current += c
    started = true
  }
  if (started) args.push(current)
  return args
}
