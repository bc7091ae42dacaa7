import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/**
 * Opens the app and waits for its shell. The built renderer in out/ can be mid-rebuild when several
 * people share a checkout; one reload gets the finished bundle.
 */
export async function gotoApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  const newSession = page.getByRole('button', { name: 'New realtime session' })
  try {
    await expect(newSession).toBeVisible({ timeout: 15_000 })
  } catch {
    await page.reload()
    await expect(newSession).toBeVisible({ timeout: 15_000 })
  }
}

const menuItem = { socketio: 'New Socket.IO session', websocket: 'New WebSocket session', sse: 'New SSE stream' } as const

/** Opens a new realtime tab of that kind and types its URL, as a user does. */
export async function openSession(page: Page, kind: keyof typeof menuItem, url: string) {
  await page.getByRole('button', { name: 'New realtime session' }).click()
  await page.getByRole('menuitem', { name: menuItem[kind] }).click()
  const pane = page.locator('.rt-pane')
  await pane.getByRole('textbox', { name: 'URL' }).fill(url)
  return pane
}

export const sessionStatus = (page: Page) => page.getByRole('status', { name: 'Session status' })
export const messageLog = (page: Page) => page.getByRole('list', { name: 'Message log' })
export const logRow = (page: Page, text: string | RegExp) => messageLog(page).getByRole('listitem').filter({ hasText: text })

/** Calls core over the browser host's contract socket, as the page itself does; returns the call's value. */
export async function coreCall<T>(page: Page, name: string, input?: unknown): Promise<T> {
  return page.evaluate(
    async ({ name, input }) => {
      // The page took the token out of its address; the host's cookie carries it.
      const ws = new WebSocket(`ws://${location.host}/contract`)
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve)
        ws.addEventListener('error', () => reject(new Error('the host refused the contract socket')))
      })
      const result = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
        ws.addEventListener('message', (event) => {
          // Event frames with raw NDJSON lines (encodeServerFrame) start with \u0001; a call waits for its result.
          if (String(event.data).startsWith('\u0001')) return
          const frame = JSON.parse(String(event.data)) as { type: string; result?: { ok: boolean } }
          if (frame.type === 'result' && frame.result) resolve(frame.result)
        })
        ws.send(JSON.stringify({ type: 'call', id: 1, name, input }))
      })
      ws.close()
      if (!result.ok) throw new Error(JSON.stringify(result.error))
      return result.value as T
    },
    { name, input }
  )
}
