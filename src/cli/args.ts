import { parseArgs } from 'node:util'
import type { ReportFormat } from '../shared/runner'
import { parseShard, type Shard } from '../core/runner/runPlan'
import { t } from './messages'

/** Thrown for bad input: `parley run` prints the message and exits with 2. */
export class UsageError extends Error {}

export type Reporter = 'cli' | ReportFormat

export interface RunArgs {
  source: string
  environment?: string | undefined
  globals?: string | undefined
  envVars: Record<string, string>
  globalVars: Record<string, string>
  iterationData?: string | undefined
  iterationCount?: number | undefined
  folder?: string | undefined
  bail: boolean
  insecure: boolean
  timeoutRequest?: number | undefined
  delayRequest: number
  reporters: Set<Reporter>
  exports: Partial<Record<ReportFormat, string>>
  shard?: Shard | undefined
  dataDir?: string | undefined
  color: boolean
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; args: RunArgs }

const options = {
  environment: { type: 'string', short: 'e' },
  globals: { type: 'string', short: 'g' },
  'env-var': { type: 'string', multiple: true },
  'global-var': { type: 'string', multiple: true },
  'iteration-data': { type: 'string', short: 'd' },
  'iteration-count': { type: 'string', short: 'n' },
  folder: { type: 'string', multiple: true },
  bail: { type: 'boolean' },
  insecure: { type: 'boolean', short: 'k' },
  'timeout-request': { type: 'string' },
  'delay-request': { type: 'string' },
  reporters: { type: 'string', short: 'r' },
  'reporter-json-export': { type: 'string' },
  'reporter-junit-export': { type: 'string' },
  'reporter-html-export': { type: 'string' },
  shard: { type: 'string' },
  'data-dir': { type: 'string' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' }
} as const

/** newman's flags, parsed with node:util's parseArgs (strict: an unknown flag is bad input). */
export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(t('badArguments', { message: (error as Error).message.replace(/\.$/, '') }))
  }
  const { values, positionals } = parsed
  if (values.version) return { kind: 'version' }
  if (values.help || positionals.length === 0) return { kind: 'help' }
  const [command, source, ...rest] = positionals
  if (command !== 'run') throw new UsageError(t('unknownCommand', { command: command ?? '' }))
  if (source === undefined) throw new UsageError(t('missingSource'))
  if (rest.length > 0) throw new UsageError(t('unexpectedArgument', { argument: rest[0] ?? '' }))
  if ((values.folder?.length ?? 0) > 1) throw new UsageError(t('oneFolder'))
  const reporters = new Set<Reporter>()
  for (const name of (values.reporters ?? 'cli')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)) {
    if (!['cli', 'json', 'junit', 'html'].includes(name)) throw new UsageError(t('badReporter', { name }))
    reporters.add(name as Reporter)
  }
  const exports: RunArgs['exports'] = {}
  for (const format of ['json', 'junit', 'html'] as const) {
    const path = values[`reporter-${format}-export`]
    // An export path turns its reporter on: asking for the file is asking for the report.
    if (path !== undefined) {
      exports[format] = path
      reporters.add(format)
    }
  }
  let shard: Shard | undefined
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard)
    } catch (error) {
      throw new UsageError(t('badShard', { message: (error as Error).message }))
    }
  }
  return {
    kind: 'run',
    args: {
      source,
      environment: values.environment,
      globals: values.globals,
      envVars: pairs('--env-var', values['env-var']),
      globalVars: pairs('--global-var', values['global-var']),
      iterationData: values['iteration-data'],
      iterationCount: values['iteration-count'] === undefined ? undefined : whole('--iteration-count', values['iteration-count'], 1, 10_000),
      folder: values.folder?.[0],
      bail: values.bail ?? false,
      insecure: values.insecure ?? false,
      timeoutRequest: values['timeout-request'] === undefined ? undefined : whole('--timeout-request', values['timeout-request'], 1, 3_600_000),
      delayRequest: values['delay-request'] === undefined ? 0 : whole('--delay-request', values['delay-request'], 0, 600_000),
      reporters,
      exports,
      shard,
      dataDir: values['data-dir'],
      color: values['no-color'] ? false : (values.color ?? (process.stdout.isTTY && !process.env['NO_COLOR']))
    }
  }
}

function pairs(flag: string, list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const item of list ?? []) {
    const at = item.indexOf('=')
    if (at <= 0) throw new UsageError(t('badVariable', { flag, value: item }))
    out[item.slice(0, at)] = item.slice(at + 1)
  }
  return out
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new UsageError(t('badNumber', { flag, value: text, min, max }))
  return n
}
