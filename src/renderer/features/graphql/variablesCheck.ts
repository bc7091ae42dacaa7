import { getOperationAST, getVariableValues, parse, type DocumentNode, type GraphQLSchema } from 'graphql'

/**
 * The variables JSON checked against the operation's variable types (`$id: ID!`): each problem as
 * graphql-js words it ('Variable "$id" of required type "ID!" was not provided.'). A document that
 * does not parse yet gives no problems here: the query editor already marks it.
 */
export function checkVariables(schema: GraphQLSchema, query: string, variablesText: string, operationName?: string): string[] {
  let document: DocumentNode
  try {
    document = parse(query)
  } catch {
    return []
  }
  const operation = getOperationAST(document, operationName || undefined)
  if (!operation) return []
  let inputs: Record<string, unknown> = {}
  if (variablesText.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(variablesText)
    } catch (error) {
      return [`The variables are not valid JSON: ${(error as Error).message}`]
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ['The variables must be a JSON object, like {"id": 1}.']
    inputs = parsed as Record<string, unknown>
  }
  const declared = new Set((operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value))
  const unknown = Object.keys(inputs)
    .filter((name) => !declared.has(name))
    .map((name) => `Variable "$${name}" is not declared by the operation; it will be ignored.`)
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 20 })
  return [...('errors' in result && result.errors ? result.errors.map((error) => error.message) : []), ...unknown]
}
