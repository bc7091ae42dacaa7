import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { LineView } from './bodyProtocol'
import type { BodyModel } from './bodyModel'

const LINE_HEIGHT = 18
const BLOCK = 256
/** Browsers stop laying out far below 30 million pixels; past this the scrollbar maps to lines by proportion. */
const MAX_SCROLL_HEIGHT = 8_000_000
const OVERSCAN = 20

/**
 * A virtual line viewer for bodies of any size: it holds only the blocks of lines near the screen,
 * asked of the body worker, and renders just the visible ones. Line numbers in a gutter, the search
 * term marked, the active hit's line scrolled into view.
 */
export function BigTextView({
  model,
  view,
  lineCount,
  query,
  activeLine,
  label,
  colorJson = false,
  onFirstScreen
}: {
  model: BodyModel
  view: LineView
  lineCount: number
  query: string
  activeLine: number | null
  label: string
  /** Colour JSON tokens of pretty-printed lines. */
  colorJson?: boolean
  onFirstScreen?: () => void
}) {
  const scroller = useRef<HTMLDivElement>(null)
  const blocks = useRef(new Map<number, { lines: string[]; depths: number[]; complete: boolean }>())
  const asked = useRef(new Set<number>())
  const [, setVersion] = useState(0)
  const [viewport, setViewport] = useState({ scrollTop: 0, height: 400 })
  const reported = useRef(false)

  // A new view or more lines (still loading) can change what a block holds.
  useEffect(() => {
    blocks.current.clear()
    asked.current.clear()
    setVersion((v) => v + 1)
  }, [model, view])

  const scaled = lineCount * LINE_HEIGHT > MAX_SCROLL_HEIGHT
  const contentHeight = scaled ? MAX_SCROLL_HEIGHT : lineCount * LINE_HEIGHT
  const visibleCount = Math.ceil(viewport.height / LINE_HEIGHT) + 1
  const maxScroll = Math.max(1, contentHeight - viewport.height)
  // Scaled: the scroll position is a fraction of the lines that can be first with the last one fully on screen.
  const firstLines = Math.max(1, lineCount - Math.floor(viewport.height / LINE_HEIGHT))
  const firstLine = scaled ? Math.floor((Math.min(viewport.scrollTop, maxScroll) / maxScroll) * firstLines) : Math.floor(viewport.scrollTop / LINE_HEIGHT)
  const start = Math.max(0, firstLine - (scaled ? 0 : OVERSCAN))
  const end = Math.min(lineCount, firstLine + visibleCount + (scaled ? 0 : OVERSCAN))
  // In scaled mode the rendered window rides along at the scroll position.
  const windowTop = scaled ? Math.min(viewport.scrollTop, maxScroll) : start * LINE_HEIGHT

  const fetchBlock = useCallback(
    (block: number) => {
      const known = blocks.current.get(block)
      if (asked.current.has(block) && (!known || known.complete)) return
      if (known?.complete) return
      asked.current.add(block)
      model
        .ask({ op: 'lines', view, start: block * BLOCK, count: BLOCK })
        .then((answer) => {
          blocks.current.set(block, { lines: answer.lines, depths: answer.depths, complete: answer.lines.length === BLOCK })
          if (answer.lines.length < BLOCK) asked.current.delete(block)
          setVersion((v) => v + 1)
        })
        .catch(() => asked.current.delete(block))
    },
    [model, view]
  )

  useEffect(() => {
    for (let block = Math.floor(start / BLOCK); block <= Math.floor(Math.max(start, end - 1) / BLOCK); block++) {
      const known = blocks.current.get(block)
      if (!known || (!known.complete && known.lines.length < Math.min(BLOCK, lineCount - block * BLOCK))) fetchBlock(block)
    }
    // Keep memory flat while scrolling through millions of lines.
    if (blocks.current.size > 64) {
      const keep = Math.floor(start / BLOCK)
      for (const block of blocks.current.keys()) {
        if (Math.abs(block - keep) > 8) {
          blocks.current.delete(block)
          asked.current.delete(block)
        }
      }
    }
  }, [start, end, lineCount, fetchBlock])

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = (): void => setViewport({ scrollTop: element.scrollTop, height: element.clientHeight || 400 })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // Bring the active search hit into view, in the middle of the screen.
  useEffect(() => {
    const element = scroller.current
    if (!element || activeLine === null || activeLine < 0) return
    const target = Math.max(0, activeLine - Math.floor(visibleCount / 2))
    element.scrollTop = scaled ? (target / firstLines) * maxScroll : target * LINE_HEIGHT
    // Only when the hit changes, not on every resize.
  }, [activeLine])

  const frame = useRef(0)
  const onScroll = (): void => {
    if (frame.current) return
    frame.current = requestAnimationFrame(() => {
      frame.current = 0
      const element = scroller.current
      if (element) setViewport({ scrollTop: element.scrollTop, height: element.clientHeight || 400 })
    })
  }

  const rows: ReactNode[] = []
  let painted = 0
  const needle = query.toLowerCase()
  const gutterWidth = `${String(lineCount).length + 1}ch`
  for (let line = start; line < end; line++) {
    const block = blocks.current.get(Math.floor(line / BLOCK))
    const text = block?.lines[line % BLOCK]
    if (text !== undefined) painted++
    const depth = block?.depths[line % BLOCK] ?? 0
    rows.push(
      <div key={line} className={`rp-big-line ${line === activeLine ? 'rp-big-line-active' : ''}`} style={{ height: LINE_HEIGHT }}>
        <span className="rp-big-gutter" style={{ width: gutterWidth }} aria-hidden="true">
          {line + 1}
        </span>
        <span className="rp-big-text">
          {depth > 0 && '  '.repeat(depth)}
          {text === undefined ? '' : colorJson ? colorize(text, needle) : mark(text, needle)}
        </span>
      </div>
    )
  }

  useEffect(() => {
    if (!reported.current && painted > 0) {
      reported.current = true
      onFirstScreen?.()
    }
  })

  return (
    <div className="rp-big-view" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label={label}>
      <div className="rp-big-spacer" style={{ height: contentHeight }}>
        <div className="rp-big-window" style={{ transform: `translateY(${windowTop}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  )
}

/** The line with every occurrence of the search term wrapped in <mark>. */
function mark(text: string, needle: string): ReactNode {
  if (!needle) return text
  const lower = text.toLowerCase()
  let at = lower.indexOf(needle)
  if (at < 0) return text
  const parts: ReactNode[] = []
  let from = 0
  while (at >= 0) {
    if (at > from) parts.push(text.slice(from, at))
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>)
    from = at + needle.length
    at = lower.indexOf(needle, from)
  }
  if (from < text.length) parts.push(text.slice(from))
  return parts
}

const jsonToken = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g

/** One pretty-printed JSON line as coloured tokens (keys, strings, numbers, literals), search hits marked inside each. */
function colorize(text: string, needle: string): ReactNode {
  const parts: ReactNode[] = []
  let from = 0
  jsonToken.lastIndex = 0
  for (let match = jsonToken.exec(text); match; match = jsonToken.exec(text)) {
    if (match.index > from) parts.push(mark(text.slice(from, match.index), needle))
    const kind = match[1] !== undefined ? (match[2] !== undefined ? 'key' : 'string') : match[3] !== undefined ? 'number' : 'literal'
    const token = match[1] ?? match[0]
    parts.push(
      <span key={match.index} className={`rp-json-${kind}`}>
        {mark(token, needle)}
      </span>
    )
    if (match[2] !== undefined) parts.push(mark(match[2], needle))
    from = match.index + match[0].length
  }
  if (from < text.length) parts.push(mark(text.slice(from), needle))
  return parts
}
