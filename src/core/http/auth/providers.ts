import type { HeaderList, HttpAuth } from '../../../shared/http'
import { awsV4Provider } from './awsSigV4'
import { digestProvider } from './digestAuth'
import { oauth2Provider } from './oauth2Provider'
import { noSession, type AuthContext, type AuthProvider, type AuthSession } from './provider'
import { apiKeyProvider, basicProvider, bearerProvider } from './simpleAuth'

type SendableType = Exclude<HttpAuth['type'], 'none' | 'inherit'>

/**
 * Every auth type the engine can send, by name. A new auth type is one module exporting an
 * `AuthProvider` and one line here (plus its fields in `shared/http.ts` and its editor).
 */
export const authProviders: { [T in SendableType]: AuthProvider<T> } = {
  basic: basicProvider,
  bearer: bearerProvider,
  apikey: apiKeyProvider,
  digest: digestProvider,
  oauth2: oauth2Provider,
  awsv4: awsV4Provider
}

/** Starts the auth of one send: `none` and an unresolved `inherit` send nothing. */
export async function startAuth(auth: HttpAuth, headers: HeaderList, url: URL, ctx: AuthContext): Promise<{ headers: HeaderList; session: AuthSession }> {
  if (auth.type === 'none' || auth.type === 'inherit') return { headers, session: noSession }
  const provider = authProviders[auth.type] as AuthProvider<typeof auth.type>
  return provider.start(auth as never, headers, url, ctx)
}
