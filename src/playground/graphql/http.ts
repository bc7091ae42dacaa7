import type { OperationTypeNode } from 'graphql'
import { execute, getOperationAST, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql'
import type { RequestContext, Route } from '../http/router'
import { HttpError, readBody, sendJson } from '../http/reply'
import { say } from '../i18n'
import type { NotesStore } from '../rest/notes-store'
import { playgroundRoots, playgroundSchema } from './schema'

const MAX_BODY = 1024 * 1024

interface GraphqlParams {
  query: string
  variables?: Record<string, unknown>
  operationName?: string
}

function paramsOf(value: unknown): GraphqlParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, say('graphqlBodyObject'))
  const { query, variables, operationName } = value as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '') throw new HttpError(400, say('graphqlQueryRequired'), { hint: say('graphqlQueryHint') })
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    throw new HttpError(400, say('graphqlVariablesObject'))
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw new HttpError(400, say('graphqlOperationName'))
  return { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined, operationName: operationName ?? undefined }
}

async function readParams(ctx: RequestContext): Promise<GraphqlParams> {
  if (ctx.req.method === 'GET') {
    const search = ctx.url.searchParams
    let variables: unknown
    try {
      variables = search.has('variables') ? JSON.parse(search.get('variables') ?? '') : undefined
    } catch {
      throw new HttpError(400, say('graphqlVariablesJson'))
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
    throw new HttpError(400, say('graphqlBodyJson'), { hint: say('graphqlBodyJsonHint') })
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
                message: params.operationName ? say('graphqlNoOperation', { name: params.operationName }) : say('graphqlSeveralOperations')
              }
            ]
          })
        const kind: OperationTypeNode = operation.operation
        if (kind === 'subscription') {
          return sendJson(ctx.res, 400, {
            errors: [{ message: say('graphqlSubscriptionsOverWs') }]
          })
        }
        if (kind === 'mutation' && ctx.req.method === 'GET') {
          return sendJson(ctx.res, 405, { errors: [{ message: say('graphqlMutationsPost') }] }, { Allow: 'POST' })
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
