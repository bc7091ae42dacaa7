import type { Page } from '@playwright/test'
import { startPlayground, type Playground } from '../../src/playground/server'
import { pseudoMessage } from '../../src/renderer/i18n/pseudo'
import { copySample } from './collectionSteps'
import { expect, test } from './fixtures'

/**
 * No string left behind: every screen rendered in the pseudo-locale (?lang=en-XA, tests only), where every
 * catalog message is accented and wrapped in ⟦ ⟧. Any visible text, aria-label, title or placeholder that is
 * not is a string that bypassed the catalogs. Data is allowed: user content (the sample collection's names,
 * what editors and inputs hold), server data (URLs, numbers, sizes, header values), method and protocol names.
 */
// Hang guard for a busy machine: starting the host and walking every screen takes a while.
test.describe.configure({ timeout: 400_000 })

let playground: Playground
test.beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
test.afterAll(async () => {
  await playground.close()
})

/** The accessible name an English catalog message gets in the pseudo-locale. */
const ps = (english: string): string => pseudoMessage(english)

/** Names (data) that are not from a catalog and not translated in any language. */
const names = [
  'Parley',
  'Socket.IO',
  'WebSocket',
  'SSE',
  'REST',
  'HTTP',
  'HTTPS',
  'JSON',
  'XML',
  'HTML',
  'YAML',
  'GraphQL',
  'cURL',
  'Postman',
  'Insomnia',
  'OpenAPI',
  'HAR',
  'Bruno',
  'Node.js',
  'Chromium',
  'Electron',
  'V8',
  'OAuth 2.0',
  'AWS Signature v4',
  'Ctrl',
  'Alt',
  'Shift',
  'Esc',
  'Enter',
  'Tab',
  'Delete',
  'SIO',
  'WS',
  'TLS',
  'DNS',
  'TTFB',
  'JSONPath',
  'NDJSON',
  'Regex',
  'Base64',
  'Hex',
  'Raw',
  'RTT',
  'ack',
  'Ping',
  'TLSv1.3',
  // The same word in every language; language names are written in their own language on purpose; assertion operators are syntax.
  'URL',
  'English',
  'Español',
  'not exists',
  'not contains'
]

/** Everything on screen that bypassed the catalogs, with where it was. */
async function offenders(page: Page, data: string[]): Promise<string[]> {
  return page.evaluate(
    ({ names, data }) => {
      const allowed = new Set([...names, ...data])
      const methods = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/
      const isData = (text: string): boolean => {
        const t = text.trim()
        if (!t || t.includes('⟦') || t.includes('⟧')) return true
        if (allowed.has(t) || methods.test(t)) return true
        // Numbers, sizes, times, symbols: nothing a translator would touch.
        if (!/\p{L}{2,}/u.test(t.replace(/\b(ms|s|B|KB|MB|GB|KiB|MiB|px|UTC|AM|PM|am|pm|HTTP\/[\d.]+|h2|v\d+)\b/g, ''))) return true
        // URLs, paths, JSON, header-like tokens (Content-Type), {{variables}}: data.
        // A method and a path (a tab's title), JSON paths to ignore (**.createdAt): data.
        if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+$/.test(t) || /^\*\*\./.test(t)) return true
        // A realtime tab's title is the same: its protocol's short name and its address (SIO 127.0.0.1:4000, WS /ws/echo).
        if (/^(SIO|WS|SSE|GQL) \S+$/.test(t)) return true
        // Version strings (V8's "11.3.244.8-node.38"): data.
        if (/^\d+(\.\d+)+([-+][\w.]+)?$/.test(t)) return true
        if (/^(https?|wss?):\/\//.test(t) || /^[/~.]/.test(t) || /^[{[]/.test(t) || /^\{\{.*\}\}$/.test(t)) return true
        if (/^[\w.-]+(\/[\w.+-]+)+$/.test(t) || /^[A-Z][\w-]*(-[A-Z][\w]*)+$/.test(t) || /^[a-z][\w.-]*(:[\w.-]+)?$/.test(t)) return true
        return [...allowed].some((d) => d.length > 3 && t.includes(d) && t.replace(d, '').replace(/[\s\d.,:·()/-]/g, '').length === 0)
      }
      const skip = (el: Element | null): boolean =>
        !!el?.closest(
          '[translate="no"], code, pre, kbd, .cm-editor, textarea, svg text, .rt-row-preview, .history-url, [role="treeitem"] .tree-name, ' +
            // What the server sent: the body, header names and values, the status text, JSON tree rows, the timing rows' requests.
            '.rp-big-text, .header-value, .rp-header-name, .rp-status-pill, .rp-tree-row, .rp-timing-row-label'
        )
      const visible = (el: Element): boolean => {
        const style = getComputedStyle(el)
        if (style.visibility === 'hidden' || style.display === 'none') return false
        return el.getClientRects().length > 0 && !el.closest('[hidden], [aria-hidden="true"]')
      }
      const where = (el: Element): string =>
        `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`
      const found = new Set<string>()
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement
        if (!el || skip(el) || !visible(el) || el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'OPTION') continue
        const text = node.textContent ?? ''
        if (!isData(text)) found.add(`text "${text.trim()}" in ${where(el)}`)
      }
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], option')) {
        if (skip(el) || (el.tagName !== 'OPTION' && !visible(el))) continue
        for (const attr of ['aria-label', 'title', 'placeholder']) {
          const value = el.getAttribute(attr)
          if (value && !isData(value)) found.add(`${attr} "${value}" on ${where(el)}`)
        }
        if (el.tagName === 'OPTION' && !isData(el.textContent ?? '')) found.add(`option "${el.textContent}" in ${where(el.parentElement ?? el)}`)
      }
      return [...found]
    },
    { names, data }
  )
}

test('every screen in the pseudo-locale shows only catalog text and data', async ({ page, host }) => {
  test.setTimeout(300_000)
  const sample = await copySample()
  const data = [
    'List notes',
    'Create a note',
    'Update a note',
    'Get a note',
    'Delete a note',
    'Slow',
    'Basic auth',
    'Cookies',
    'Bearer auth',
    'Digest auth',
    'Redirects',
    'Large JSON',
    'Form',
    'Echo',
    'Clock',
    'Parley playground',
    'Chat',
    'Ticker',
    'Private',
    'Subprotocol',
    'Broadcast',
    'playground',
    'local',
    playground.url,
    new URL(playground.url).host,
    sample
  ]
  const problems: string[] = []
  const check = async (screen: string): Promise<void> => {
    for (const problem of await offenders(page, data)) problems.push(`${screen}: ${problem}`)
  }
  const url = new URL(host.url)
  url.searchParams.set('lang', 'en-XA')
  await page.goto(url.toString())
  await expect(page.getByRole('button', { name: ps('Import'), exact: true })).toBeVisible()
  await check('main screen')

  // A request: every section, every body type and auth type.
  const sections = page.getByRole('tablist', { name: ps('Request sections') }).getByRole('tab')
  for (let i = 0; i < (await sections.count()); i++) {
    await sections.nth(i).click()
    await check(`request section ${i}`)
  }
  await sections.nth(2).click()
  const bodyTypes = page.getByRole('radiogroup').or(page.locator('.segment input[type="radio"]'))
  for (const radio of await page.locator('input[name="body-type"]').all()) {
    await radio.check()
    await check(`body type ${await radio.getAttribute('value')}`)
  }
  void bodyTypes
  await page.locator('input[name="body-type"][value="none"]').check()
  await sections.nth(3).click()
  const authType = page.getByRole('combobox', { name: ps('Auth type') })
  for (const value of await authType.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
    await authType.selectOption(value)
    await check(`auth ${value}`)
  }
  await authType.selectOption('none')

  // A response with a body, each of its sections and body views.
  await page
    .getByRole('textbox', { name: 'URL' })
    .or(page.getByRole('textbox', { name: ps('URL') }))
    .first()
    .fill(`${playground.url}/api/notes`)
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('group', { name: ps('Response summary') })).toBeVisible()
  await page.keyboard.press('Control+Enter')
  const responseTabs = page.getByRole('tablist', { name: ps('Response sections') }).getByRole('tab')
  await expect(responseTabs.filter({ hasText: ps('Compare') })).toBeVisible()
  for (let i = 0; i < (await responseTabs.count()); i++) {
    await responseTabs.nth(i).click()
    await check(`response section ${i}`)
  }
  await responseTabs.first().click()
  for (const view of await page
    .getByRole('group', { name: ps('Body view') })
    .getByRole('button')
    .all()) {
    await view.click()
    await check(`body view ${await view.textContent()}`)
  }

  // Dialogs from the top bar.
  for (const [button, dialog] of [
    ['Settings', 'Settings'],
    ['About Parley', 'About Parley'],
    ['Import', 'Import'],
    ['Export', 'Export']
  ] as const) {
    await page.getByRole('button', { name: ps(button), exact: true }).click()
    await expect(page.getByRole('dialog', { name: ps(dialog) })).toBeVisible()
    await check(`${dialog} dialog`)
    await page.keyboard.press('Escape')
  }
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('dialog', { name: ps('Command palette') })).toBeVisible()
  await check('palette')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+/')
  await expect(page.getByRole('dialog', { name: ps('Keyboard shortcuts') })).toBeVisible()
  await check('shortcuts')
  await page.keyboard.press('Escape')

  // Collections, their settings, environments, history.
  await page.getByRole('button', { name: ps('Open collection'), exact: true }).click()
  const open = page.getByRole('dialog', { name: ps('Open collection') })
  await check('open collection dialog')
  await open.getByRole('textbox', { name: ps('Folder path') }).fill(sample)
  await open.getByRole('button', { name: ps('Open'), exact: true }).click()
  await expect(page.getByRole('treeitem', { name: 'REST', exact: true })).toBeVisible()
  await check('collections')
  await page.getByRole('button', { name: ps('Settings of {name}').replace('{name}', 'Parley playground') }).click()
  await check('collection settings')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: ps('Manage environments'), exact: true }).click()
  await check('environments')
  await page.keyboard.press('Escape')
  await page.getByRole('tab', { name: ps('History') }).click()
  await check('history')
  await page.getByRole('tab', { name: ps('Collections') }).click()

  expect(problems).toEqual([])
})

test('realtime sessions in the pseudo-locale show only catalog text and data', async ({ page, host }) => {
  // The subprotocol field's placeholder is an example value (chat.v1, chat.v2): data, the same in every language.
  const data = [playground.url, 'chat.v1, chat.v2']
  const problems: string[] = []
  const check = async (screen: string): Promise<void> => {
    for (const problem of await offenders(page, data)) problems.push(`${screen}: ${problem}`)
  }
  const url = new URL(host.url)
  url.searchParams.set('lang', 'en-XA')
  await page.goto(url.toString())
  // Realtime: each kind of session, connected to the playground.
  for (const kind of ['New Socket.IO session', 'New WebSocket session', 'New SSE stream']) {
    await page.getByRole('button', { name: ps('New realtime session') }).click()
    await page.getByRole('menuitem', { name: ps(kind) }).click()
    const path = kind.includes('Socket.IO') ? '' : kind.includes('WebSocket') ? '/ws/echo' : '/sse/clock'
    // The URL field is named "URL" in every language (a name, not catalog text), as realtimeSteps.openSession finds it.
    await page
      .locator('.rt-pane')
      .getByRole('textbox', { name: 'URL', exact: true })
      .fill(`${playground.url.replace(kind.includes('WebSocket') ? 'http' : '§', 'ws')}${path}`)
    await page.keyboard.press('Control+Enter')
    await expect(page.getByRole('status', { name: ps('Session status') })).toHaveText(ps('Connected'))
    await check(kind)
    for (const tab of await page.locator('.rt-pane').getByRole('tablist').first().getByRole('tab').all()) {
      await tab.click()
      await check(`${kind}, ${await tab.textContent()}`)
    }
  }

  expect(problems).toEqual([])
})
