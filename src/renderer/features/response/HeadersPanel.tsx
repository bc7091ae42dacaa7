import type { HeaderList } from '../../../shared/http'

/** Headers exactly as they came: in order, repeated ones kept. */
export function HeadersPanel({ headers, label = 'Response headers' }: { headers: HeaderList; label?: string }) {
  if (headers.length === 0) return <p className="muted rp-panel-empty">No headers.</p>
  return (
    <table className="kv-table rp-response-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
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
