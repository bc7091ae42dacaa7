import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCommand, UsageError } from './args'
import { setLanguage, t, takeLanguageFlag } from './messages'
import { runCommand } from './runCommand'

/**
 * `parley`: the command line. `parley run <collection>` runs a collection in plain Node (core only,
 * no Electron) with newman's flags. Started by bin/parley.mjs (the built bundle, or the sources
 * through tsx in a checkout without a build).
 */

function version(): string {
  // Both src/cli/ and the bundle's out/cli/ are two folders below package.json.
  try {
    return (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return '0.0.0'
  }
}

async function main(argv: string[]): Promise<number> {
  const out = (text: string): void => void process.stdout.write(text)
  const err = (text: string): void => void process.stderr.write(text)
  const lang = takeLanguageFlag(argv, process.env)
  setLanguage(lang.language)
  if (lang.bad !== undefined) {
    err(`${t('badLanguage', { value: lang.bad })}\n`)
    return 2
  }
  try {
    const command = parseCommand(lang.rest)
    if (command.kind === 'help') {
      out(`${t('usage')}\n`)
      return 0
    }
    if (command.kind === 'version') {
      out(`${version()}\n`)
      return 0
    }
    return await runCommand(command.args, { out, err, version: version() })
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n`)
      return 2
    }
    err(`parley: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 2
  }
}

void main(process.argv.slice(2)).then((code) => {
  // Sockets left open by a server that keeps connections alive must not keep a CI job waiting.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
})
