import type { VariableInput } from '../../../shared/collection'
import { postmanEnvironmentOf } from './detectFormat'
import { asArray, asString, emptyCollection, field, importVariable, type ImportedCollection } from './importModel'

/**
 * A Postman environment (or globals) export: a collection holding one environment of that name,
 * ready to be used, or copied into another collection's environments.
 */
export function importPostmanEnvironment(file: unknown): ImportedCollection {
  const doc = postmanEnvironmentOf(file)
  const name = asString(field(doc, 'name')) || 'Postman environment'
  const out = emptyCollection(name)
  const variables: VariableInput[] = []
  for (const value of asArray(field(doc, 'values'))) {
    const v = importVariable(field(value, 'key'), field(value, 'value'), {
      enabled: field(value, 'enabled') !== false,
      secret: field(value, 'type') === 'secret',
      where: out.name,
      unsupported: out.unsupported
    })
    if (v) variables.push(v)
  }
  out.environments.push({ name: out.name, variables })
  return out
}
