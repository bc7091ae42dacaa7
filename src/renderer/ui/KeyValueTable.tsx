import { useId, useState } from 'react'
import type { KeyValue } from '../../shared/http'
import { Icon } from './Icon'
import { useT } from '../i18n'

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
  const { t } = useT('ui')
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
          aria-label={t('keyValueTable.sAsText', { label })}
          className="kv-bulk-text"
          spellCheck={false}
          value={bulk}
          placeholder={t('keyValueTable.nameValueALine')}
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
            {t('keyValueTable.apply')}
          </button>
          <button type="button" className="link-button" onClick={() => setBulk(undefined)}>
            {t('keyValueTable.cancel')}
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
              <span className="visually-hidden">{t('keyValueTable.on')}</span>
            </th>
            <th scope="col">{t('keyValueTable.name')}</th>
            <th scope="col">{t('keyValueTable.value')}</th>
            <th scope="col" className="kv-action-col">
              <span className="visually-hidden">{t('keyValueTable.remove')}</span>
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
                    <input
                      type="checkbox"
                      aria-label={t('keyValueTable.enabled', { label, n })}
                      checked={row.enabled}
                      onChange={(event) => update(index, { enabled: event.target.checked })}
                    />
                  )}
                </td>
                <td>
                  <input
                    aria-label={isNew ? t('keyValueTable.newName', { label: label.toLowerCase() }) : t('keyValueTable.name2', { label, n })}
                    placeholder={isNew ? (namePlaceholder ?? t('keyValueTable.addAName')) : ''}
                    value={row.name}
                    list={nameSuggestions ? listId : undefined}
                    spellCheck={false}
                    onChange={(event) => update(index, { name: event.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={isNew ? t('keyValueTable.newValue', { label: label.toLowerCase() }) : t('keyValueTable.value2', { label, n })}
                    placeholder={isNew ? t('keyValueTable.value') : ''}
                    value={row.value}
                    list={valueSuggestions ? valueListId : undefined}
                    spellCheck={false}
                    onChange={(event) => update(index, { value: event.target.value })}
                  />
                </td>
                <td>
                  {!isNew && (
                    <button
                      type="button"
                      className="icon-button small"
                      aria-label={t('keyValueTable.remove2', { label: label.toLowerCase(), n })}
                      onClick={() => remove(index)}
                    >
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
            {t('keyValueTable.bulkEdit')}
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
