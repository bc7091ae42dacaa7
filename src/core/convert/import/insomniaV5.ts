import type { UnsupportedItem } from '../../../shared/convert'
import { asArray, asString, field, maxImportDepth, tooDeep } from './importModel'

type Resource = Record<string, unknown>

/**
 * An Insomnia v5 export (the YAML of Insomnia 10 and 11: `type: collection.insomnia.rest/5.0`) as the
 * flat v4 resources the importer reads: a workspace, folders and requests with `parentId`, the base
 * environment and its sub-environments. Insomnia converts v5 the same way when it imports one, so
 * both versions mean the same thing to Parley. Which kind a tree node is comes from its id prefix
 * (`fld_`, `req_`, `ws-req_`, `socketio-req_`, …), or, without one, from the fields it has.
 */
export function insomniaV5Resources(doc: unknown, unsupported: UnsupportedItem[]): unknown[] {
  const workspaceId = asString(field(field(doc, 'meta'), 'id')) || '__workspace__'
  const resources: unknown[] = [
    {
      _type: 'workspace',
      _id: workspaceId,
      parentId: null,
      name: asString(field(doc, 'name')),
      description: asString(field(field(doc, 'meta'), 'description')),
      _parley: field(doc, '_parley')
    }
  ]
  let counter = 0
  const walk = (nodes: unknown, parentId: string, depth: number, path: string): void => {
    if (depth > maxImportDepth) throw tooDeep(path)
    asArray(nodes).forEach((node, index) => {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) {
        resources.push(node) // reported as junk by the importer
        return
      }
      const meta = field(node, 'meta')
      const id = asString(field(meta, 'id')) || `__node_${++counter}`
      const type = nodeType(node as Resource, id)
      const common: Resource = {
        ...(node as Resource),
        _type: type,
        _id: id,
        parentId,
        description: asString(field(meta, 'description')),
        metaSortKey: typeof field(meta, 'sortKey') === 'number' ? field(meta, 'sortKey') : index
      }
      const scripts = field(node, 'scripts')
      if (scripts !== undefined) {
        common['preRequestScript'] = asString(field(scripts, 'preRequest'))
        common['afterResponseScript'] = asString(field(scripts, 'afterResponse'))
      }
      const followRedirects = asString(field(field(node, 'settings'), 'followRedirects'))
      if (followRedirects === 'on' || followRedirects === 'off') common['settingFollowRedirects'] = followRedirects
      resources.push(common)
      if (type === 'request_group')
        walk(field(node, 'children'), id, depth + 1, path === '' ? asString(field(node, 'name')) : `${path} / ${asString(field(node, 'name'))}`)
    })
  }
  walk(field(doc, 'collection'), workspaceId, 0, '')

  const environments = field(doc, 'environments')
  if (environments !== undefined && environments !== null) {
    const baseId = asString(field(field(environments, 'meta'), 'id')) || '__base_environment__'
    resources.push({
      _type: 'environment',
      _id: baseId,
      parentId: workspaceId,
      name: asString(field(environments, 'name')),
      data: field(environments, 'data') ?? {},
      _parley: field(environments, '_parley')
    })
    asArray(field(environments, 'subEnvironments')).forEach((sub, index) => {
      const id = asString(field(field(sub, 'meta'), 'id')) || `__environment_${index}`
      const sortKey = field(field(sub, 'meta'), 'sortKey')
      resources.push({
        _type: 'environment',
        _id: id,
        parentId: baseId,
        name: asString(field(sub, 'name')) || `Environment ${index + 1}`,
        data: field(sub, 'data') ?? {},
        _parley: field(sub, '_parley'),
        metaSortKey: typeof sortKey === 'number' ? sortKey : index
      })
    })
  }
  const jar = field(doc, 'cookieJar')
  if (jar !== undefined && jar !== null)
    resources.push({ _type: 'cookie_jar', _id: '__cookie_jar__', parentId: workspaceId, cookies: field(jar, 'cookies') ?? [] })
  if (field(doc, 'spec') !== undefined)
    unsupported.push({
      item: asString(field(doc, 'name')) || 'Insomnia',
      what: 'The API spec of this design document is not imported; import the spec itself as OpenAPI.'
    })
  const suites = asArray(field(doc, 'testSuites')).length
  if (suites > 0)
    unsupported.push({ item: asString(field(doc, 'name')) || 'Insomnia', what: `${suites} unit test suite${suites === 1 ? '' : 's'} are not imported.` })
  return resources
}

function nodeType(node: Resource, id: string): string {
  if (id.startsWith('fld_') || Array.isArray(node['children'])) return 'request_group'
  if (id.startsWith('socketio-req')) return 'socketio_request'
  if (id.startsWith('ws-req')) return 'websocket_request'
  if (id.startsWith('greq_') || node['reflectionApi'] !== undefined || node['protoMethodName'] !== undefined) return 'grpc_request'
  if (id.startsWith('mcp-req') || node['transportType'] !== undefined) return 'mcp_request'
  if (id.startsWith('req_') || typeof node['method'] === 'string') return 'request'
  if (Array.isArray(node['eventListeners'])) return 'socketio_request'
  if (/^wss?:\/\//i.test(asString(node['url']))) return 'websocket_request'
  return 'unknown'
}
