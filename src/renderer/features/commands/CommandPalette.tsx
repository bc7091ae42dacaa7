import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { matchCommands, paletteCommands, type Command } from './paletteCommands'
import './commands.css'

const groupLabels: Record<Command['group'], string> = { Tab: 'Open tabs', Request: 'Requests', Environment: 'Environments', Action: 'Actions' }

/** Ctrl/Cmd+K: type to find any open tab, saved request, environment or action; Enter runs it. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const listId = useId()
  const [query, setQuery] = useState('')
  const [index, setIndex] = useState(0)
  const commands = useMemo(() => paletteCommands(), [])
  const matches = useMemo(() => matchCommands(commands, query).slice(0, 200), [commands, query])
  const current = matches[Math.min(index, matches.length - 1)]
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  useEffect(() => {
    if (current) document.getElementById(`${listId}-${current.id}`)?.scrollIntoView({ block: 'nearest' })
  }, [current, listId])
  const run = (command: Command | undefined): void => {
    if (!command) return
    onClose()
    command.run()
  }
  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label="Command palette"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose()
      }}
    >
      <input
        autoFocus
        role="combobox"
        aria-label="Find a request, tab, environment or action"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        className="palette-input"
        placeholder="Find a request, tab, environment or action…"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setIndex(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setIndex((i) => (Math.min(i, matches.length - 1) + step + matches.length) % Math.max(1, matches.length))
          } else if (event.key === 'Enter') {
            event.preventDefault()
            run(current)
          }
        }}
      />
      <div role="listbox" id={listId} aria-label="Results" className="palette-list">
        {matches.length === 0 && <p className="muted palette-empty">Nothing matches “{query}”.</p>}
        {matches.map((command, i) => {
          const first = i === 0 || matches[i - 1]!.group !== command.group
          return (
            <div key={command.id}>
              {first && !query && <div className="palette-group" aria-hidden="true">{groupLabels[command.group]}</div>}
              <div
                role="option"
                id={`${listId}-${command.id}`}
                aria-selected={command === current}
                className={`palette-option ${command === current ? 'palette-option-active' : ''}`}
                onMouseMove={() => setIndex(i)}
                onClick={() => run(command)}
              >
                {command.badge && <span className={`method-badge palette-badge method-${command.badge.toLowerCase()}`}>{command.badge}</span>}
                <span className="palette-label" title={command.label}>{command.label}</span>
                {command.detail && <span className="palette-detail muted">{command.detail}</span>}
                <span className="palette-kind muted">{command.group}</span>
              </div>
            </div>
          )
        })}
      </div>
      <p className="palette-footer muted">
        <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> to run, <kbd>Esc</kbd> to close
      </p>
    </dialog>
  )
}
