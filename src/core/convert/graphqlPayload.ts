import type { HttpBody } from '../../shared/http'

/**
 * A GraphQL body as the JSON a server receives: query, variables (when they parse) and
 * operation name. Variables that are not valid JSON are left out and reported in `warnings`.
 */
export function graphqlPayloadText(body: Extract<HttpBody, { type: 'graphql' }>, warnings: string[]): string {
  const payload: Record<string, unknown> = { query: body.query }
  if (body.variables.trim() !== '') {
    try {
      payload['variables'] = JSON.parse(body.variables)
    } catch {
      warnings.push('The GraphQL variables are not valid JSON and were left out.')
    }
  }
  if (body.operationName) payload['operationName'] = body.operationName
  return JSON.stringify(payload)
}
