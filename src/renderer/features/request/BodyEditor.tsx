import { lazy, Suspense, useState } from 'react'
import type { HttpBody, MultipartPart } from '../../../shared/http'
import { CodeEditor } from '../../ui/CodeEditor'
import { KeyValueTable } from '../../ui/KeyValueTable'
import { FileChooser } from './FileChooser'
import { useT } from '../../i18n'

// The GraphQL editor brings the graphql library and cm6-graphql: loaded when a GraphQL body is first shown.
const GraphqlBody = lazy(() => import('../graphql/GraphqlBody'))

const bodyTypes: { type: HttpBody['type']; label: string }[] = [
  { type: 'none', label: 'bodyEditor.types.none' },
  { type: 'json', label: 'JSON' },
  { type: 'text', label: 'bodyEditor.types.text' },
  { type: 'xml', label: 'XML' },
  { type: 'form', label: 'bodyEditor.types.form' },
  { type: 'multipart', label: 'bodyEditor.types.multipart' },
  { type: 'binary', label: 'bodyEditor.types.binary' },
  { type: 'graphql', label: 'GraphQL' }
]

/** Carries the text over when switching between text-like types, so nothing typed is lost. */
function switchType(body: HttpBody, type: HttpBody['type']): HttpBody {
  const text = 'text' in body ? body.text : body.type === 'graphql' ? body.query : ''
  switch (type) {
    case 'none':
      return { type }
    case 'json':
    case 'xml':
      return { type, text }
    case 'text':
      return { type, text }
    case 'form':
      return { type, fields: [] }
    case 'multipart':
      return { type, parts: [] }
    case 'binary':
      return { type, path: '' }
    case 'graphql':
      return { type, query: text, variables: '' }
  }
}

export function BodyEditor({ tabId, body, onChange }: { tabId: string; body: HttpBody; onChange(body: HttpBody): void }) {
  const { t } = useT('request')
  return (
    <div className="body-editor">
      <div role="radiogroup" aria-label={t('bodyEditor.bodyType')} className="segmented">
        {bodyTypes.map(({ type, label }) => (
          <label key={type} className={`segment ${body.type === type ? 'segment-active' : ''}`}>
            <input type="radio" name="body-type" value={type} checked={body.type === type} onChange={() => onChange(switchType(body, type))} />
            {label.includes('.') ? t(label) : label}
          </label>
        ))}
      </div>
      <BodyFields tabId={tabId} body={body} onChange={onChange} />
    </div>
  )
}

function BodyFields({ tabId, body, onChange }: { tabId: string; body: HttpBody; onChange(body: HttpBody): void }) {
  const { t } = useT('request')
  switch (body.type) {
    case 'none':
      return <p className="muted section-empty">{t('bodyEditor.thisRequestHasNo')}</p>
    case 'json':
      return <JsonBody body={body} onChange={onChange} />
    case 'xml':
      return (
        <div className="editor-frame">
          <CodeEditor label={t('bodyEditor.body')} language="xml" value={body.text} onChange={(text) => onChange({ ...body, text })} placeholder={'<root/>'} />
        </div>
      )
    case 'text':
      return (
        <div className="body-stack">
          <label className="inline-field">
            {'Content-Type'}
            <input
              value={body.contentType ?? ''}
              placeholder={'text/plain'}
              onChange={(event) => onChange({ ...body, contentType: event.target.value || undefined })}
            />
          </label>
          <div className="editor-frame">
            <CodeEditor label={t('bodyEditor.body')} language="text" value={body.text} onChange={(text) => onChange({ ...body, text })} />
          </div>
        </div>
      )
    case 'form':
      return <KeyValueTable label={t('bodyEditor.field')} rows={body.fields} onChange={(fields) => onChange({ ...body, fields })} bulkEdit />
    case 'multipart':
      return <MultipartEditor parts={body.parts} onChange={(parts) => onChange({ ...body, parts })} />
    case 'binary':
      return (
        <div className="body-stack">
          <div className="inline-field grow">
            <FilePathField label={t('bodyEditor.fileToSend')} value={body.path} onChange={(path) => onChange({ ...body, path })} />
            <FileChooser
              label={t('bodyEditor.chooseFileToSend')}
              onChosen={(path, file) => onChange({ ...body, path, contentType: body.contentType ?? (file.type || undefined) })}
            />
          </div>
          <label className="inline-field">
            {'Content-Type'}
            <input
              value={body.contentType ?? ''}
              placeholder={'application/octet-stream'}
              onChange={(event) => onChange({ ...body, contentType: event.target.value || undefined })}
            />
          </label>
        </div>
      )
    case 'graphql':
      return (
        <Suspense fallback={<p className="muted section-empty">{t('bodyEditor.loadingGraphql')}</p>}>
          <GraphqlBody tabId={tabId} body={body} onChange={onChange} />
        </Suspense>
      )
  }
}

/** The JSON editor with a Format button; invalid JSON is explained, never rewritten. */
function JsonBody({ body, onChange }: { body: Extract<HttpBody, { type: 'json' }>; onChange(body: HttpBody): void }) {
  const { t } = useT('request')
  const [problem, setProblem] = useState<string>()
  const format = (): void => {
    try {
      onChange({ ...body, text: JSON.stringify(JSON.parse(body.text), null, 2) })
      setProblem(undefined)
    } catch (error) {
      setProblem(t('bodyEditor.notFormattedFixThe', { message: (error as Error).message }))
    }
  }
  return (
    <div className="body-stack">
      <div className="editor-frame">
        <CodeEditor
          label={t('bodyEditor.body')}
          language="json"
          value={body.text}
          onChange={(text) => onChange({ ...body, text })}
          placeholder={'{ "key": "value" }'}
        />
      </div>
      <div className="kv-toolbar">
        <button type="button" className="link-button" disabled={body.text.trim() === ''} onClick={format}>
          {t('bodyEditor.formatJson')}
        </button>
        {problem && (
          <span role="alert" className="error-text">
            {problem}
          </span>
        )}
      </div>
    </div>
  )
}

/** A path on the disk of the machine running core: files are streamed from there, never copied into the window. */
function FilePathField({ label, value, onChange }: { label: string; value: string; onChange(path: string): void }) {
  return (
    <label className="inline-field grow">
      {label}
      <input value={value} placeholder={'/absolute/path/to/file'} spellCheck={false} onChange={(event) => onChange(event.target.value)} />
    </label>
  )
}

function MultipartEditor({ parts, onChange }: { parts: MultipartPart[]; onChange(parts: MultipartPart[]): void }) {
  const { t } = useT('request')
  const update = (index: number, part: MultipartPart): void => onChange(parts.map((p, i) => (i === index ? part : p)))
  return (
    <div className="body-stack">
      <table className="kv-table kv-edit" aria-label={t('bodyEditor.multipartParts')}>
        <thead>
          <tr>
            <th scope="col" className="kv-check-col">
              <span className="visually-hidden">{t('bodyEditor.on')}</span>
            </th>
            <th scope="col">{t('bodyEditor.name')}</th>
            <th scope="col">{t('bodyEditor.kind')}</th>
            <th scope="col">{t('bodyEditor.valueOrFilePath')}</th>
            <th scope="col" className="kv-action-col">
              <span className="visually-hidden">{t('bodyEditor.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part, index) => {
            const n = index + 1
            return (
              <tr key={index} className={part.enabled ? '' : 'kv-off'}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('bodyEditor.partEnabled', { n })}
                    checked={part.enabled}
                    onChange={(event) => update(index, { ...part, enabled: event.target.checked })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t('bodyEditor.partName', { n })}
                    value={part.name}
                    onChange={(event) => update(index, { ...part, name: event.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('bodyEditor.partKind', { n })}
                    value={part.kind}
                    onChange={(event) =>
                      update(
                        index,
                        event.target.value === 'file'
                          ? { kind: 'file', name: part.name, path: '', enabled: part.enabled }
                          : { kind: 'text', name: part.name, value: '', enabled: part.enabled }
                      )
                    }
                  >
                    <option value="text">{t('bodyEditor.text3')}</option>
                    <option value="file">{t('bodyEditor.file')}</option>
                  </select>
                </td>
                <td>
                  {part.kind === 'text' ? (
                    <input
                      aria-label={t('bodyEditor.partValue', { n })}
                      value={part.value}
                      onChange={(event) => update(index, { ...part, value: event.target.value })}
                    />
                  ) : (
                    <span className="inline-field grow">
                      <input
                        aria-label={t('bodyEditor.partFilePath', { n })}
                        value={part.path}
                        placeholder={'/absolute/path/to/file'}
                        onChange={(event) => update(index, { ...part, path: event.target.value })}
                      />
                      <FileChooser
                        label={t('bodyEditor.chooseFileForPart', { n })}
                        onChosen={(path, file) =>
                          update(index, { ...part, path, filename: part.filename ?? file.name, contentType: part.contentType ?? (file.type || undefined) })
                        }
                      />
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label={t('bodyEditor.removePart', { n })}
                    onClick={() => onChange(parts.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="kv-toolbar">
        <button type="button" className="link-button" onClick={() => onChange([...parts, { kind: 'text', name: '', value: '', enabled: true }])}>
          {t('bodyEditor.addTextPart')}
        </button>
        <button type="button" className="link-button" onClick={() => onChange([...parts, { kind: 'file', name: '', path: '', enabled: true }])}>
          {t('bodyEditor.addFilePart')}
        </button>
      </div>
    </div>
  )
}
