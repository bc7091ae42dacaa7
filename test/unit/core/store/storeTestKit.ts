import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createServices, type Services } from '../../../../src/core/services'
import type { CallInput, CallName, CallOutput, EventName } from '../../../../src/shared/contract'
import type { AppError } from '../../../../src/shared/errors'
import { tempDir } from '../../support/tempDir'

/** Real services over a temp data dir, with a typed `call` that throws the error value on failure. */
export async function servicesKit() {
  const root = await tempDir('parley-store-')
  const dataDir = join(root.dir, 'data')
  const services: Services = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  const events: Array<{ name: EventName; payload: unknown }> = []
  services.events.subscribe((name, payload) => events.push({ name, payload }))
  async function call<K extends CallName>(name: K, input?: CallInput<K>): Promise<CallOutput<K>> {
    const result = await services.invoke(name, input)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.value as CallOutput<K>
  }
  async function fail(name: CallName, input?: unknown): Promise<AppError> {
    const result = await services.invoke(name, input)
    if (result.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.value)}`)
    return result.error
  }
  return {
    services,
    call,
    fail,
    events,
    dataDir,
    base: root.dir,
    async dispose() {
      await services.dispose()
      await root.remove()
    }
  }
}

/** Every file under a folder, relative, sorted. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)))
    else out.push(rel)
  }
  return out.sort()
}

/** The concatenated bytes of every file under a folder, for grepping. */
export async function allText(dir: string): Promise<string> {
  const files = await listFiles(dir)
  const texts = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')))
  return texts.join('\n')
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777
}

/** Resolves when `check` is true, polling; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
