/** Every keyboard shortcut, as the sheet (Ctrl/Cmd+/) lists them; `Mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  /** Each alternative is a list of keys pressed together. */
  keys: string[][]
  does: string
  /** Where it applies, when not everywhere. */
  where?: string
}

export const shortcutGroups: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Tabs',
    shortcuts: [
      { keys: [['Mod', 'T'], ['Alt', 'T']], does: 'New request tab' },
      { keys: [['Mod', 'W'], ['Alt', 'W']], does: 'Close the tab (asks first if it has unsaved changes)' },
      { keys: [['Mod', 'Shift', 'T'], ['Alt', 'Shift', 'T']], does: 'Reopen the last closed tab' },
      { keys: [['←'], ['→']], does: 'Previous or next tab', where: 'on a tab' },
      { keys: [['Alt', '←'], ['Alt', '→']], does: 'Move the tab left or right', where: 'on a tab' },
      { keys: [['Delete']], does: 'Close the tab', where: 'on a tab' }
    ]
  },
  {
    title: 'Requests and sessions',
    shortcuts: [
      { keys: [['Mod', 'Enter']], does: 'Send the request; in a live session, connect, then emit or send' },
      { keys: [['Esc']], does: 'Cancel the request in flight, or a connection attempt' },
      { keys: [['Mod', 'S']], does: 'Save the tab (asks where, the first time)' }
    ]
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: [['Mod', 'K']], does: 'Command palette: find a request, tab, environment or action' },
      { keys: [['Mod', '/']], does: 'This list of shortcuts' }
    ]
  }
]

/** Ctrl, or ⌘ on a Mac. */
export const modKey = (): string => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl')

/** `Mod+Shift+T` as the user's keyboard says it. */
export const keyLabel = (key: string): string => (key === 'Mod' ? modKey() : key)
