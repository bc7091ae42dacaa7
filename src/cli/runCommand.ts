import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { Variable } from '../shared/collection'
import type { CallResult } from '../shared/errors'
import type { DataRow, RunnerProgress, RunResult } from '../shared/runner'
import { readImport } from '../core/convert/import/runImport'
import { readDataFile } from '../core/runner/dataRows'
import { renderReport } from '../core/runner/reports'
import { createServices, type Services } from '../core/services'
import { writeFileAtomic } from '../core/store/atomicWrite'
import type { RunArgs } from './args'
import { UsageError } from './args'
import { CliReporter } from './cliReporter'
import { htmlReportText } from './htmlText'
import { t } from './messages'

/**
 * `parley run`: core assembled in plain Node over a throwaway data dir (or --data-dir), the
 * collection opened (a Postman file imported into that dir first), one run, reporters, an exit code.
 * Nothing is written to the user's app data or, unless asked for by a report path, anywhere else.
 */
export interface RunIo {
  out: (text: string) => void
  err: (text: string) => void
  version: string
}

/** 0: every test passed; 1: a test or a request failed (or the run was cancelled); 2: bad input. */
export async function runCommand(args: RunArgs, io: RunIo): Promise<number> {
  const dataDir = args.dataDir ? resolve(args.dataDir) : await mkdtemp(join(tmpdir(), 'parley-run-'))
  let services: Services | undefined
  try {
    services = await createServices({ dataDir, shell: 'cli', appVersion: io.version, statusIntervalMs: 0 })
    const call = callOf(services)
    const collectionId = await openSource(call, args.source, dataDir, io)
    const rows = args.iterationData ? await dataRows(args.iterationData) : undefined
    const environment = await chooseEnvironment(call, collectionId, args.environment)
    const globals = await globalsOf(args)
    const reporter = new CliReporter(io.out, args.color)
    const showCli = args.reporters.has('cli')
    let finish: (summary: RunnerProgress) => void = () => undefined
    const done = new Promise<RunnerProgress>((r) => (finish = r))
    services.events.subscribe((name, payload) => {
      if (name !== 'runner.progress') return
      const event = payload as RunnerProgress
      if (showCli) reporter.onProgress(event)
      if (event.type === 'done') finish(event)
    })
    const { runId } = await call<{ runId: string }>('runner.start', {
      collectionId,
      ...(args.folder ? { folder: args.folder } : {}),
      ...(args.iterationCount ? { iterations: args.iterationCount } : {}),
      ...(rows ? { data: { kind: 'rows', rows } } : {}),
      delayMs: args.delayRequest,
      bail: args.bail,
      ...environment,
      ...(globals ? { globals } : {}),
      ...(Object.keys(args.envVars).length > 0 ? { envVars: args.envVars } : {}),
      ...(args.shard ? { shard: args.shard } : {}),
      ...(args.timeoutRequest ? { timeoutMs: args.timeoutRequest } : {}),
      insecure: args.insecure,
      // CI runs leave the collection's files as they are, as newman does.
      persistVariables: false
    })
    // Ctrl+C (or a CI job's SIGTERM) cancels the run: the request in flight stops, the reports are still written.
    const cancel = (): void => void call('runner.cancel', { runId }).catch(() => undefined)
    process.once('SIGINT', cancel)
    process.once('SIGTERM', cancel)
    await done
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
    const result = await call<RunResult>('runner.result', { runId })
    if (result.summary.state === 'failed')
      throw new UsageError(result.summary.error ? t('runFailed', { message: result.summary.error.message }) : t('runFailedUnknown'))
    if (showCli) reporter.summary(result)
    let writeFailed = false
    for (const format of ['json', 'junit', 'html'] as const) {
      if (!args.reporters.has(format)) continue
      const report = await renderReport(result, format, htmlReportText())
      const path = resolve(
        args.exports[format] ?? join('parley', `parley-run-report-${result.startedAt.replace(/[:.]/g, '-')}.${report.defaultName.split('.').pop()}`)
      )
      try {
        await mkdir(dirname(path), { recursive: true })
        await writeFileAtomic(path, report.text)
        if (showCli) io.out(`${t('reportWritten', { format, path })}\n`)
      } catch (error) {
        writeFailed = true
        io.err(`${t('reportFailed', { format, path, message: (error as Error).message })}\n`)
      }
    }
    const s = result.summary
    if (writeFailed) return 2
    return s.state === 'finished' && s.tests.failed === 0 && s.requests.failed === 0 && s.requests.errored === 0 ? 0 : 1
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`)
      return 2
    }
    throw error
  } finally {
    await services?.dispose()
    if (!args.dataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined)
  }
}

type Call = <T>(name: string, input: unknown) => Promise<T>

/** A call whose failure is bad input: its message (and hint) is what the user reads. */
function callOf(services: Services): Call {
  return async <T>(name: string, input: unknown): Promise<T> => {
    const result: CallResult = await services.invoke(name, input)
    if (!result.ok) throw new UsageError(`parley run: ${result.error.message}${result.error.hint ? ` ${result.error.hint}` : ''}`)
    return result.value as T
  }
}

/** A collection folder is opened where it is; a file (Postman, Insomnia, Bruno …) is imported into the data dir. */
async function openSource(call: Call, source: string, dataDir: string, io: RunIo): Promise<string> {
  const path = resolve(source)
  const info = await stat(path).catch(() => undefined)
  if (!info) throw new UsageError(t('sourceMissing', { path }))
  if (info.isDirectory()) {
    if (!(await stat(join(path, 'parley.yaml')).catch(() => undefined))) throw new UsageError(t('notACollectionFolder', { path }))
    return (await call<{ id: string }>('collection.open', { path })).id
  }
  const text = await readFile(path, 'utf8')
  let read: Awaited<ReturnType<typeof readImport>>
  try {
    read = await readImport(text)
  } catch (error) {
    throw new UsageError(t('importFailed', { path, message: (error as Error).message }))
  }
  if (read.format === 'postman-environment') throw new UsageError(t('importNotCollection', { path }))
  const targetDir = join(dataDir, 'imported')
  await mkdir(targetDir, { recursive: true })
  const imported = await call<{ collectionId?: string; unsupported: { what: string }[] }>('import.run', { text, targetDir })
  if (imported.unsupported.length > 0) {
    io.err(`${t('importLeftovers', { count: imported.unsupported.length, path, first: imported.unsupported[0]?.what ?? '' })}\n`)
  }
  if (!imported.collectionId) throw new UsageError(t('importNothingToRun', { path }))
  return imported.collectionId
}

/** -e: a Postman environment file, else the name (or id) of one of the collection's environments. */
async function chooseEnvironment(call: Call, collectionId: string, wanted: string | undefined): Promise<Record<string, unknown>> {
  if (wanted === undefined) return { environmentId: null }
  const path = resolve(wanted)
  if (
    await stat(path).then(
      (s) => s.isFile(),
      () => false
    )
  )
    return { environment: await variablesFile(path) }
  const { environments } = await call<{ environments: { id: string; name: string }[] }>('environment.list', { collectionId })
  const found = environments.find((e) => e.id === wanted || e.name === wanted) ?? environments.find((e) => e.name.toLowerCase() === wanted.toLowerCase())
  if (!found) throw new UsageError(t('environmentUnknown', { name: wanted, count: environments.length, names: environments.map((e) => e.name).join(', ') }))
  return { environmentId: found.id }
}

/** A Postman environment or globals export: its name and variables. */
async function variablesFile(path: string): Promise<{ name: string; variables: Variable[] }> {
  try {
    const read = await readImport(await readFile(path, 'utf8'))
    const env = read.collection.environments[0]
    if (read.format !== 'postman-environment' || !env) throw new Error('it has no "values" list of variables')
    return {
      name: env.name,
      variables: env.variables.map((v) => ({ name: v.name, value: v.value ?? '', enabled: v.enabled ?? true, secret: v.secret ?? false }))
    }
  } catch (error) {
    throw new UsageError(t('environmentFileInvalid', { path, message: (error as Error).message }))
  }
}

async function globalsOf(args: RunArgs): Promise<Variable[] | undefined> {
  const fromFile = args.globals ? (await variablesFile(resolve(args.globals))).variables : undefined
  const extra = Object.entries(args.globalVars)
  if (!fromFile && extra.length === 0) return undefined
  const variables = [...(fromFile ?? [])].filter((v) => !Object.hasOwn(args.globalVars, v.name))
  for (const [name, value] of extra) variables.push({ name, value, enabled: true, secret: false })
  return variables
}

/** -d: named on the command line, so chosen by the user: read here and passed as rows. */
async function dataRows(path: string): Promise<DataRow[]> {
  try {
    return await readDataFile(resolve(path))
  } catch (error) {
    throw new UsageError(t('dataFileInvalid', { path, message: (error as Error).message }))
  }
}
