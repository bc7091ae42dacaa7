import { useEffect, useState } from 'react'
import type { CallOutput } from '../../../shared/contract'
import { api } from '../../app/api'
import { errorText } from './collectionsStore'
import { openRequest } from './itemActions'
import { kindBadge } from '../tabs/tabTitles'
import { useT } from '../../i18n'

type Result = CallOutput<'collection.search'>['results'][number]

/** Requests of every open collection matching the search field (name, URL or method). */
export function SearchResults({ query }: { query: string }) {
  const { t } = useT('collections')
  const [results, setResults] = useState<Result[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      api
        .call('collection.search', { query: query.trim(), limit: 100 })
        .then((out) => current && (setResults(out.results), setError(undefined)))
        .catch((e: unknown) => current && setError(errorText(e)))
    }, 120)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [query])
  if (error) return <p className="search-note error-text">{error}</p>
  if (!results) return <p className="search-note muted">{t('searchResults.searching')}</p>
  if (results.length === 0) return <p className="search-note muted">{t('searchResults.noRequestMatches', { query: query.trim() })}</p>
  return (
    <ul className="search-results" aria-label={t('searchResults.searchResults')}>
      {results.map((r) => (
        <li key={`${r.collectionId}:${r.path}`}>
          <button type="button" className="search-result" onClick={() => void openRequest(r.collectionId, r.path)}>
            {r.kind === 'http' ? (
              <span className={`method-badge tree-badge method-${(r.method ?? 'GET').toLowerCase()}`}>{r.method ?? 'GET'}</span>
            ) : (
              <span className={`method-badge tree-badge kind-${r.kind}`}>{kindBadge(r.kind)}</span>
            )}
            <span className="search-result-text">
              <span className="search-result-name" title={r.name}>
                {r.name}
              </span>
              <span className="search-result-where">
                {r.collectionName} · {r.path}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}
