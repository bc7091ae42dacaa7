import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { JsonPathKey, JsonType, TreeEntry } from './bodyProtocol'
import type { BodyModel } from './bodyModel'
import { tr, useT } from '../../i18n'

interface Row {
  id: string
  depth: number
  /** The key, or for a group of array items the range it stands for. */
  label: string
  path: JsonPathKey[]
  type: JsonType | 'group'
  preview: string
  count: number
  range?: [number, number]
}

/** A container with more children than this shows them in groups, like [0 … 9999], each opened alone. */
const GROUP = 100
const ROW_HEIGHT = 22

function groupSize(count: number): number {
  let size = GROUP
  while (count / size > GROUP) size *= 10
  return size
}

function pathId(path: JsonPathKey[], range?: [number, number]): string {
  return JSON.stringify(path) + (range ? `#${range[0]}-${range[1]}` : '')
}

/**
 * The parsed document as a tree, asked of the worker one level at a time: only opened nodes cost
 * anything, and the rows are virtualized, so a node with a million children opens at once.
 */
export function JsonTreeView({ model, ready }: { model: BodyModel; ready: boolean }) {
  const { t } = useT('response')
  const [rows, setRows] = useState<Row[]>([])
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string>()
  const [rootType, setRootType] = useState<{ type: JsonType; count: number }>()
  const scroller = useRef<HTMLDivElement>(null)
  /** The row that takes Tab focus (roving tabindex): the last one focused. */
  const [focusIndex, setFocusIndex] = useState(0)

  const childRows = useCallback(
    async (path: JsonPathKey[], depth: number, range?: [number, number]): Promise<Row[]> => {
      const from = range?.[0] ?? 0
      const probe = await model.ask({ op: 'children', path, start: from, end: from })
      const to = range?.[1] ?? probe.total
      const count = to - from
      if (count > GROUP) {
        const size = groupSize(count)
        const groups: Row[] = []
        for (let start = from; start < to; start += size) {
          const end = Math.min(to, start + size)
          groups.push({
            id: pathId(path, [start, end]),
            depth,
            label: `[${start} … ${end - 1}]`,
            path,
            type: 'group',
            preview: '',
            count: end - start,
            range: [start, end]
          })
        }
        return groups
      }
      const { entries } = await model.ask({ op: 'children', path, start: from, end: to })
      return entries.map((entry: TreeEntry) => {
        const childPath = [...path, entry.key]
        return { id: pathId(childPath), depth, label: String(entry.key), path: childPath, type: entry.type, preview: entry.preview, count: entry.count }
      })
    },
    [model]
  )

  useEffect(() => {
    if (!ready) return
    let live = true
    setError(undefined)
    model
      .ask({ op: 'children', path: [], start: 0, end: 0 })
      .then(async (probe) => {
        const top = await childRows([], 0)
        if (!live) return
        setRootType({ type: probe.type, count: probe.total })
        setRows(top)
        setExpanded(new Set())
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [model, ready, childRows])

  const toggle = async (row: Row): Promise<void> => {
    if (row.type !== 'group' && row.type !== 'object' && row.type !== 'array') return
    if (row.count === 0) return
    if (expanded.has(row.id)) {
      setExpanded((s) => {
        const next = new Set(s)
        next.delete(row.id)
        return next
      })
      setRows((current) => {
        const index = current.findIndex((r) => r.id === row.id)
        let end = index + 1
        while (end < current.length && current[end]!.depth > row.depth) end++
        return [...current.slice(0, index + 1), ...current.slice(end)]
      })
      return
    }
    try {
      const children = await childRows(row.path, row.depth + 1, row.range)
      setExpanded((s) => new Set(s).add(row.id))
      setRows((current) => {
        const index = current.findIndex((r) => r.id === row.id)
        if (index < 0) return current
        return [...current.slice(0, index + 1), ...children, ...current.slice(index + 1)]
      })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20
  })

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, row: Row, index: number): void => {
    const isOpen = expanded.has(row.id)
    if (event.key === 'Enter' || event.key === ' ' || (event.key === 'ArrowRight' && !isOpen) || (event.key === 'ArrowLeft' && isOpen)) {
      event.preventDefault()
      void toggle(row)
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
      virtualizer.scrollToIndex(next)
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus())
    }
  }

  if (error)
    return (
      <p className="error-text rp-panel-empty" role="alert">
        {error}
      </p>
    )
  if (!ready || !rootType) return <p className="muted rp-panel-empty">{ready ? t('jsonTreeView.readingTheDocument') : t('jsonTreeView.theTreeOpensOnce')}</p>
  if (rootType.type !== 'object' && rootType.type !== 'array')
    return <p className="rp-panel-empty">{t('jsonTreeView.theDocumentIsA', { type: rootType.type })}</p>

  return (
    <div className="rp-tree-wrap">
      <p className="rp-tree-root muted">
        {rootType.type === 'array' ? t('jsonTreeView.arrayOfItems', { count: rootType.count }) : t('jsonTreeView.objectWithKeys', { count: rootType.count })}
      </p>
      <div className="rp-tree-view" ref={scroller} role="tree" aria-label={t('jsonTreeView.jsonTree')}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!
            const container = row.type === 'object' || row.type === 'array' || row.type === 'group'
            const open = expanded.has(row.id)
            return (
              <div
                key={row.id}
                data-index={item.index}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={container && row.count > 0 ? open : undefined}
                aria-label={`${row.label}: ${describe(row)}`}
                tabIndex={item.index === Math.min(focusIndex, rows.length - 1) ? 0 : -1}
                onFocus={() => setFocusIndex(item.index)}
                className="rp-tree-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * 16 }}
                onClick={() => void toggle(row)}
                onKeyDown={(event) => onKeyDown(event, row, item.index)}
              >
                <span className="rp-tree-toggle" aria-hidden="true">
                  {container && row.count > 0 ? (open ? '▾' : '▸') : ''}
                </span>
                <span className={row.type === 'group' ? 'rp-tree-key rp-tree-group' : 'rp-tree-key'}>{row.label}</span>
                {row.type !== 'group' && <span className="rp-tree-colon">:</span>}
                {container ? (
                  <span className="rp-tree-summary">
                    {row.type === 'array' ? `[${row.count.toLocaleString('en')}]` : row.type === 'object' ? `{${row.count.toLocaleString('en')}}` : ''}
                  </span>
                ) : (
                  <span className={`rp-tree-value rp-tree-${row.type}`}>{row.preview}</span>
                )}
                {row.type !== 'group' && <span className="rp-tree-type">{row.type}</span>}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

function describe(row: Row): string {
  if (row.type === 'group') return tr('response:jsonTreeView.itemsTo', { from: row.range?.[0], to: (row.range?.[1] ?? 1) - 1 })
  if (row.type === 'array') return tr('response:jsonTreeView.arrayOfItems2', { count: row.count })
  if (row.type === 'object') return tr('response:jsonTreeView.objectWithKeys2', { count: row.count })
  return `${row.type} ${row.preview}`
}
