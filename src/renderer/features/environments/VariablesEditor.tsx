import { useState } from 'react'
import type { Variable } from '../../../shared/collection'
import { useT } from '../../i18n'

/** Rows of variables: name, value (masked when secret, with a reveal toggle), enabled, secret. */
export function VariablesEditor({ label, variables, onChange }: { label: string; variables: Variable[]; onChange: (variables: Variable[]) => void }) {
  const { t } = useT('environments')
  const [revealed, setRevealed] = useState<Set<number>>(new Set())
  const rows = [...variables, { name: '', value: '', enabled: true, secret: false }]
  const update = (index: number, patch: Partial<Variable>): void => {
    const next = rows.map((row, i) => (i === index ? { ...row, ...patch } : row))
    onChange(next.filter((row, i) => i < variables.length || row.name !== '' || row.value !== ''))
  }
  return (
    <table className="vars-table" aria-label={label}>
      <thead>
        <tr>
          <th className="vars-check">
            <span className="visually-hidden">{t('variablesEditor.enabled')}</span>
          </th>
          <th>{t('variablesEditor.name')}</th>
          <th>{t('variablesEditor.value')}</th>
          <th className="vars-secret">{t('variablesEditor.secret')}</th>
          <th className="vars-action">
            <span className="visually-hidden">{t('variablesEditor.remove')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const n = i + 1
          const isNew = i === variables.length
          const masked = row.secret && !revealed.has(i)
          return (
            <tr key={i} className={row.enabled ? '' : 'vars-off'}>
              <td className="vars-check">
                {!isNew && (
                  <input
                    type="checkbox"
                    aria-label={t('variablesEditor.variableEnabled', { n })}
                    checked={row.enabled}
                    onChange={(e) => update(i, { enabled: e.target.checked })}
                  />
                )}
              </td>
              <td>
                <input
                  aria-label={t('variablesEditor.variableName', { n })}
                  placeholder={isNew ? t('variablesEditor.newVariable') : ''}
                  value={row.name}
                  spellCheck={false}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
              </td>
              <td>
                <span className="vars-value">
                  <input
                    aria-label={t('variablesEditor.variableValue', { n })}
                    type={masked ? 'password' : 'text'}
                    value={row.value}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(e) => update(i, { value: e.target.value })}
                  />
                  {row.secret && (
                    <button
                      type="button"
                      className="vars-reveal"
                      aria-label={
                        masked
                          ? t('variablesEditor.showValueOf', { name: row.name || t('variablesEditor.variableN', { n }) })
                          : t('variablesEditor.hideValueOf', { name: row.name || t('variablesEditor.variableN', { n }) })
                      }
                      aria-pressed={!masked}
                      onClick={() =>
                        setRevealed((s) => {
                          const next = new Set(s)
                          if (next.has(i)) next.delete(i)
                          else next.add(i)
                          return next
                        })
                      }
                    >
                      {masked ? t('variablesEditor.show') : t('variablesEditor.hide')}
                    </button>
                  )}
                </span>
              </td>
              <td className="vars-secret">
                {!isNew && (
                  <input
                    type="checkbox"
                    aria-label={t('variablesEditor.variableSecret', { n })}
                    checked={row.secret}
                    onChange={(e) => update(i, { secret: e.target.checked })}
                  />
                )}
              </td>
              <td className="vars-action">
                {!isNew && (
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label={t('variablesEditor.removeVariable', { value: row.name || n })}
                    onClick={() => onChange(variables.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
