import type { Extension } from '@codemirror/state'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { HttpBody } from '../../../shared/http'
import { useT } from '../../i18n'
import { CodeEditor } from '../../ui/CodeEditor'
import { loadGraphqlTooling } from '../../ui/codeLanguages'
import { FileChooser } from '../request/FileChooser'
import { addFieldToDocument } from './addField'
import { SchemaExplorer } from './SchemaExplorer'
import { schemaActions, useSchemas } from './schemaStore'
import { checkVariables } from './variablesCheck'
import './graphql.css'

type GraphqlBodyValue = Extract<HttpBody, { type: 'graphql' }>

/**
 * The GraphQL body: the query editor (completion, validation as you type, hover docs and
 * Ctrl/Cmd+click to a type once a schema is loaded), operation name, variables checked against the
 * operation's variable types, and the schema explorer. Loaded on first use with the graphql library.
 */
export default function GraphqlBody({ tabId, body, onChange }: { tabId: string; body: GraphqlBodyValue; onChange(body: HttpBody): void }) {
  const { t } = useT('graphql')
  const entry = useSchemas((s) => s.byTab[tabId])
  const schema = entry?.schema
  const [explorerOpen, setExplorerOpen] = useState(false)
  const [focus, setFocus] = useState<{ type: string; nonce: number }>()
  const [tooling, setTooling] = useState<Extension>()
  const [notice, setNotice] = useState<string>()
  const showInDocs = useRef((_field?: string, type?: string, _parent?: string) => {
    if (!type) return
    setExplorerOpen(true)
    setFocus({ type: type.replace(/[[\]!]/g, ''), nonce: Date.now() })
  })

  useEffect(() => {
    let current = true
    if (!schema) setTooling(undefined)
    else void loadGraphqlTooling(schema, (...args) => showInDocs.current(...args)).then((extension) => current && setTooling(extension))
    return () => {
      current = false
    }
  }, [schema])

  const problems = useMemo(
    () => (schema ? checkVariables(schema, body.query, body.variables, body.operationName) : []),
    [schema, body.query, body.variables, body.operationName]
  )

  const addField = (operation: 'query' | 'mutation' | 'subscription', path: string[], leaf?: string) => {
    const next = addFieldToDocument(body.query, operation, path, leaf, body.operationName)
    if (next === undefined) setNotice(t('explorer.cannotAdd'))
    else {
      setNotice(undefined)
      onChange({ ...body, query: next })
    }
  }

  const loading = entry?.state === 'loading'
  return (
    <div className={`graphql-editor ${explorerOpen && schema ? 'gql-with-explorer' : ''}`}>
      <div className="gql-toolbar" role="toolbar" aria-label={t('toolbar')}>
        <button
          type="button"
          className="secondary-button compact"
          disabled={loading}
          onClick={() => void schemaActions.introspect(tabId, schema !== undefined)}
        >
          {loading ? t('schema.loading') : schema ? t('schema.refresh') : t('schema.fetch')}
        </button>
        <FileChooser label={t('schema.loadFile')} onChosen={(path) => void schemaActions.loadFile(tabId, path)} />
        <button
          type="button"
          className="secondary-button compact"
          aria-pressed={explorerOpen}
          disabled={!schema}
          onClick={() => setExplorerOpen((open) => !open)}
        >
          {t('explorer.toggle')}
        </button>
        <span className="gql-schema-status muted" role="status" aria-label={t('schema.status')}>
          {entry?.info && entry.state !== 'error'
            ? t(entry.info.source.kind === 'file' ? 'schema.fromFile' : 'schema.fromIntrospection', {
                count: entry.info.typeCount,
                where: entry.info.source.kind === 'file' ? entry.info.source.path : entry.info.source.url,
                cached: entry.info.cached ? 'yes' : 'no'
              })
            : t('schema.none')}
        </span>
      </div>
      {entry?.state === 'error' && (
        <p role="alert" className="error-text gql-schema-error">
          {entry.error}
        </p>
      )}
      {notice && (
        <p role="alert" className="error-text">
          {notice}
        </p>
      )}
      <div className="gql-main">
        <div className="editor-frame gql-query">
          <CodeEditor
            label={t('query')}
            language="graphql"
            value={body.query}
            onChange={(query) => onChange({ ...body, query })}
            placeholder="query { viewer { id } }"
            extensions={tooling}
          />
        </div>
        <div className="graphql-side">
          <label className="inline-field">
            {t('operationName')}
            <input value={body.operationName ?? ''} onChange={(event) => onChange({ ...body, operationName: event.target.value || undefined })} />
          </label>
          <div className="editor-frame">
            <CodeEditor
              label={t('variables')}
              language="json"
              value={body.variables}
              onChange={(variables) => onChange({ ...body, variables })}
              placeholder='{ "id": 1 }'
            />
          </div>
          {problems.length > 0 && (
            <ul className="gql-problems error-text" aria-label={t('variableProblems')}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
        {explorerOpen && schema && <SchemaExplorer schema={schema} focus={focus} onAddField={addField} />}
      </div>
    </div>
  )
}
