import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { SavedRequest } from '../../../../src/shared/collection'
import type { ImportResult } from '../../../../src/shared/convert'
import { useTempDir } from '../../support/tempDir'
import { call, type TreeFolder } from './importKit'

/** OAuth 2.0 of every grant from Postman and Insomnia, into Parley's OAuth 2.0 auth and back out. */
const tempDir = useTempDir('parley-oauth-import-')

const kv = (values: Record<string, string>) => Object.entries(values).map(([key, value]) => ({ key, value, type: 'string' }))
const common = {
  accessTokenUrl: 'https://auth.example.com/token',
  clientId: 'web-app',
  clientSecret: 'pm-s3cret',
  scope: 'read write',
  client_authentication: 'body'
}
const postman = {
  info: { name: 'OAuth grants', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'Code PKCE',
      request: {
        method: 'GET',
        url: 'https://api.example.com/a',
        auth: {
          type: 'oauth2',
          oauth2: kv({
            ...common,
            grant_type: 'authorization_code_with_pkce',
            authUrl: 'https://auth.example.com/authorize',
            redirect_uri: 'http://127.0.0.1:5000/cb',
            challengeAlgorithm: 'S256'
          })
        }
      }
    },
    {
      name: 'Code',
      request: {
        method: 'GET',
        url: 'https://api.example.com/b',
        auth: {
          type: 'oauth2',
          oauth2: kv({ ...common, grant_type: 'authorization_code', authUrl: 'https://auth.example.com/authorize', accessToken: 'old-token' })
        }
      }
    },
    {
      name: 'Implicit',
      request: {
        method: 'GET',
        url: 'https://api.example.com/c',
        auth: { type: 'oauth2', oauth2: kv({ ...common, grant_type: 'implicit', authUrl: 'https://auth.example.com/authorize' }) }
      }
    },
    {
      name: 'Password',
      request: {
        method: 'GET',
        url: 'https://api.example.com/d',
        auth: { type: 'oauth2', oauth2: kv({ ...common, grant_type: 'password_credentials', username: 'ana', password: 'pw-s3cret' }) }
      }
    }
  ]
}

async function importText(services: Services, text: string): Promise<{ result: ImportResult; requests: Map<string, SavedRequest> }> {
  const result = await call<ImportResult>(services, 'import.run', { text, targetDir: await tempDir() })
  const collectionId = result.collectionId as string
  const { root } = await call<{ root: TreeFolder }>(services, 'collection.tree', { collectionId })
  const requests = new Map<string, SavedRequest>()
  for (const child of root.children)
    if (child.type === 'request')
      requests.set(child.name, (await call<{ request: SavedRequest }>(services, 'request.read', { collectionId, path: child.path })).request)
  return { result, requests }
}

const authOf = (request: SavedRequest | undefined) => (request && 'auth' in request ? request.auth : undefined)

describe('import: OAuth 2.0 grants', () => {
  it('Postman v2.1: every grant becomes Parley OAuth 2.0, secrets go to the secret store, and both exporters write them back', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
    const { result, requests } = await importText(services, JSON.stringify(postman))
    expect(result.unsupported).toEqual([])
    expect(authOf(requests.get('Code PKCE'))).toEqual({
      type: 'oauth2',
      grant: 'authorization_code',
      tokenUrl: 'https://auth.example.com/token',
      authUrl: 'https://auth.example.com/authorize',
      redirectUri: 'http://127.0.0.1:5000/cb',
      clientId: 'web-app',
      clientSecret: 'pm-s3cret',
      scope: 'read write',
      clientAuth: 'body'
    })
    expect(authOf(requests.get('Code'))).toMatchObject({ grant: 'authorization_code', pkce: false })
    expect(authOf(requests.get('Implicit'))).toMatchObject({ grant: 'implicit', authUrl: 'https://auth.example.com/authorize' })
    expect(authOf(requests.get('Password'))).toMatchObject({ grant: 'password', username: 'ana', password: 'pw-s3cret' })
    // Literal secrets are in the data dir, not the collection's files (as for every imported credential).
    for (const file of await readdir(result.collectionPath!, { recursive: true })) {
      if (!file.endsWith('.yaml')) continue
      const text = await readFile(join(result.collectionPath!, file), 'utf8')
      expect(text).not.toContain('pm-s3cret')
      expect(text).not.toContain('pw-s3cret')
      expect(text).not.toContain('old-token')
    }

    for (const via of ['export.postman', 'export.insomnia'] as const) {
      const exported = await call<{ json?: string; yaml?: string }>(services, via, { collectionPath: result.collectionPath })
      const again = await importText(services, exported.json ?? exported.yaml ?? '')
      for (const name of requests.keys()) {
        // Credentials kept in the data dir are not exported: everything else comes back the same.
        const { clientSecret: _s, password: _p, ...before } = authOf(requests.get(name)) as Record<string, unknown>
        const { clientSecret: _s2, password: _p2, ...after } = authOf(again.requests.get(name)) as Record<string, unknown>
        expect(after, `${via}: ${name}`).toEqual(before)
      }
    }
    await services.dispose()
  })

  it('Insomnia v4: authorization code with PKCE and implicit come in with their URLs', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
    const oauth = {
      type: 'oauth2',
      accessTokenUrl: 'https://auth.example.com/token',
      authorizationUrl: 'https://auth.example.com/authorize',
      redirectUrl: 'http://localhost/cb',
      clientId: 'ins-app',
      clientSecret: '',
      scope: 'openid'
    }
    const insomnia = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'Insomnia OAuth', parentId: null },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'PKCE',
          method: 'GET',
          url: 'https://api.example.com/a',
          authentication: { ...oauth, grantType: 'authorization_code', usePkce: true, pkceMethod: 'S256' }
        },
        {
          _id: 'req_2',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'Implicit',
          method: 'GET',
          url: 'https://api.example.com/b',
          authentication: { ...oauth, grantType: 'implicit' }
        }
      ]
    }
    const { result, requests } = await importText(services, JSON.stringify(insomnia))
    expect(result.unsupported).toEqual([])
    expect(authOf(requests.get('PKCE'))).toEqual({
      type: 'oauth2',
      grant: 'authorization_code',
      tokenUrl: 'https://auth.example.com/token',
      authUrl: 'https://auth.example.com/authorize',
      redirectUri: 'http://localhost/cb',
      clientId: 'ins-app',
      clientSecret: '',
      scope: 'openid',
      clientAuth: 'basic'
    })
    expect(authOf(requests.get('Implicit'))).toMatchObject({ grant: 'implicit', authUrl: 'https://auth.example.com/authorize' })
    await services.dispose()
  })
  it('a PKCE method "plain" is listed as not carried over (Parley always sends S256), from Postman and Insomnia', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
    const plainPostman = {
      info: postman.info,
      item: [
        {
          name: 'Plain',
          request: {
            method: 'GET',
            url: 'https://api.example.com/a',
            auth: {
              type: 'oauth2',
              oauth2: kv({ ...common, grant_type: 'authorization_code_with_pkce', authUrl: 'https://auth.example.com/authorize', challengeAlgorithm: 'plain' })
            }
          }
        }
      ]
    }
    const fromPostman = await importText(services, JSON.stringify(plainPostman))
    expect(fromPostman.result.unsupported).toEqual([{ item: 'Plain', what: expect.stringMatching(/PKCE method "plain".*S256/) }])
    expect(authOf(fromPostman.requests.get('Plain'))).toMatchObject({ grant: 'authorization_code' })
    expect(authOf(fromPostman.requests.get('Plain'))).not.toHaveProperty('pkce')

    const plainInsomnia = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'Plain PKCE', parentId: null },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'Plain',
          method: 'GET',
          url: 'https://api.example.com/a',
          authentication: {
            type: 'oauth2',
            grantType: 'authorization_code',
            accessTokenUrl: 'https://auth.example.com/token',
            authorizationUrl: 'https://auth.example.com/authorize',
            clientId: 'ins-app',
            usePkce: true,
            pkceMethod: 'plain'
          }
        }
      ]
    }
    const fromInsomnia = await importText(services, JSON.stringify(plainInsomnia))
    expect(fromInsomnia.result.unsupported).toEqual([{ item: expect.stringContaining('Plain'), what: expect.stringMatching(/PKCE method "plain".*S256/) }])
    await services.dispose()
  })
})
