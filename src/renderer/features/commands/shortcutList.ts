import { tr } from '../../i18n'

/** Every keyboard shortcut, as the sheet (Ctrl/Cmd+/) lists them; `Mod` is Ctrl, or ⌘ on a Mac. Texts are keys of the commands namespace's `shortcuts` group. */
export interface Shortcut {
  /** Each alternative is a list of keys pressed together. */
  keys: string[][]
  does: string
  /** Where it applies, when not everywhere. */
  where?: string
}

export const shortcutGroups: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'tabs',
    shortcuts: [
      {
        keys: [
          ['Mod', 'T'],
          ['Alt', 'T']
        ],
        does: 'newRequestTab'
      },
      {
        keys: [
          ['Mod', 'W'],
          ['Alt', 'W']
        ],
        does: 'closeTheTabAsks'
      },
      {
        keys: [
          ['Mod', 'Shift', 'T'],
          ['Alt', 'Shift', 'T']
        ],
        does: 'reopenTheLastClosed'
      },
      { keys: [['←'], ['→']], does: 'previousOrNextTab', where: 'onATab' },
      {
        keys: [
          ['Alt', '←'],
          ['Alt', '→']
        ],
        does: 'moveTheTabLeft',
        where: 'onATab'
      },
      { keys: [['Delete']], does: 'closeTheTab', where: 'onATab' }
    ]
  },
  {
    title: 'requestsAndSessions',
    shortcuts: [
      { keys: [['Mod', 'Enter']], does: 'sendTheRequestIn' },
      { keys: [['Esc']], does: 'cancelTheRequestIn' },
      { keys: [['Mod', 'S']], does: 'saveTheTabAsks' }
    ]
  },
  {
    title: 'everywhere',
    shortcuts: [
      { keys: [['Mod', 'K']], does: 'commandPaletteFindA' },
      { keys: [['Mod', '/']], does: 'thisListOfShortcuts' }
    ]
  }
]

/** Ctrl, or ⌘ on a Mac. */
export const modKey = (): string => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl')

/** `Mod+Shift+T` as the user's keyboard says it. */
export const keyLabel = (key: string): string => (key === 'Mod' ? modKey() : key in keyNames ? tr(`commands:keys.${key}`) : key)

/** Keys whose printed name differs between keyboards (Supr, Intro on a Spanish one). */
const keyNames = { Delete: true, Enter: true }
