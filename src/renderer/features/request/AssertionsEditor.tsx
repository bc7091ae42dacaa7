import { assertionOperators, type Assertion, type AssertionOperator } from '../../../shared/scripts'
import { Icon } from '../../ui/Icon'
import { useT } from '../../i18n'

const targetSuggestions = ['status', 'time', 'body', 'body $.', 'header content-type', 'example ']
const isExampleRow = (row: Assertion): boolean => /^example(\s|$)/i.test(row.target.trim())

/**
 * Assertion rows without code, like Bruno's: `status == 200`, `body $.items.length > 0`,
 * `header content-type contains json`, `time < 500`, `example <name> matches` (the expected value
 * then lists JSON paths to ignore). Each row is a test of every send.
 */
export function AssertionsEditor({ rows, onChange }: { rows: Assertion[]; onChange(rows: Assertion[]): void }) {
  const { t } = useT('request')
  const shown: Assertion[] = [...rows, { target: '', operator: '==', expected: '', enabled: true }]
  const update = (index: number, patch: Partial<Assertion>): void => {
    const next = shown.map((row, i) => (i === index ? { ...row, ...patch } : row))
    onChange(next.filter((row, i) => i < rows.length || row.target !== '' || row.expected !== ''))
  }
  return (
    <div className="kv">
      <table className="kv-table kv-edit" aria-label={t('assertionsEditor.assertions')}>
        <thead>
          <tr>
            <th scope="col" className="kv-check-col">
              <span className="visually-hidden">{t('assertionsEditor.on')}</span>
            </th>
            <th scope="col">{t('assertionsEditor.target')}</th>
            <th scope="col">{t('assertionsEditor.operator')}</th>
            <th scope="col">{t('assertionsEditor.expected')}</th>
            <th scope="col" className="kv-action-col">
              <span className="visually-hidden">{t('assertionsEditor.remove')}</span>
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
                      aria-label={t('assertionsEditor.assertionEnabled', { n })}
                      checked={row.enabled}
                      onChange={(e) => update(index, { enabled: e.target.checked })}
                    />
                  )}
                </td>
                <td>
                  <input
                    aria-label={isNew ? t('assertionsEditor.newAssertionTarget') : t('assertionsEditor.assertionTarget', { n })}
                    placeholder={isNew ? t('assertionsEditor.statusTimeBodyPath') : ''}
                    list="assertion-targets"
                    spellCheck={false}
                    value={row.target}
                    onChange={(e) => {
                      const target = e.target.value
                      // An example row compares with `matches`; picking the target picks the operator.
                      const becameExample = isExampleRow({ ...row, target }) && !isExampleRow(row)
                      update(index, becameExample ? { target, operator: 'matches' } : { target })
                    }}
                  />
                </td>
                <td>
                  <select
                    aria-label={isNew ? t('assertionsEditor.newAssertionOperator') : t('assertionsEditor.assertionOperator', { n })}
                    value={row.operator}
                    onChange={(e) => update(index, { operator: e.target.value as AssertionOperator })}
                  >
                    {assertionOperators.map((op) => (
                      <option key={op} value={op}>
                        {op}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={isNew ? t('assertionsEditor.newAssertionExpectedValue') : t('assertionsEditor.assertionExpectedValue', { n })}
                    placeholder={isExampleRow(row) ? t('assertionsEditor.pathsToIgnore') : isNew ? '200' : ''}
                    spellCheck={false}
                    disabled={row.operator === 'exists' || row.operator === 'not exists'}
                    value={row.expected}
                    onChange={(e) => update(index, { expected: e.target.value })}
                  />
                </td>
                <td>
                  {!isNew && (
                    <button
                      type="button"
                      className="icon-button small"
                      aria-label={t('assertionsEditor.removeAssertion', { n })}
                      onClick={() => onChange(rows.filter((_, i) => i !== index))}
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
      <datalist id="assertion-targets">
        {targetSuggestions.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </div>
  )
}
