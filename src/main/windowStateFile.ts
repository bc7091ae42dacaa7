import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../core/store/atomicWrite'

/** The window's last bounds, remembered in the data directory (window-state.json). */
const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean()
})
export type WindowState = z.infer<typeof WindowStateSchema>

interface Area {
  x: number
  y: number
  width: number
  height: number
}

const fileName = 'window-state.json'

/** The saved state if it parses and still overlaps one of the displays' work areas; else undefined (open at the default size). */
export async function readWindowState(dataDir: string, workAreas: readonly Area[]): Promise<WindowState | undefined> {
  try {
    const state = WindowStateSchema.parse(JSON.parse(await readFile(join(dataDir, fileName), 'utf8')))
    return workAreas.some((area) => intersects(area, state)) ? state : undefined
  } catch {
    return undefined
  }
}

export function writeWindowState(dataDir: string, state: WindowState): Promise<void> {
  return writeFileAtomic(join(dataDir, fileName), JSON.stringify(state))
}

function intersects(area: Area, state: WindowState): boolean {
  return state.x < area.x + area.width && state.x + state.width > area.x && state.y < area.y + area.height && state.y + state.height > area.y
}
