import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import type { CollectionTree as Tree, FolderNode, TreeNode } from '../../../shared/collection'
import { Icon } from '../../ui/Icon'
import { ItemMenu, type MenuEntry } from './ItemMenu'
import { moveAndRefresh, openRequest, placeNear } from './itemActions'
import { useTabs } from '../tabs/tabsStore'
import { kindBadge } from '../tabs/tabTitles'
import { errorText, parentPath, useCollections } from './collectionsStore'
import { tr, useT } from '../../i18n'
import { openRunner } from '../runner/runnerStore'

export type ItemAction =
  | { type: 'newRequest' | 'newFolder'; collectionId: string; folder: string }
  | { type: 'rename' | 'duplicate' | 'move' | 'delete'; collectionId: string; node: TreeNode }
  | { type: 'close'; collectionId: string; name: string }
  | { type: 'settings'; collectionId: string; folder: string; name: string }
  | { type: 'credentials'; collectionId: string; name: string }

interface Row {
  key: string
  node: TreeNode
  level: number
  isRoot: boolean
  setSize: number
  posInSet: number
}

/** Drag state lives outside React: dragover cannot read the dataTransfer payload. */
let dragging: { collectionId: string; node: TreeNode } | undefined

function visibleRows(root: FolderNode, name: string, expanded: Set<string>): Row[] {
  const rows: Row[] = [{ key: '', node: { ...root, name }, level: 1, isRoot: true, setSize: 1, posInSet: 1 }]
  const walk = (folder: FolderNode, level: number): void => {
    folder.children.forEach((node, i) => {
      rows.push({ key: node.path, node, level, isRoot: false, setSize: folder.children.length, posInSet: i + 1 })
      if (node.type === 'folder' && expanded.has(node.path)) walk(node, level + 1)
    })
  }
  if (expanded.has('')) walk(root, 2)
  return rows
}

const isInside = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`)

/** One collection as an ARIA tree: arrows move, Right/Left expand and collapse, Enter opens, drag to move. */
export function CollectionTree({ tree, onAction }: { tree: Tree; onAction: (action: ItemAction) => void }) {
  const { t } = useT('collections')
  const collectionId = tree.id
  const expandedPaths = useCollections((s) => s.expanded[collectionId])
  const expanded = new Set(expandedPaths ?? [''])
  const currentPath = useTabs((s) => {
    const source = s.tabs.find((t) => t.id === s.activeId)?.source
    return source?.collectionId === collectionId ? source.path : undefined
  })
  const [focused, setFocused] = useState('')
  const [drop, setDrop] = useState<{ key: string; where: 'before' | 'after' | 'into' }>()
  const container = useRef<HTMLDivElement>(null)
  const rows = visibleRows(tree.root, tree.name, expanded)
  const focusedKey = rows.some((r) => r.key === focused) ? focused : ''

  const toggle = (key: string, open?: boolean): void => useCollections.getState().setExpanded(collectionId, key, open ?? !expanded.has(key))
  const focusRow = (key: string): void => {
    setFocused(key)
    requestAnimationFrame(() => container.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus())
  }
  const activate = (row: Row): void => {
    if (row.node.type === 'request') void openRequest(collectionId, row.node.path)
    else toggle(row.key)
  }

  const onKeyDown = (event: KeyboardEvent, row: Row, index: number): void => {
    const node = row.node
    const isOpen = node.type === 'folder' && expanded.has(row.key)
    const go = (i: number): void => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))]
      if (target) focusRow(target.key)
    }
    switch (event.key) {
      case 'ArrowDown':
        go(index + 1)
        break
      case 'ArrowUp':
        go(index - 1)
        break
      case 'Home':
        go(0)
        break
      case 'End':
        go(rows.length - 1)
        break
      case 'ArrowRight':
        if (node.type !== 'folder') return
        if (!isOpen) toggle(row.key, true)
        else if (node.children.length) go(index + 1)
        break
      case 'ArrowLeft':
        if (isOpen) toggle(row.key, false)
        else if (!row.isRoot) focusRow(parentPath(row.key))
        break
      case 'Enter':
      case ' ':
        activate(row)
        break
      case 'F2':
        if (!row.isRoot) onAction({ type: 'rename', collectionId, node })
        break
      case 'Delete':
        if (!row.isRoot) onAction({ type: 'delete', collectionId, node })
        break
      case 'ContextMenu':
      case 'F10':
        if (event.key === 'F10' && !event.shiftKey) return
        ;(event.currentTarget as HTMLElement).querySelector<HTMLElement>('[data-menu-button]')?.click()
        break
      default:
        return
    }
    event.preventDefault()
  }

  const entriesFor = (row: Row): MenuEntry[] => {
    const node = row.node
    const entries: MenuEntry[] = []
    if (node.type === 'folder') {
      entries.push(
        { label: t('collectionTree.newRequest'), run: () => onAction({ type: 'newRequest', collectionId, folder: node.path }) },
        { label: t('collectionTree.newFolder'), run: () => onAction({ type: 'newFolder', collectionId, folder: node.path }) },
        { label: t('collectionTree.settings'), run: () => onAction({ type: 'settings', collectionId, folder: row.isRoot ? '' : node.path, name: node.name }) },
        {
          label: tr(row.isRoot ? 'runner:menu.runCollection' : 'runner:menu.runFolder'),
          run: () => openRunner({ collectionId, folder: row.isRoot ? '' : node.path, name: node.name })
        }
      )
    }
    if (row.isRoot) {
      entries.push(
        { label: t('collectionTree.rename'), run: () => onAction({ type: 'rename', collectionId, node }) },
        { label: t('collectionTree.credentials'), run: () => onAction({ type: 'credentials', collectionId, name: tree.name }) },
        { label: t('collectionTree.closeCollection'), run: () => onAction({ type: 'close', collectionId, name: tree.name }) }
      )
      return entries
    }
    entries.push({ label: t('collectionTree.rename'), run: () => onAction({ type: 'rename', collectionId, node }) })
    if (node.type === 'request') entries.push({ label: t('collectionTree.duplicate'), run: () => onAction({ type: 'duplicate', collectionId, node }) })
    entries.push(
      { label: t('collectionTree.moveTo'), run: () => onAction({ type: 'move', collectionId, node }) },
      { label: t('collectionTree.delete'), danger: true, run: () => onAction({ type: 'delete', collectionId, node }) }
    )
    return entries
  }

  const dropPlace = (event: DragEvent, row: Row): 'before' | 'after' | 'into' | undefined => {
    if (!dragging || dragging.collectionId !== collectionId) return undefined
    const dragged = dragging.node
    if (row.key === dragged.path || (dragged.type === 'folder' && isInside(row.key, dragged.path))) return undefined
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect()
    const y = (event.clientY - rect.top) / rect.height
    if (row.node.type === 'folder') return row.isRoot || y >= 0.25 ? 'into' : 'before'
    return y < 0.5 ? 'before' : 'after'
  }
  const onDrop = (where: 'before' | 'after' | 'into', row: Row): void => {
    const dragged = dragging?.node
    dragging = undefined
    setDrop(undefined)
    if (!dragged) return
    const fail = (error: unknown): void =>
      useCollections.getState().toast({ text: t('collectionTree.couldNotMove', { name: dragged.name, value: errorText(error) }), tone: 'error' })
    if (where === 'into') {
      toggle(row.key, true)
      moveAndRefresh(collectionId, dragged, row.key).catch(fail)
    } else {
      placeNear(collectionId, tree.root, dragged, row.node, where === 'after').catch(fail)
    }
  }

  return (
    <div ref={container} role="tree" aria-label={tree.name} className="tree">
      {rows.map((row, index) => {
        const node = row.node
        const isOpen = node.type === 'folder' && expanded.has(row.key)
        const dropHere = drop?.key === row.key ? `tree-drop-${drop.where}` : ''
        return (
          <div
            key={row.key || '(root)'}
            role="treeitem"
            data-key={row.key}
            aria-label={node.name}
            aria-level={row.level}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-expanded={node.type === 'folder' ? isOpen : undefined}
            aria-selected={row.key === focusedKey}
            tabIndex={row.key === focusedKey ? 0 : -1}
            className={`tree-row ${row.isRoot ? 'tree-root' : ''} ${row.key === currentPath ? 'tree-row-current' : ''} ${dropHere}`}
            style={{ paddingLeft: 6 + (row.level - 1) * 14 }}
            draggable={!row.isRoot}
            onFocus={(event) => {
              if (event.target === event.currentTarget) setFocused(row.key)
            }}
            onClick={() => {
              setFocused(row.key)
              activate(row)
            }}
            onKeyDown={(event) => {
              if (event.target === event.currentTarget) onKeyDown(event, row, index)
            }}
            onDragStart={(event) => {
              dragging = { collectionId, node }
              event.dataTransfer.effectAllowed = 'move'
              event.dataTransfer.setData('text/plain', node.path)
            }}
            onDragEnd={() => {
              dragging = undefined
              setDrop(undefined)
            }}
            onDragOver={(event) => {
              const where = dropPlace(event, row)
              if (!where) return
              event.preventDefault()
              event.dataTransfer.dropEffect = 'move'
              if (drop?.key !== row.key || drop.where !== where) setDrop({ key: row.key, where })
            }}
            onDragLeave={() => setDrop((d) => (d?.key === row.key ? undefined : d))}
            onDrop={(event) => {
              const where = dropPlace(event, row)
              event.preventDefault()
              if (where) onDrop(where, row)
            }}
          >
            {node.type === 'folder' ? (
              <span className={`tree-chevron ${isOpen ? 'tree-chevron-open' : ''}`} aria-hidden="true" />
            ) : (
              <span className="tree-chevron-space" aria-hidden="true" />
            )}
            {node.type === 'folder' ? (
              <FolderGlyph root={row.isRoot} />
            ) : node.kind === 'http' ? (
              <span className={`method-badge tree-badge method-${(node.method ?? 'GET').toLowerCase()}`}>{node.method ?? 'GET'}</span>
            ) : (
              <span className={`method-badge tree-badge kind-${node.kind}`}>{kindBadge(node.kind)}</span>
            )}
            <span className="tree-name" title={node.type === 'request' && node.url ? `${node.name}\n${node.url}` : node.name}>
              {node.name}
            </span>
            {node.type === 'folder' && (
              <button
                type="button"
                className="tree-more tree-settings"
                aria-label={t('collectionTree.settingsOf', { name: node.name })}
                title={row.isRoot ? t('collectionTree.collectionSettingsHint') : t('collectionTree.folderSettingsHint')}
                tabIndex={-1}
                onClick={(event) => {
                  event.stopPropagation()
                  onAction({ type: 'settings', collectionId, folder: row.isRoot ? '' : node.path, name: node.name })
                }}
              >
                <Icon name="gear" size={13} />
              </button>
            )}
            <ItemMenu name={node.name} entries={entriesFor(row)} />
          </div>
        )
      })}
    </div>
  )
}

function FolderGlyph({ root }: { root: boolean }) {
  return (
    <svg
      className={root ? 'tree-glyph tree-glyph-root' : 'tree-glyph'}
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {root ? <path d="M4 5h16v14H4zM4 9h16" /> : <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />}
    </svg>
  )
}
