import type { OperationTypeNode } from 'graphql'
import { execute, getOperationAST, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql'
import type { RequestContext, Route } from '../http/router'
import { HttpError, readBody, sendJson } from '../http/reply'
import type { NotesStore } from '../rest/notes-store'
import { playgroundRoots, playgroundSchema } from './schema'

const MAX_BODY = 1024 * 1024

interface GraphqlParams {
  query: string
  variables?: Record<string, unknown>
  operationName?: string
}

function paramsOf(value: unknown): GraphqlParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'The body must be a JSON object { query, variables?, operationName? }')
  const { query, variables, operationName } = value as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '')
    throw new HttpError(400, 'query is required: a GraphQL document as a string', { hint: 'Send { "query": "{ hello }" }' })
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    throw new HttpError(400, 'variables must be a JSON object')
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw new HttpError(400, 'operationName must be a string')
  return { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined, operationName: operationName ?? undefined }
}

async function readParams(ctx: RequestContext): Promise<GraphqlParams> {
  if (ctx.req.method === 'GET') {
    const search = ctx.url.searchParams
    let variables: unknown
    try {
      variables = search.has('variables') ? JSON.parse(search.get('variables') ?? '') : undefined
    } catch {
      throw new HttpError(400, 'variables is not valid JSON')
    }
    return paramsOf({ query: search.get('query') ?? '', variables, operationName: search.get('operationName') ?? undefined })
  }
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  const raw = (await readBody(ctx.req, MAX_BODY)).toString('utf8')
  if (type === 'application/graphql') return paramsOf({ query: raw })
  try {
    return paramsOf(JSON.parse(raw))
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'The body is not valid JSON', { hint: 'Send { "query": "..." } with Content-Type: application/json' })
  }
}

/** GraphQL over HTTP (GET and POST, JSON): queries and mutations; subscriptions go over WebSocket. */
export function graphqlRoutes(store: NotesStore): Route[] {
  const roots = playgroundRoots(store)
  return [
    {
      methods: ['GET', 'POST'],
      path: '/graphql',
      summary: 'GraphQL: notes as a type; queries, mutations; subscriptions over WebSocket (graphql-transport-ws) on the same path',
      handler: async (ctx) => {
        const params = await readParams(ctx)
        let document: DocumentNode
        try {
          document = parse(params.query)
        } catch (error) {
          return sendJson(ctx.res, 400, { errors: [{ message: (error as Error).message }] })
        }
        const errors = validate(playgroundSchema, document)
        if (errors.length > 0) return sendJson(ctx.res, 400, { errors: errors.map((e) => e.toJSON()) })
        const operation = getOperationAST(document, params.operationName)
        if (!operation)
          return sendJson(ctx.res, 400, {
            errors: [
              {
                message: params.operationName
                  ? `No operation named "${params.operationName}"`
                  : 'The document has several operations: name the one to run (operationName)'
              }
            ]
          })
        const kind: OperationTypeNode = operation.operation
        if (kind === 'subscription') {
          return sendJson(ctx.res, 400, {
            errors: [{ message: 'Subscriptions run over WebSocket: connect to ws://<this host>/graphql with the graphql-transport-ws protocol' }]
          })
        }
        if (kind === 'mutation' && ctx.req.method === 'GET') {
          return sendJson(ctx.res, 405, { errors: [{ message: 'Mutations need POST' }] }, { Allow: 'POST' })
        }
        const result = (await execute({
          schema: playgroundSchema,
          document,
          rootValue: roots[kind],
          variableValues: params.variables,
          operationName: params.operationName
        })) as ExecutionResult
        sendJson(ctx.res, 200, { ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}), data: result.data ?? null })
      }
    }
  ]
}
