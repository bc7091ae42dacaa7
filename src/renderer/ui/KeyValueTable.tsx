import { useId, useState } from 'react'
import type { KeyValue } from '../../shared/http'
import { Icon } from './Icon'

interface KeyValueTableProps {
  /** Names the table and each control in it, e.g. "Header" gives "Header 1 name". */
  label: string
  rows: KeyValue[]
  onChange(rows: KeyValue[]): void
  nameSuggestions?: readonly string[]
  valueSuggestions?: readonly string[]
  /** Offers a text view of the rows as `name: value` lines. */
  bulkEdit?: boolean
  namePlaceholder?: string
}

/** Editable name/value rows with enable switches; a new row appears as soon as the last one is typed in. */
export function KeyValueTable({ label, rows, onChange, nameSuggestions, valueSuggestions, bulkEdit, namePlaceholder }: KeyValueTableProps) {
  const [bulk, setBulk] = useState<string | undefined>()
  const listId = useId()
  const valueListId = useId()
  const shown = [...rows, { name: '', value: '', enabled: true }]
  const update = (index: number, patch: Partial<KeyValue>): void => {
    const next = shown.map((row, i) => (i === index ? { ...row, ...patch } : row))
    onChange(next.filter((row, i) => i < rows.length || row.name !== '' || row.value !== ''))
  }
  const remove = (index: number): void => onChange(rows.filter((_, i) => i !== index))

  if (bulk !== undefined) {
    return (
      <div className="kv-bulk">
        <textarea
          aria-label={`${label}s as text`}
          className="kv-bulk-text"
          spellCheck={false}
          value={bulk}
          placeholder={'Name: value\n# a line starting with # is switched off'}
          onChange={(event) => setBulk(event.target.value)}
        />
        <div className="kv-toolbar">
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              onChange(parseBulk(bulk))
              setBulk(undefined)
            }}
          >
            Apply
          </button>
          <button type="button" className="link-button" onClick={() => setBulk(undefined)}>
            Cancel
          </button>
        </div>
      </div>
    )
  }

  return (
    <div className="kv">
      <table className="kv-table kv-edit" aria-label={`${label}s`}>
        <thead>
          <tr>
            <th scope="col" className="kv-check-col">
              <span className="visually-hidden">On</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col" className="kv-action-col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row, index) => {
            const isNew = index === rows.length
            const n = index + 1
            return (
              <tr key={index} className={row.enabled ? '' : 'kv-off'}>
                <td>
                  {!isNew && (
                    <input type="checkbox" aria-label={`${label} ${n} enabled`} checked={row.enabled} onChange={(event) => update(index, { enabled: event.target.checked })} />
                  )}
                </td>
                <td>
                  <input
                    aria-label={isNew ? `New ${label.toLowerCase()} name` : `${label} ${n} name`}
                    placeholder={isNew ? (namePlaceholder ?? 'Add a name') : ''}
                    value={row.name}
                    list={nameSuggestions ? listId : undefined}
                    spellCheck={false}
                    onChange={(event) => update(index, { name: event.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={isNew ? `New ${label.toLowerCase()} value` : `${label} ${n} value`}
                    placeholder={isNew ? 'Value' : ''}
                    value={row.value}
                    list={valueSuggestions ? valueListId : undefined}
                    spellCheck={false}
                    onChange={(event) => update(index, { value: event.target.value })}
                  />
                </td>
                <td>
                  {!isNew && (
                    <button type="button" className="icon-button small" aria-label={`Remove ${label.toLowerCase()} ${n}`} onClick={() => remove(index)}>
                      <Icon name="close" size={12} />
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {nameSuggestions && (
        <datalist id={listId}>
          {nameSuggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      {valueSuggestions && (
        <datalist id={valueListId}>
          {valueSuggestions.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      )}
      {bulkEdit && (
        <div className="kv-toolbar">
          <button type="button" className="link-button" onClick={() => setBulk(formatBulk(rows))}>
            Bulk edit
          </button>
        </div>
      )}
    </div>
  )
}

function formatBulk(rows: KeyValue[]): string {
  return rows.map((row) => `${row.enabled ? '' : '# '}${row.name}: ${row.value}`).join('\n')
}

function parseBulk(text: string): KeyValue[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const enabled = !line.startsWith('#')
      const body = enabled ? line : line.replace(/^#\s*/, '')
      const colon = body.indexOf(':')
      return colon < 0 ? { name: body, value: '', enabled } : { name: body.slice(0, colon).trim(), value: body.slice(colon + 1).trim(), enabled }
    })
}
