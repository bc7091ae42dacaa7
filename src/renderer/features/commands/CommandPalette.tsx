import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { matchCommands, paletteCommands, type Command } from './paletteCommands'
import './commands.css'
import { useT } from '../../i18n'

const groupLabels: Record<Command['group'], string> = {
  Tab: 'groups.tabs',
  Request: 'groups.requests',
  Environment: 'groups.environments',
  Action: 'groups.actions'
}

/** Ctrl/Cmd+K: type to find any open tab, saved request, environment or action; Enter runs it. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { t } = useT('commands')
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
      aria-label={t('commandPalette.commandPalette')}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose()
      }}
    >
      <input
        autoFocus
        role="combobox"
        aria-label={t('commandPalette.findARequestTab')}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        className="palette-input"
        placeholder={t('commandPalette.findARequestTab2')}
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
      <div role="listbox" id={listId} aria-label={t('commandPalette.results')} className="palette-list">
        {matches.length === 0 && <p className="muted palette-empty">{t('commandPalette.nothingMatches', { query })}</p>}
        {matches.map((command, i) => {
          const first = i === 0 || matches[i - 1]!.group !== command.group
          return (
            <div key={command.id}>
              {first && !query && (
                <div className="palette-group" aria-hidden="true">
                  {t(groupLabels[command.group])}
                </div>
              )}
              <div
                role="option"
                id={`${listId}-${command.id}`}
                aria-selected={command === current}
                className={`palette-option ${command === current ? 'palette-option-active' : ''}`}
                onMouseMove={() => setIndex(i)}
                onClick={() => run(command)}
              >
                {command.badge && <span className={`method-badge palette-badge method-${command.badge.toLowerCase()}`}>{command.badge}</span>}
                <span className="palette-label" title={command.label}>
                  {command.label}
                </span>
                {command.detail && <span className="palette-detail muted">{command.detail}</span>}
                <span className="palette-kind muted">{t(groupLabels[command.group])}</span>
              </div>
            </div>
          )
        })}
      </div>
      <p className="palette-footer muted">
        <kbd>↑</kbd> <kbd>↓</kbd> {t('commandPalette.toChoose')} <kbd>{t('keys.Enter')}</kbd> {t('commandPalette.toRun')} <kbd>Esc</kbd>{' '}
        {t('commandPalette.toClose')}
      </p>
    </dialog>
  )
}
