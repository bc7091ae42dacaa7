import type { Theme } from '../../../shared/app'
import type { FolderNode } from '../../../shared/collection'
import { isRealtimeKind, kinds } from '../../../shared/requestKinds'
import { api } from '../../app/api'
import { openDialog } from '../../app/appDialogs'
import { chooseTheme } from '../../app/theme'
import { errorText, useCollections } from '../collections/collectionsStore'
import { useFolderDialog } from '../collections/folderDialogStore'
import { openRequest } from '../collections/itemActions'
import { saveTab } from '../collections/savingStore'
import { useEnvironments } from '../environments/environmentsStore'
import { usePlayground } from '../playground/playgroundStore'
import { useTabs } from '../tabs/tabsStore'
import { kindViews } from '../realtime/kindViews'
import { useSidebar } from '../sidebar/sidebarStore'
import { kindBadge, tabLabel } from '../tabs/tabTitles'
import { tr } from '../../i18n'
import { openRunner } from '../runner/runnerStore'

export interface Command {
  id: string
  group: 'Tab' | 'Request' | 'Environment' | 'Action'
  label: string
  /** Shown after the label, and searched too: the collection and folder, say. */
  detail?: string
  badge?: string
  run(): void
}

function action(label: string, run: () => void, detail?: string): Command {
  return { id: `action:${label}`, group: 'Action', label, run, ...(detail ? { detail } : {}) }
}

function requestsOf(collectionId: string, collectionName: string, folder: FolderNode, trail: string[]): Command[] {
  return folder.children.flatMap((node): Command[] =>
    node.type === 'folder'
      ? requestsOf(collectionId, collectionName, node, [...trail, node.name])
      : [
          {
            id: `request:${collectionId}:${node.path}`,
            group: 'Request',
            label: node.name,
            detail: [collectionName, ...trail].join(' / '),
            badge: node.kind === 'http' ? (node.method ?? 'GET') : kindBadge(node.kind),
            run: () => void openRequest(collectionId, node.path)
          }
        ]
  )
}

/** "New request", "New Socket.IO session", …: one per kind with a palette entry (kindViews), in the table's order. */
function newTabCommands(): Command[] {
  return kinds.flatMap((kind) => {
    const label = kindViews[kind].paletteLabel
    if (!label) return []
    return [action(tr(label), () => void (isRealtimeKind(kind) ? useTabs.getState().openRealtime(kind) : useTabs.getState().open()))]
  })
}

/** "Run collection: X" and "Run folder: Y" for every open collection and its folders. */
function runCommands(collectionId: string, collectionName: string, folder: FolderNode, trail: string[]): Command[] {
  const here: Command = {
    id: `run:${collectionId}:${folder.path}`,
    group: 'Action',
    label: trail.length === 0 ? tr('runner:palette.runCollection', { name: collectionName }) : tr('runner:palette.runFolder', { name: folder.name }),
    detail: [tr('runner:palette.detail'), ...(trail.length === 0 ? [] : [[collectionName, ...trail.slice(0, -1)].join(' / ')])].join(' · '),
    run: () => openRunner({ collectionId, folder: trail.length === 0 ? '' : folder.path, name: trail.length === 0 ? collectionName : folder.name })
  }
  return [here, ...folder.children.flatMap((node) => (node.type === 'folder' ? runCommands(collectionId, collectionName, node, [...trail, node.name]) : []))]
}

const themes: { theme: Theme; label: string }[] = [
  { theme: 'light', label: 'light' },
  { theme: 'dark', label: 'dark' },
  { theme: 'system', label: 'system' }
]

/** Everything the palette can find: open tabs, requests of every open collection, environments and actions. */
export function paletteCommands(): Command[] {
  const { tabs, activeId } = useTabs.getState()
  const collections = useCollections.getState().collections.filter((c) => c.tree)
  const playground = usePlayground.getState()
  const environments = useEnvironments.getState()
  const toast = (error: unknown): void => useCollections.getState().toast({ text: errorText(error), tone: 'error' })
  return [
    ...tabs.map((tab): Command => ({
      id: `tab:${tab.id}`,
      group: 'Tab',
      label: tabLabel(tab),
      detail: tab.id === activeId ? tr('commands:paletteCommands.inFront') : tab.dirty ? tr('commands:paletteCommands.unsavedChanges') : '',
      badge: tab.kind === 'http' ? tab.draft.method : kindBadge(tab.kind),
      run: () => useTabs.getState().activate(tab.id)
    })),
    ...collections.flatMap((c) => requestsOf(c.id, c.name, c.tree!.root, [])),
    // The picker's collection has the freshest list (one just created is not in the tree yet).
    ...collections.flatMap((c) =>
      (c.id === environments.collectionId ? environments.environments : c.tree!.environments).map((env): Command => ({
        id: `env:${c.id}:${env.id}`,
        group: 'Environment',
        label: env.name,
        detail: tr('commands:paletteCommands.useIn', { name: c.name }),
        run: () =>
          void api
            .call('environment.setActive', { collectionId: c.id, id: env.id })
            .then(() => useEnvironments.getState().reload())
            .catch(toast)
      }))
    ),
    ...collections.flatMap((c) => runCommands(c.id, c.name, c.tree!.root, [])),
    ...newTabCommands(),
    action(tr('commands:paletteCommands.save'), () => activeId && void saveTab(activeId)),
    action(tr('commands:paletteCommands.reopenClosedTab'), () => useTabs.getState().reopenClosed()),
    action(tr('commands:paletteCommands.import'), () => openDialog('import'), tr('commands:paletteCommands.curlPostmanInsomniaOpenapi')),
    action(tr('commands:paletteCommands.export'), () => openDialog('export')),
    action(tr('commands:paletteCommands.newCollection'), () => useFolderDialog.setState({ mode: 'new' })),
    action(tr('commands:paletteCommands.openCollection'), () => useFolderDialog.setState({ mode: 'open' })),
    action(
      tr('commands:paletteCommands.manageEnvironments'),
      () => useEnvironments.setState({ managing: true }),
      tr('commands:paletteCommands.andGlobalVariables')
    ),
    playground.status.state === 'running'
      ? action(tr('commands:paletteCommands.stopPlayground'), () => void playground.stop())
      : action(tr('commands:paletteCommands.startPlayground'), () => void playground.start(), tr('commands:paletteCommands.theDemoServerAnd')),
    ...themes.map(({ theme, label }) =>
      action(
        tr('commands:paletteCommands.theme', { label: tr(`commands:paletteCommands.themes.${label}`) }),
        () => void chooseTheme(theme),
        tr('commands:paletteCommands.switchTheme')
      )
    ),
    action(tr('learn:palette'), () => useSidebar.getState().show('learn'), tr('learn:paletteDetail')),
    action(tr('commands:paletteCommands.settings'), () => openDialog('settings')),
    action(tr('commands:paletteCommands.keyboardShortcuts'), () => openDialog('shortcuts')),
    action(tr('commands:paletteCommands.aboutParley'), () => openDialog('about'))
  ]
}

/** Every word typed appears in the label or detail, in any order; labels that start with the query come first. */
export function matchCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return commands
  const hits = commands.filter((c) => {
    const text = `${c.badge ?? ''} ${c.label} ${c.detail ?? ''} ${c.group}`.toLowerCase()
    return words.every((w) => text.includes(w))
  })
  const q = query.trim().toLowerCase()
  return [...hits.filter((c) => c.label.toLowerCase().startsWith(q)), ...hits.filter((c) => !c.label.toLowerCase().startsWith(q))]
}
