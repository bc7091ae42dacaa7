import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultSettings, SettingsSchema, type Settings } from '../../shared/app'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from './atomicWrite'

/** App settings in `<dataDir>/settings.json`; a damaged file is reported, never overwritten silently. */
export class SettingsStore {
  private current: Settings | undefined
  private readonly path: string

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, 'settings.json')
  }

  async get(): Promise<Settings> {
    if (this.current) return this.current
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.current = { ...defaultSettings })
      throw error
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (error) {
      throw new ParleyError(
        'settings_unreadable',
        `${this.path} is not valid JSON: ${(error as Error).message}`,
        'Fix or delete the file; Parley left it untouched.'
      )
    }
    // Keys from a newer or older version are tolerated: defaults fill what is missing, and one bad
    // value (a hand-edited learning progress, say) costs that key only, not every setting.
    const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
    const kept = Object.entries(SettingsSchema.shape).flatMap(([key, schema]) => {
      const parsed = key in record ? schema.safeParse(record[key]) : undefined
      return parsed?.success ? [[key, parsed.data] as const] : []
    })
    this.current = { ...defaultSettings, ...(Object.fromEntries(kept) as Partial<Settings>) }
    return this.current
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.get()), ...patch }
    await mkdir(this.dataDir, { recursive: true })
    await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`)
    this.current = next
    return next
  }
}
