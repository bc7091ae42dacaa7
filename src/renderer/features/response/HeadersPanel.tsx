import type { HeaderList } from '../../../shared/http'
import { useT } from '../../i18n'

/** Headers exactly as they came: in order, repeated ones kept. */
export function HeadersPanel({ headers, label }: { headers: HeaderList; label?: string }) {
  const { t } = useT('response')
  label ??= t('headersPanel.responseHeaders')
  if (headers.length === 0) return <p className="muted rp-panel-empty">{t('headersPanel.noHeaders')}</p>
  return (
    <table className="kv-table rp-response-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('headersPanel.name')}</th>
          <th scope="col">{t('headersPanel.value')}</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${index}-${name}`}>
            <td className="rp-header-name">{name}</td>
            <td className="header-value">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
