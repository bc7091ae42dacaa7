import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema
} from 'graphql'
import { useEffect, useMemo, useState } from 'react'
import { useT } from '../../i18n'

type Operation = 'query' | 'mutation' | 'subscription'

/** Where the explorer is: a type, and the field path from a root type that led there (so fields can be added). */
interface Place {
  type: string
  path?: { operation: Operation; fields: string[] }
}

/** A field to select inside an object-typed field: `id` if it has one, else its first scalar field. */
export function leafOf(type: GraphQLNamedType): string | undefined {
  if (!isObjectType(type) && !isInterfaceType(type)) return undefined
  const fields = Object.values(type.getFields())
  return (
    (fields.find((f) => f.name === 'id') ?? fields.find((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => a.type.toString().endsWith('!'))))
      ?.name ?? '__typename'
  )
}

/**
 * The schema explorer: root types, every type with its fields, arguments, descriptions and
 * deprecations; a field reached from a root type can be added to the query with one click.
 */
export function SchemaExplorer({
  schema,
  focus,
  onAddField
}: {
  schema: GraphQLSchema
  focus?: { type: string; nonce: number }
  onAddField(operation: Operation, path: string[], leaf?: string): void
}) {
  const { t } = useT('graphql')
  const [trail, setTrail] = useState<Place[]>([])
  const [filter, setFilter] = useState('')
  useEffect(() => {
    if (focus && schema.getType(focus.type)) setTrail([{ type: focus.type }])
  }, [focus, schema])
  const roots = useMemo(
    () =>
      (
        [
          ['query', schema.getQueryType()],
          ['mutation', schema.getMutationType()],
          ['subscription', schema.getSubscriptionType()]
        ] as const
      ).flatMap(([operation, type]) => (type ? [{ operation, type }] : [])),
    [schema]
  )
  const types = useMemo(
    () =>
      Object.values(schema.getTypeMap())
        .filter((type) => !type.name.startsWith('__'))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [schema]
  )
  const place = trail.at(-1)
  const type = place ? schema.getType(place.type) : undefined

  return (
    <nav className="gql-explorer" aria-label={t('explorer.label')}>
      <div className="gql-explorer-bar">
        <button
          type="button"
          className="link-button"
          disabled={trail.length === 0}
          onClick={() => setTrail((all) => all.slice(0, -1))}
          aria-label={t('explorer.back')}
        >
          ← {t('explorer.back')}
        </button>
        <span className="gql-breadcrumb" aria-label={t('explorer.where')}>
          {place?.path ? [place.path.operation, ...place.path.fields].join(' › ') : (place?.type ?? t('explorer.home'))}
        </span>
      </div>
      {!type && (
        <div className="gql-explorer-body">
          <h4>{t('explorer.roots')}</h4>
          <ul className="gql-list">
            {roots.map(({ operation, type: root }) => (
              <li key={operation}>
                <button type="button" className="link-button" onClick={() => setTrail([{ type: root.name, path: { operation, fields: [] } }])}>
                  {operation}: {root.name}
                </button>
              </li>
            ))}
          </ul>
          <h4>{t('explorer.allTypes')}</h4>
          <input
            className="gql-filter"
            value={filter}
            placeholder={t('explorer.filterPlaceholder')}
            aria-label={t('explorer.filter')}
            onChange={(event) => setFilter(event.target.value)}
          />
          <ul className="gql-list">
            {types
              .filter((candidate) => candidate.name.toLowerCase().includes(filter.trim().toLowerCase()))
              .map((candidate) => (
                <li key={candidate.name}>
                  <button type="button" className="link-button" onClick={() => setTrail([{ type: candidate.name }])}>
                    {candidate.name}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      )}
      {type && place && <TypeView type={type} place={place} onOpen={(next) => setTrail((all) => [...all, next])} onAddField={onAddField} />}
    </nav>
  )
}

function TypeView({
  type,
  place,
  onOpen,
  onAddField
}: {
  type: GraphQLNamedType
  place: Place
  onOpen(place: Place): void
  onAddField(operation: Operation, path: string[], leaf?: string): void
}) {
  const { t } = useT('graphql')
  const fields: GraphQLField<unknown, unknown>[] = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []
  return (
    <div className="gql-explorer-body">
      <h4 className="gql-type-name">{type.name}</h4>
      {type.description && <p className="gql-description">{type.description}</p>}
      {fields.length > 0 && (
        <ul className="gql-fields" aria-label={t('explorer.fieldsOf', { type: type.name })}>
          {fields.map((field) => {
            const named = getNamedType(field.type)
            const path = place.path ? { operation: place.path.operation, fields: [...place.path.fields, field.name] } : undefined
            return (
              <li key={field.name} className={field.deprecationReason ? 'gql-deprecated' : ''}>
                <div className="gql-field-line">
                  {path && (
                    <button
                      type="button"
                      className="icon-button small"
                      aria-label={t('explorer.add', { field: field.name })}
                      title={t('explorer.add', { field: field.name })}
                      onClick={() => onAddField(path.operation, path.fields, leafOf(named))}
                    >
                      +
                    </button>
                  )}
                  <span className="gql-field-name">{field.name}</span>
                  {field.args.length > 0 && (
                    <span className="gql-args">
                      (
                      {field.args
                        .map((arg) => `${arg.name}: ${arg.type.toString()}${arg.defaultValue !== undefined ? ` = ${JSON.stringify(arg.defaultValue)}` : ''}`)
                        .join(', ')}
                      )
                    </span>
                  )}
                  :{' '}
                  <button
                    type="button"
                    className="link-button gql-type-link"
                    aria-label={t('explorer.openType', { type: named.name, field: field.name })}
                    onClick={() => onOpen({ type: named.name, path: isObjectType(named) || isInterfaceType(named) ? path : undefined })}
                  >
                    {field.type.toString()}
                  </button>
                </div>
                {field.description && <p className="gql-description">{field.description}</p>}
                {field.deprecationReason && <p className="gql-deprecation">{t('explorer.deprecated', { reason: field.deprecationReason })}</p>}
                {field.args
                  .filter((arg) => arg.description || arg.deprecationReason)
                  .map((arg) => (
                    <p key={arg.name} className="gql-description gql-arg-doc">
                      <code>{arg.name}</code>: {arg.description}
                      {arg.deprecationReason && ` ${t('explorer.deprecated', { reason: arg.deprecationReason })}`}
                    </p>
                  ))}
              </li>
            )
          })}
        </ul>
      )}
      {isInputObjectType(type) && (
        <ul className="gql-fields" aria-label={t('explorer.fieldsOf', { type: type.name })}>
          {Object.values(type.getFields()).map((field) => (
            <li key={field.name}>
              <span className="gql-field-name">{field.name}</span>: {field.type.toString()}
              {field.description && <p className="gql-description">{field.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {isEnumType(type) && (
        <ul className="gql-fields" aria-label={t('explorer.valuesOf', { type: type.name })}>
          {type.getValues().map((value) => (
            <li key={value.name} className={value.deprecationReason ? 'gql-deprecated' : ''}>
              <span className="gql-field-name">{value.name}</span>
              {value.description && <p className="gql-description">{value.description}</p>}
              {value.deprecationReason && <p className="gql-deprecation">{t('explorer.deprecated', { reason: value.deprecationReason })}</p>}
            </li>
          ))}
        </ul>
      )}
      {isUnionType(type) && (
        <p className="gql-description">
          {t('explorer.unionOf', {
            types: type
              .getTypes()
              .map((member) => member.name)
              .join(', ')
          })}
        </p>
      )}
    </div>
  )
}
