import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { screen, type BrowserWindow, type Rectangle } from 'electron'
import { z } from 'zod'
import { writeFileAtomic } from '../core/store/atomicWrite'

const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean()
})
type WindowState = z.infer<typeof WindowStateSchema>

const fileName = 'window-state.json'

/** The last window bounds, if they still fit on a connected display. */
export async function loadWindowState(dataDir: string): Promise<WindowState | undefined> {
  try {
    const state = WindowStateSchema.parse(JSON.parse(await readFile(join(dataDir, fileName), 'utf8')))
    const visible = screen.getAllDisplays().some((display) => intersects(display.workArea, state))
    return visible ? state : undefined
  } catch {
    return undefined
  }
}

/** Remembers size and position whenever the window settles, and on close. */
export function trackWindowState(window: BrowserWindow, dataDir: string): void {
  let timer: NodeJS.Timeout | undefined
  const save = (): void => {
    if (window.isDestroyed()) return
    const bounds = window.getNormalBounds()
    const state: WindowState = { ...bounds, maximized: window.isMaximized() }
    void writeFileAtomic(join(dataDir, fileName), JSON.stringify(state)).catch(() => undefined)
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}

function intersects(area: Rectangle, state: WindowState): boolean {
  return (
    state.x < area.x + area.width && state.x + state.width > area.x && state.y < area.y + area.height && state.y + state.height > area.y
  )
}
